package io.netns4j.route;

import io.netns4j.types.KernelNumbered;



/**
 * A per-route metric (the kernel's RTAX_*, nested in RTA_METRICS), in the kernel's order,
 * which is the order {@code ip} prints them in. Values are the kernel's raw numbers:
 * {@code rtt} is in 1/8 ms and {@code rttvar} in 1/4 ms, as the kernel stores them.
 */
public enum RouteMetric implements KernelNumbered {
    /** RTAX_MTU: the path MTU, in bytes. */
    MTU(2, "mtu"),
    /** RTAX_WINDOW: the largest TCP window to advertise, in bytes. */
    WINDOW(3, "window"),
    /** RTAX_RTT: the initial round-trip time estimate, in 1/8 ms. */
    RTT(4, "rtt"),
    /** RTAX_RTTVAR: the initial round-trip time variance, in 1/4 ms. */
    RTTVAR(5, "rttvar"),
    /** RTAX_SSTHRESH: the initial TCP slow-start threshold, in segments. */
    SSTHRESH(6, "ssthresh"),
    /** RTAX_CWND: the TCP congestion window clamp, in segments. */
    CWND(7, "cwnd"),
    /** RTAX_ADVMSS: the MSS to advertise, in bytes. */
    ADVMSS(8, "advmss"),
    /** RTAX_REORDERING: the initial TCP reordering estimate, in segments. */
    REORDERING(9, "reordering"),
    /** RTAX_HOPLIMIT: the TTL or hop limit of outgoing packets. */
    HOPLIMIT(10, "hoplimit"),
    /** RTAX_INITCWND: the initial TCP congestion window, in segments. */
    INITCWND(11, "initcwnd"),
    /** RTAX_FEATURES: TCP feature bits (RTAX_FEATURE_ECN, ...). */
    FEATURES(12, "features"),
    /** RTAX_RTO_MIN: the smallest TCP retransmission time-out, in milliseconds. */
    RTO_MIN(13, "rto_min"),
    /** RTAX_INITRWND: the initial TCP receive window, in segments. */
    INITRWND(14, "initrwnd"),
    /** RTAX_QUICKACK: 1 to turn TCP delayed ACKs off. */
    QUICKACK(15, "quickack"),
    /** RTAX_FASTOPEN_NO_COOKIE: 1 to allow TCP Fast Open without a cookie. */
    FASTOPEN_NO_COOKIE(17, "fastopen_no_cookie");

    private final int number;
    private final String ipName;

    RouteMetric(int number, String ipName) {
        this.number = number;
        this.ipName = ipName;
    }

    /**
     * The RTAX_* number.
     *
     * @return the number
     */
    @Override
    public int number() {
        return number;
    }

    /**
     * The keyword {@code ip route} takes and prints.
     *
     * @return e.g. {@code mtu}
     */
    public String ipName() {
        return ipName;
    }

    /**
     * The metric with an RTAX_* number.
     *
     * @param n the number
     * @return the metric, or null (RTAX_CC_ALGO and later ones)
     */
    public static RouteMetric ofNumber(int n) {
        return KernelNumbered.byNumber(values(), n, null);
    }
}
