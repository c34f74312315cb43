package io.netns4j.internal.netlink.route;

/** rtnetlink message types and multicast groups ({@code linux/rtnetlink.h}). */
public final class Rtnl {
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;
    public static final int RTM_NEWNSID = 88;
    public static final int RTM_DELNSID = 89;
    public static final int RTM_GETNSID = 90;

    public static final int RTNLGRP_LINK = 1;
    public static final int RTNLGRP_NSID = 28;

    public static final int AF_UNSPEC = 0;

    private Rtnl() {
    }
}
