package io.netns4j.internal.netlink.nft;

/**
 * nf_tables' netlink numbers (linux/netfilter/nf_tables.h, nfnetlink.h): message types,
 * attribute types and the values iptables-nft uses. nf_tables' integer attributes are big-endian.
 */
public final class Nft {
    public static final int NETLINK_NETFILTER = 12;
    public static final int NFNL_SUBSYS_NFTABLES = 10;
    public static final int NFNL_MSG_BATCH_BEGIN = 0x10;
    public static final int NFNL_MSG_BATCH_END = 0x11;
    /** struct nfgenmsg: family, version, resource id. */
    public static final int NFGENMSG_LENGTH = 4;

    public static final int MSG_NEWTABLE = 0;
    public static final int MSG_GETTABLE = 1;
    public static final int MSG_DELTABLE = 2;
    public static final int MSG_NEWCHAIN = 3;
    public static final int MSG_GETCHAIN = 4;
    public static final int MSG_DELCHAIN = 5;
    public static final int MSG_NEWRULE = 6;
    public static final int MSG_GETRULE = 7;
    public static final int MSG_DELRULE = 8;

    public static final int TABLE_NAME = 1;
    public static final int TABLE_FLAGS = 2;

    public static final int CHAIN_TABLE = 1;
    public static final int CHAIN_HANDLE = 2;
    public static final int CHAIN_NAME = 3;
    public static final int CHAIN_HOOK = 4;
    public static final int CHAIN_POLICY = 5;
    public static final int CHAIN_TYPE = 7;
    public static final int HOOK_HOOKNUM = 1;
    public static final int HOOK_PRIORITY = 2;

    public static final int RULE_TABLE = 1;
    public static final int RULE_CHAIN = 2;
    public static final int RULE_HANDLE = 3;
    public static final int RULE_EXPRESSIONS = 4;
    public static final int RULE_COMPAT = 5;
    public static final int RULE_POSITION = 6;
    public static final int RULE_USERDATA = 7;
    public static final int RULE_COMPAT_PROTO = 1;
    public static final int RULE_COMPAT_FLAGS = 2;
    public static final int RULE_COMPAT_F_INV = 1 << 1;

    public static final int LIST_ELEM = 1;
    public static final int EXPR_NAME = 1;
    public static final int EXPR_DATA = 2;
    public static final int DATA_VALUE = 1;
    public static final int DATA_VERDICT = 2;
    public static final int VERDICT_CODE = 1;
    public static final int VERDICT_CHAIN = 2;

    /** Verdict codes (NF_DROP, NF_ACCEPT and nf_tables' own negative ones). */
    public static final int NF_DROP = 0;
    public static final int NF_ACCEPT = 1;
    public static final int NFT_CONTINUE = -1;
    public static final int NFT_JUMP = -3;
    public static final int NFT_GOTO = -4;
    public static final int NFT_RETURN = -5;

    public static final int REG_VERDICT = 0;
    public static final int REG_1 = 1;

    private Nft() {
    }
}
