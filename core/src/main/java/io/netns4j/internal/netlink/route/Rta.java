package io.netns4j.internal.netlink.route;

/**
 * Route messages ({@code linux/rtnetlink.h}): message types, RTA_* attributes, RTAX_*
 * metrics, route types, protocols, scopes, reserved tables and flags.
 */
public final class Rta {
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;

    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_IIF = 3;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_METRICS = 8;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_FLOW = 11;
    public static final int RTA_CACHEINFO = 12;
    public static final int RTA_TABLE = 15;
    public static final int RTA_MARK = 16;
    public static final int RTA_VIA = 18;
    public static final int RTA_NEWDST = 19;
    public static final int RTA_PREF = 20;
    public static final int RTA_ENCAP_TYPE = 21;
    public static final int RTA_ENCAP = 22;
    public static final int RTA_EXPIRES = 23;
    public static final int RTA_UID = 25;
    public static final int RTA_TTL_PROPAGATE = 26;
    public static final int RTA_IP_PROTO = 27;
    public static final int RTA_SPORT = 28;
    public static final int RTA_DPORT = 29;
    public static final int RTA_NH_ID = 30;

    /** RTA_METRICS nests these; RTAX_LOCK is a bit mask of locked metrics (1 << RTAX_*). */
    public static final int RTAX_LOCK = 1;
    public static final int RTAX_MTU = 2;
    public static final int RTAX_HOPLIMIT = 10;
    public static final int RTAX_FEATURES = 12;
    public static final int RTAX_CC_ALGO = 16;

    public static final int RTN_UNSPEC = 0;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    public static final int RTN_BROADCAST = 3;
    public static final int RTN_ANYCAST = 4;
    public static final int RTN_MULTICAST = 5;
    public static final int RTN_BLACKHOLE = 6;
    public static final int RTN_UNREACHABLE = 7;
    public static final int RTN_PROHIBIT = 8;
    public static final int RTN_THROW = 9;
    public static final int RTN_NAT = 10;

    public static final int RTPROT_UNSPEC = 0;
    public static final int RTPROT_KERNEL = 2;
    public static final int RTPROT_BOOT = 3;
    public static final int RTPROT_STATIC = 4;

    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_SITE = 200;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RT_SCOPE_NOWHERE = 255;

    public static final int RT_TABLE_UNSPEC = 0;
    public static final int RT_TABLE_DEFAULT = 253;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;

    /** rtm_flags. */
    public static final int RTM_F_NOTIFY = 0x100;
    public static final int RTM_F_CLONED = 0x200;
    public static final int RTM_F_LOOKUP_TABLE = 0x1000;
    public static final int RTM_F_FIB_MATCH = 0x2000;

    /** rtnh_flags, also in rtm_flags. */
    public static final int RTNH_F_ONLINK = 0x4;

    /** {@code struct rtnexthop}: len u16, flags u8, hops u8, ifindex s32. */
    public static final int RTNEXTHOP_LENGTH = 8;

    /** {@code struct rta_cacheinfo}: rta_expires (s32, clock ticks) sits at this offset. */
    public static final int CACHEINFO_EXPIRES_OFFSET = 8;

    private Rta() {
    }
}
