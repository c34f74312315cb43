package io.netns4j.filter;

/**
 * A mirred action of a filter, as {@code tc filter show} prints it:
 * {@code action order 1: mirred (Egress Redirect to device imp-v0) stolen}.
 *
 * @param order        the action's place in the filter's list, from 1
 * @param verdict      what happens to the original frame afterwards (TC_ACT_*: 4 is {@code stolen}, 3 {@code pipe})
 * @param kind         TCA_EGRESS_REDIR (1), TCA_EGRESS_MIRROR (2), TCA_INGRESS_REDIR (3) or TCA_INGRESS_MIRROR (4)
 * @param targetIndex  the index of the device the frame goes to (0 when that device has gone)
 */
public record MirredAction(int order, int verdict, int kind, int targetIndex) {
    /** TC_ACT_STOLEN: the frame is consumed by the action. */
    public static final int STOLEN = 4;
    /** TCA_EGRESS_REDIR: the frame leaves through the target device instead. */
    public static final int EGRESS_REDIRECT = 1;

    /**
     * Whether this is {@code mirred egress redirect}: the frame goes out of the target instead.
     *
     * @return true for an egress redirect
     */
    public boolean isEgressRedirect() {
        return kind == EGRESS_REDIRECT;
    }
}
