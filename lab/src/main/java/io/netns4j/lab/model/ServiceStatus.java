package io.netns4j.lab.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One service of a running lab as its supervisor sees it: a line of {@code netns4j lab ps}.
 *
 * @param node     the node's name
 * @param service  the service's name
 * @param pid      its process ({@code sh -c COMMAND}), 0 when none is alive
 * @param state    where it is in its life
 * @param ready    its readiness checks hold (true for a running service without any)
 * @param restarts how often the supervisor started it again after it ended by itself
 * @param since    when its current process was started (or when it last changed state, without one)
 * @param lastExit how its last process ended ({@code "exit 1"}, {@code "killed by KILL"}), empty before any end
 * @param problem  why it is failed or not ready (the last readiness check's answer), empty otherwise
 */
public record ServiceStatus(String node, String service, long pid, ServiceState state, boolean ready, int restarts,
                            Instant since, String lastExit, String problem) {
    /**
     * {@code NODE/SERVICE}, as the CLI names it.
     *
     * @return the selector, {@code NODE/SERVICE}
     */
    public String id() {
        return node + "/" + service;
    }

    /**
     * {@return how long its process has been running at {@code now}; empty without a process}
     *
     * @param now the time to measure to
     */
    public Optional<Duration> uptime(Instant now) {
        return state.hasProcess() ? Optional.of(Duration.between(since, now)) : Optional.empty();
    }
}
