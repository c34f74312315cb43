package io.netns4j.qdisc;

/**
 * A queueing discipline as {@code tc qdisc show} lists it.
 *
 * @param handle  major:minor packed as the kernel packs it (8001: is 0x80010000)
 * @param parent  the parent's handle; {@link #ROOT} for a device's root
 * @param refcnt  the kernel's reference count (tcm_info)
 * @param tbf     the token bucket's settings when {@code kind} is "tbf", else null
 */
public record Qdisc(int ifindex, String device, String kind, int handle, int parent, int refcnt, Tbf tbf) {
    public static final int ROOT = 0xFFFFFFFF;

    /** tbf's settings read back: rate (bytes/s), burst (bytes), latency (us), limit (bytes). */
    public record Tbf(long rate, long burst, long latencyMicros, long limit) {
    }

    public boolean isRoot() {
        return parent == ROOT;
    }

    /** The handle as tc writes it: {@code 8001:}. */
    public String handleText() {
        return Integer.toHexString(handle >>> 16) + ":" + ((handle & 0xffff) == 0 ? "" : Integer.toHexString(handle & 0xffff));
    }
}
