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

    public static final int VETH_INFO_PEER = 1;

    public static final int IFLA_BR_FORWARD_DELAY = 1;
    public static final int IFLA_BR_HELLO_TIME = 2;
    public static final int IFLA_BR_MAX_AGE = 3;
    public static final int IFLA_BR_AGEING_TIME = 4;
    public static final int IFLA_BR_STP_STATE = 5;
    public static final int IFLA_BR_PRIORITY = 6;
    public static final int IFLA_BR_VLAN_FILTERING = 7;
    public static final int IFLA_BR_VLAN_PROTOCOL = 8;

    public static final int IFLA_MACVLAN_MODE = 1;

    public static final int IFLA_VXLAN_ID = 1;
    public static final int IFLA_VXLAN_GROUP = 2;
    public static final int IFLA_VXLAN_LINK = 3;
    public static final int IFLA_VXLAN_LOCAL = 4;
    public static final int IFLA_VXLAN_TTL = 5;
    public static final int IFLA_VXLAN_LEARNING = 7;
    public static final int IFLA_VXLAN_PORT = 15;
    public static final int IFLA_VXLAN_GROUP6 = 16;
    public static final int IFLA_VXLAN_LOCAL6 = 17;

    public static final int IFLA_VLAN_ID = 1;
    public static final int IFLA_VLAN_PROTOCOL = 5;

    public static final int IFLA_IPVLAN_MODE = 1;
    public static final int IFLA_IPVLAN_FLAGS = 2;

    public static final int IFLA_VRF_TABLE = 1;

    public static final int IFLA_GENEVE_ID = 1;
    public static final int IFLA_GENEVE_REMOTE = 2;
    public static final int IFLA_GENEVE_TTL = 3;
    public static final int IFLA_GENEVE_TOS = 4;
    public static final int IFLA_GENEVE_PORT = 5;
    public static final int IFLA_GENEVE_LABEL = 11;
    public static final int IFLA_GENEVE_REMOTE6 = 7;

    /** IFLA_EXT_MASK bit asking for VF info, as {@code ip link show} sends. */
    public static final int RTEXT_FILTER_VF = 1;

    private Ifla() {
    }
}
