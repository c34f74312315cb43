package io.netns4j.qdisc;

/**
 * A queueing discipline as {@code tc qdisc show} lists it.
 *
 * @param ifindex the device's interface index
 * @param device  the device's name, or null when it was not found in the link dump
 * @param kind    the qdisc's kind (TCA_KIND): "noqueue", "fq_codel", "tbf", "netem", ...
 * @param handle  major:minor packed as the kernel packs it (8001: is 0x80010000)
 * @param parent  the parent's handle; {@link #ROOT} for a device's root
 * @param refcnt  the kernel's reference count (tcm_info)
 * @param tbf     the token bucket's settings when {@code kind} is "tbf", else null
 * @param stats   the counters (TCA_STATS2), or null when the kernel sent none; not part of equality
 *                (two listings of one qdisc are equal while its counters move)
 */
public record Qdisc(int ifindex, String device, String kind, int handle, int parent, int refcnt, Tbf tbf,
                    Stats stats) {

    /**
     * A qdisc without counters (as requests describe one).
     *
     * @param ifindex see the record
     * @param device  see the record
     * @param kind    see the record
     * @param handle  see the record
     * @param parent  see the record
     * @param refcnt  see the record
     * @param tbf     see the record
     */
    public Qdisc(int ifindex, String device, String kind, int handle, int parent, int refcnt, Tbf tbf) {
        this(ifindex, device, kind, handle, parent, refcnt, tbf, null);
    }

    /**
     * The qdisc's counters (TCA_STATS2), as {@code tc -s qdisc show} prints them.
     *
     * @param bytes      bytes sent
     * @param packets    packets sent
     * @param drops      packets dropped
     * @param overlimits times the qdisc held packets back (over its limit)
     * @param requeues   packets put back to the queue
     * @param backlog    bytes queued now
     * @param qlen       packets queued now
     */
    public record Stats(long bytes, long packets, long drops, long overlimits, long requeues, long backlog,
                        long qlen) {
    }
    /** The parent of a device's root qdisc (TC_H_ROOT): {@code tc qdisc ... root}. */
    public static final int ROOT = 0xFFFFFFFF;
    /** The parent of a clsact qdisc (TC_H_CLSACT, {@code ffff:fff1}): {@code tc qdisc ... clsact}. */
    public static final int CLSACT = 0xFFFFFFF1;
    /** A clsact qdisc's handle, {@code ffff:}. */
    public static final int CLSACT_HANDLE = 0xFFFF0000;
    /** Where a clsact qdisc's ingress filters hang ({@code ffff:fff2}): {@code tc filter ... ingress}. */
    public static final int CLSACT_INGRESS = 0xFFFFFFF2;
    /** Where a clsact qdisc's egress filters hang ({@code ffff:fff3}): {@code tc filter ... egress}. */
    public static final int CLSACT_EGRESS = 0xFFFFFFF3;

    /**
     * tbf's settings read back.
     *
     * @param rate          the rate, in bytes per second
     * @param burst         the bucket size, in bytes
     * @param latencyMicros the latency tc prints, in microseconds, computed from the limit as tc computes it
     * @param limit         the queue length, in bytes
     */
    public record Tbf(long rate, long burst, long latencyMicros, long limit) {
    }

    /**
     * Whether this is a device's root qdisc.
     *
     * @return whether {@code parent} is {@link #ROOT}
     */
    public boolean isRoot() {
        return parent == ROOT;
    }

    /**
     * The handle as tc writes it.
     *
     * @return e.g. {@code 8001:}, or {@code 1:1} for a minor other than 0 (hexadecimal)
     */
    public String handleText() {
        return Integer.toHexString(handle >>> 16) + ":" + ((handle & 0xffff) == 0 ? "" : Integer.toHexString(handle & 0xffff));
    }

    /** Equal when all but the counters are: the same qdisc read twice. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Qdisc q && q.ifindex == ifindex && java.util.Objects.equals(q.device, device)
                && java.util.Objects.equals(q.kind, kind) && q.handle == handle && q.parent == parent
                && q.refcnt == refcnt && java.util.Objects.equals(q.tbf, tbf);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(ifindex, device, kind, handle, parent, refcnt, tbf);
    }
}
