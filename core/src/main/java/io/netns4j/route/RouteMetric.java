package io.netns4j.route;

import io.netns4j.types.KernelNumbered;



/**
 * A per-route metric (the kernel's RTAX_*, nested in RTA_METRICS), in the kernel's order,
 * which is the order {@code ip} prints them in. Values are the kernel's raw numbers:
 * {@code rtt} is in 1/8 ms and {@code rttvar} in 1/4 ms, as the kernel stores them.
 */
public enum RouteMetric implements KernelNumbered {
    MTU(2, "mtu"),
    WINDOW(3, "window"),
    RTT(4, "rtt"),
    RTTVAR(5, "rttvar"),
    SSTHRESH(6, "ssthresh"),
    CWND(7, "cwnd"),
    ADVMSS(8, "advmss"),
    REORDERING(9, "reordering"),
    HOPLIMIT(10, "hoplimit"),
    INITCWND(11, "initcwnd"),
    FEATURES(12, "features"),
    RTO_MIN(13, "rto_min"),
    INITRWND(14, "initrwnd"),
    QUICKACK(15, "quickack"),
    FASTOPEN_NO_COOKIE(17, "fastopen_no_cookie");

    private final int number;
    private final String ipName;

    RouteMetric(int number, String ipName) {
        this.number = number;
        this.ipName = ipName;
    }

    /** The RTAX_* number. */
    @Override
    public int number() {
        return number;
    }

    /** The keyword {@code ip route} takes and prints. */
    public String ipName() {
        return ipName;
    }

    /** The metric with RTAX_* number {@code n}, or null (RTAX_CC_ALGO and later ones). */
    public static RouteMetric ofNumber(int n) {
        return KernelNumbered.byNumber(values(), n, null);
    }
}
