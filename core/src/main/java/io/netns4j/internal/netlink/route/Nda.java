package io.netns4j.internal.netlink.route;

/**
 * Neighbour messages ({@code linux/neighbour.h}, {@code linux/rtnetlink.h}): message types,
 * NDA_* attributes, NTF_* flags and NUD_* states.
 */
public final class Nda {
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_DELNEIGH = 29;
    public static final int RTM_GETNEIGH = 30;

    public static final int NDA_DST = 1;
    public static final int NDA_LLADDR = 2;
    public static final int NDA_CACHEINFO = 3;
    public static final int NDA_PROBES = 4;
    public static final int NDA_VLAN = 5;
    public static final int NDA_PORT = 6;
    public static final int NDA_VNI = 7;
    public static final int NDA_IFINDEX = 8;
    public static final int NDA_MASTER = 9;
    public static final int NDA_LINK_NETNSID = 10;
    public static final int NDA_SRC_VNI = 11;
    public static final int NDA_PROTOCOL = 12;
    public static final int NDA_NH_ID = 13;
    public static final int NDA_FDB_EXT_ATTRS = 14;
    public static final int NDA_FLAGS_EXT = 15;

    public static final int NTF_USE = 0x01;
    public static final int NTF_SELF = 0x02;
    public static final int NTF_MASTER = 0x04;
    public static final int NTF_PROXY = 0x08;
    public static final int NTF_EXT_LEARNED = 0x10;
    public static final int NTF_OFFLOADED = 0x20;
    public static final int NTF_STICKY = 0x40;
    public static final int NTF_ROUTER = 0x80;

    public static final int NUD_NONE = 0x00;
    public static final int NUD_INCOMPLETE = 0x01;
    public static final int NUD_REACHABLE = 0x02;
    public static final int NUD_STALE = 0x04;
    public static final int NUD_DELAY = 0x08;
    public static final int NUD_PROBE = 0x10;
    public static final int NUD_FAILED = 0x20;
    public static final int NUD_NOARP = 0x40;
    public static final int NUD_PERMANENT = 0x80;

    private Nda() {
    }
}
