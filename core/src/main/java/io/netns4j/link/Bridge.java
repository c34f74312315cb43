package io.netns4j.link;

/**
 * A bridge (software switch): {@code ip link add br0 type bridge stp_state 1 ...}. Times are
 * in centiseconds, as {@code ip} takes them.
 */
public record Bridge(Integer stpState, Integer vlanFiltering, Integer ageingTime, Integer forwardDelay,
                     Integer helloTime, Integer maxAge, Integer priority) implements LinkKind {
    public static Bridge defaults() {
        return new Bridge(null, null, null, null, null, null, null);
    }

    public Bridge withStpState(int v) {
        return new Bridge(v, vlanFiltering, ageingTime, forwardDelay, helloTime, maxAge, priority);
    }

    public Bridge withVlanFiltering(int v) {
        return new Bridge(stpState, v, ageingTime, forwardDelay, helloTime, maxAge, priority);
    }

    public Bridge withAgeingTime(int v) {
        return new Bridge(stpState, vlanFiltering, v, forwardDelay, helloTime, maxAge, priority);
    }

    public Bridge withForwardDelay(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, v, helloTime, maxAge, priority);
    }

    public Bridge withHelloTime(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, forwardDelay, v, maxAge, priority);
    }

    public Bridge withMaxAge(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, forwardDelay, helloTime, v, priority);
    }

    public Bridge withPriority(int v) {
        return new Bridge(stpState, vlanFiltering, ageingTime, forwardDelay, helloTime, maxAge, v);
    }

    @Override
    public String kindName() {
        return "bridge";
    }
}
