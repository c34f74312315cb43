package io.netns4j.internal.netlink.nft;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * The nf_tables requests iptables-nft sends (tables, chains, rules; batch begin and end) and
 * the readers of what the kernel dumps back. Pure data: no I/O.
 */
public final class NftMessages {
    private NftMessages() {
    }

    /** A rule as the kernel dumps it. */
    public record RuleMessage(int family, String table, String chain, long handle, List<NftExpression> expressions,
                              byte[] userdata) {
    }

    /** A chain as the kernel dumps it; {@code hook} is -1 for a user chain. */
    public record ChainMessage(int family, String table, String name, int hook, int priority, int policy,
                               String type) {
        public boolean isBase() {
            return hook >= 0;
        }
    }

    private static MessageBuilder message(int type, int flags, int family) {
        return new MessageBuilder((Nft.NFNL_SUBSYS_NFTABLES << 8) | type, flags)
                .u8(family).u8(0).u16(0);
    }

    /** NFNL_MSG_BATCH_BEGIN or _END for nf_tables (resource id = the subsystem, big-endian). */
    public static byte[] batch(boolean begin) {
        return new MessageBuilder(begin ? Nft.NFNL_MSG_BATCH_BEGIN : Nft.NFNL_MSG_BATCH_END, Netlink.NLM_F_REQUEST)
                .u8(0).u8(0).u8(0).u8(Nft.NFNL_SUBSYS_NFTABLES).build();
    }

    /** {@code nft add table FAMILY NAME}. */
    public static byte[] newTable(int family, String name) {
        return message(Nft.MSG_NEWTABLE, Netlink.NLM_F_CREATE, family).attrString(Nft.TABLE_NAME, name)
                .attr(Nft.TABLE_FLAGS, NftChecks.be32(0)).build();
    }

    /** A base chain: {@code nft add chain FAMILY TABLE NAME { type TYPE hook H priority P; policy X; }}. */
    public static byte[] newBaseChain(int family, String table, String name, String type, int hook, int priority,
                                      int policy) {
        MessageBuilder b = message(Nft.MSG_NEWCHAIN, Netlink.NLM_F_CREATE, family)
                .attrString(Nft.CHAIN_TABLE, table).attrString(Nft.CHAIN_NAME, name);
        int h = b.beginNested(Nft.CHAIN_HOOK);
        b.attr(Nft.HOOK_HOOKNUM, NftChecks.be32(hook)).attr(Nft.HOOK_PRIORITY, NftChecks.be32(priority)).endNested(h);
        return b.attr(Nft.CHAIN_POLICY, NftChecks.be32(policy)).attrString(Nft.CHAIN_TYPE, type).build();
    }

    /** {@code nft delete table FAMILY NAME}: the table with its chains and rules (iptables-restore's flush). */
    public static byte[] deleteTable(int family, String name) {
        return message(Nft.MSG_DELTABLE, 0, family).attrString(Nft.TABLE_NAME, name).build();
    }

    /** A base chain's new policy ({@code iptables -P}). */
    public static byte[] setPolicy(int family, String table, String name, int policy) {
        return message(Nft.MSG_NEWCHAIN, 0, family).attrString(Nft.CHAIN_TABLE, table)
                .attrString(Nft.CHAIN_NAME, name).attr(Nft.CHAIN_POLICY, NftChecks.be32(policy)).build();
    }

    /** A user chain: {@code nft add chain FAMILY TABLE NAME}. */
    public static byte[] newUserChain(int family, String table, String name) {
        return message(Nft.MSG_NEWCHAIN, Netlink.NLM_F_CREATE, family).attrString(Nft.CHAIN_TABLE, table)
                .attrString(Nft.CHAIN_NAME, name).build();
    }

    /** {@code nft delete chain FAMILY TABLE NAME}. */
    public static byte[] deleteChain(int family, String table, String name) {
        return message(Nft.MSG_DELCHAIN, 0, family).attrString(Nft.CHAIN_TABLE, table)
                .attrString(Nft.CHAIN_NAME, name).build();
    }

    /**
     * A new rule: appended when {@code beforeHandle} is 0, else inserted before that rule;
     * with {@code replaceHandle} non-zero it replaces that rule. {@code compatProtocol} is
     * iptables' {@code -p} (0 for none), which the kernel hands to xtables extensions' checks.
     */
    public static byte[] newRule(int family, String table, String chain, List<NftExpression> expressions,
                                 int compatProtocol, boolean compatInverted, long beforeHandle, long replaceHandle) {
        int flags = replaceHandle != 0 ? Netlink.NLM_F_REPLACE
                : beforeHandle != 0 ? Netlink.NLM_F_CREATE : Netlink.NLM_F_CREATE | Netlink.NLM_F_APPEND;
        MessageBuilder b = message(Nft.MSG_NEWRULE, flags, family).attrString(Nft.RULE_TABLE, table)
                .attrString(Nft.RULE_CHAIN, chain);
        if (replaceHandle != 0) {
            b.attr(Nft.RULE_HANDLE, NftChecks.be64(replaceHandle));
        }
        if (beforeHandle != 0) {
            b.attr(Nft.RULE_POSITION, NftChecks.be64(beforeHandle));
        }
        int list = b.beginNested(Nft.RULE_EXPRESSIONS);
        for (NftExpression e : expressions) {
            NftExpression.write(b, e);
        }
        b.endNested(list);
        int compat = b.beginNested(Nft.RULE_COMPAT);
        b.attr(Nft.RULE_COMPAT_PROTO, NftChecks.be32(compatProtocol))
                .attr(Nft.RULE_COMPAT_FLAGS, NftChecks.be32(compatInverted ? Nft.RULE_COMPAT_F_INV : 0))
                .endNested(compat);
        return b.build();
    }

    /** Deletes one rule by handle, or (handle 0) every rule of the chain, or (chain null) of the table. */
    public static byte[] deleteRules(int family, String table, String chain, long handle) {
        MessageBuilder b = message(Nft.MSG_DELRULE, 0, family).attrString(Nft.RULE_TABLE, table);
        if (chain != null) {
            b.attrString(Nft.RULE_CHAIN, chain);
        }
        if (handle != 0) {
            b.attr(Nft.RULE_HANDLE, NftChecks.be64(handle));
        }
        return b.build();
    }

    /** A dump request for the rules of one table. */
    public static byte[] dumpRules(int family, String table) {
        return message(Nft.MSG_GETRULE, 0, family).attrString(Nft.RULE_TABLE, table).build();
    }

    /** A dump request for the chains of one table. */
    public static byte[] dumpChains(int family, String table) {
        return message(Nft.MSG_GETCHAIN, 0, family).attrString(Nft.CHAIN_TABLE, table).build();
    }

    /** A request for one table (answered by NFT_MSG_NEWTABLE, or ENOENT). */
    public static byte[] getTable(int family, String table) {
        return message(Nft.MSG_GETTABLE, 0, family).attrString(Nft.TABLE_NAME, table).build();
    }

    /** Reads a dumped rule. */
    public static RuleMessage readRule(NetlinkMessage m) throws MalformedMessageException {
        Attributes a = m.attributes(Nft.NFGENMSG_LENGTH);
        List<NftExpression> expressions = new ArrayList<>();
        if (a.has(Nft.RULE_EXPRESSIONS)) {
            for (Attribute elem : a.nested(Nft.RULE_EXPRESSIONS).all()) {
                if (elem.type() != Nft.LIST_ELEM) {
                    throw new MalformedMessageException("rule expression list holds attribute type " + elem.type());
                }
                expressions.add(NftExpression.read(Attributes.parse(elem.value())));
            }
        }
        return new RuleMessage(family(m), required(a, Nft.RULE_TABLE, "rule table"),
                required(a, Nft.RULE_CHAIN, "rule chain"), NftChecks.be64(a.bytes(Nft.RULE_HANDLE), "rule handle"),
                List.copyOf(expressions), a.bytes(Nft.RULE_USERDATA));
    }

    /** Reads a dumped chain. */
    public static ChainMessage readChain(NetlinkMessage m) throws MalformedMessageException {
        Attributes a = m.attributes(Nft.NFGENMSG_LENGTH);
        int hook = -1;
        int priority = 0;
        if (a.has(Nft.CHAIN_HOOK)) {
            Attributes h = a.nested(Nft.CHAIN_HOOK);
            hook = NftChecks.be32(h.bytes(Nft.HOOK_HOOKNUM), "chain hook number");
            priority = NftChecks.be32(h.bytes(Nft.HOOK_PRIORITY), "chain hook priority");
        }
        int policy = a.has(Nft.CHAIN_POLICY) ? NftChecks.be32(a.bytes(Nft.CHAIN_POLICY), "chain policy") : Nft.NF_ACCEPT;
        return new ChainMessage(family(m), required(a, Nft.CHAIN_TABLE, "chain table"),
                required(a, Nft.CHAIN_NAME, "chain name"), hook, priority, policy, a.string(Nft.CHAIN_TYPE));
    }

    private static int family(NetlinkMessage m) throws MalformedMessageException {
        byte[] p = m.payloadView();
        if (p.length < Nft.NFGENMSG_LENGTH) {
            throw new MalformedMessageException("nf_tables message of " + p.length + " bytes has no nfgenmsg");
        }
        return p[0] & 0xff;
    }

    private static String required(Attributes a, int type, String what) throws MalformedMessageException {
        String s = a.string(type);
        if (s == null) {
            throw new MalformedMessageException(what + " is missing");
        }
        return s;
    }
}
