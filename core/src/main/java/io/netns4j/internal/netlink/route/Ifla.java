package io.netns4j.internal.netlink.route;

/** Link attributes ({@code linux/if_link.h}) and link-kind data attributes. */
public final class Ifla {
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_BROADCAST = 2;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_QDISC = 6;
    public static final int IFLA_STATS = 7;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_TXQLEN = 13;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKMODE = 17;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_NET_NS_PID = 19;
    public static final int IFLA_IFALIAS = 20;
    public static final int IFLA_STATS64 = 23;
    public static final int IFLA_AF_SPEC = 26;
    public static final int IFLA_GROUP = 27;
    public static final int IFLA_NET_NS_FD = 28;
    public static final int IFLA_EXT_MASK = 29;
    public static final int IFLA_PROMISCUITY = 30;
    public static final int IFLA_NUM_TX_QUEUES = 31;
    public static final int IFLA_NUM_RX_QUEUES = 32;
    public static final int IFLA_CARRIER = 33;
    public static final int IFLA_LINK_NETNSID = 37;
    public static final int IFLA_MIN_MTU = 50;
    public static final int IFLA_MAX_MTU = 51;
    public static final int IFLA_ALT_IFNAME = 53;

    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_INFO_SLAVE_KIND = 4;
    public static final int IFLA_INFO_SLAVE_DATA = 5;

    // Kind-specific attributes (IFLA_BR_*, IFLA_VXLAN_*, ...) live with their kind in io.netns4j.link.

    /** IFLA_EXT_MASK bit asking for VF info, as {@code ip link show} sends. */
    public static final int RTEXT_FILTER_VF = 1;

    private Ifla() {
    }
}
