package io.netns4j.filter;

import java.util.List;

/**
 * A filter as {@code tc filter show dev DEV egress} lists it. A u32 filter appears as several
 * entries (its head, its hash table, its rules); only rules carry actions.
 *
 * @param ifindex  the device's index
 * @param device   the device's name
 * @param parent   where the filter hangs, e.g. {@link io.netns4j.qdisc.Qdisc#CLSACT_EGRESS}
 * @param priority its preference ({@code pref}), e.g. 49152 when tc picked it
 * @param protocol the Ethernet protocol it applies to, host order (3 for {@code all})
 * @param kind     the classifier, e.g. {@code u32}
 * @param handle   the filter's handle, e.g. {@code 0x80000800} for u32's {@code 800::800}
 * @param chain    its chain, 0 by default
 * @param mirred   its mirred actions, in order; empty when none
 */
public record TcFilter(int ifindex, String device, int parent, int priority, int protocol, String kind, int handle,
                       int chain, List<MirredAction> mirred) {
    /** {@code protocol all}: ETH_P_ALL. */
    public static final int PROTOCOL_ALL = 0x0003;

    /**
     * Copies the list of actions.
     *
     * @param ifindex  the device's index
     * @param device   the device's name
     * @param parent   where it hangs
     * @param priority its preference
     * @param protocol its protocol, host order
     * @param kind     the classifier
     * @param handle   its handle
     * @param chain    its chain
     * @param mirred   its mirred actions
     */
    public TcFilter {
        mirred = List.copyOf(mirred);
    }

    /**
     * The device every frame is redirected to by this filter's first egress-redirect action, if any.
     *
     * @return the target's index, or 0 when the filter redirects nowhere
     */
    public int redirectTarget() {
        for (MirredAction a : mirred) {
            if (a.isEgressRedirect()) {
                return a.targetIndex();
            }
        }
        return 0;
    }
}
