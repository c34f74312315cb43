package io.netns4j.testing;

import io.netns4j.Netns;
import io.netns4j.link.Link;

/**
 * Waits for a freshly raised link to carry traffic. Until the kernel's link watcher has run, a
 * veth set up a moment ago still drops what it is given (noop qdisc): a SYN or a neighbour
 * solicitation sent then is lost, and a short connect time-out, or three lost probes, fail
 * under load. Waiting for oper state UP closes that window.
 */
public final class OperState {
    private OperState() {
    }

    /**
     * Returns once {@code dev} in {@code ns} is oper state UP ({@code ip -n NS link show DEV}: {@code state UP}).
     *
     * @param ns  the namespace
     * @param dev the device's name
     * @throws AssertionError when it is not UP within 10 s
     * @throws Exception      when the link cannot be read
     */
    public static void awaitUp(Netns ns, String dev) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Integer state = ns.links().get(dev).operState();
            if (state != null && "UP".equals(Link.OPER_STATES.get(state))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(dev + " did not reach oper state UP within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
