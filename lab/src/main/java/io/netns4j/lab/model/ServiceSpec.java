package io.netns4j.lab.model;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A program a node runs, kept running by the lab's supervisor: one entry of a node's
 * {@code exec} list, started as {@code ip netns exec NS sh -c COMMAND} with its output
 * appended to its log.
 *
 * @param name         unique within the node ({@code [A-Za-z0-9_.-]}, at most 64 characters)
 * @param command      a shell command ({@code sh -c COMMAND})
 * @param env          added to the supervisor's environment (the node's {@code env} first, then these)
 * @param directory    the working directory, empty for {@code /}
 * @param restart      when it is started again after it ended
 * @param backoff      the wait before the first restart, doubled after each restart that follows a run
 *                     shorter than {@link #STABLE_RUN}, up to {@link #MAX_BACKOFF}
 * @param ready        what must hold before the service counts as ready (all of them); empty: ready once started
 * @param readyTimeout how long {@code lab up} waits for readiness before it fails, naming the service
 * @param stopSignal   the signal that asks it to stop (15, SIGTERM), sent to the service and its children
 * @param stopGrace    how long a stop waits after {@code stopSignal} before SIGKILL
 * @param logBytes     the size at which its log is rotated (one older log, {@code NAME.log.1}, is kept)
 */
public record ServiceSpec(String name, String command, Map<String, String> env, String directory,
                          RestartPolicy restart, Duration backoff, List<Condition> ready, Duration readyTimeout,
                          int stopSignal, Duration stopGrace, long logBytes) {
    /** A run at least this long resets the back-off to its initial value. */
    public static final Duration STABLE_RUN = Duration.ofSeconds(10);
    /** The longest back-off between restarts. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** The defaults: back-off 1 s, readiness time-out 60 s, SIGTERM, grace 5 s, logs rotated at 1 MiB. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    /** How long {@code lab up} waits for a service's readiness unless the file says otherwise. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);
    /** How long a stop waits after the stop signal unless the file says otherwise. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);
    /** The log size at which a service's log is rotated unless the file says otherwise (1 MiB). */
    public static final long DEFAULT_LOG_BYTES = 1L << 20;
    /** SIGTERM. */
    public static final int SIGTERM = 15;

    /** Checks the name, the command and the settings; refuses what a lab file would refuse. */
    public ServiceSpec {
        if (!isName(name)) {
            throw new IllegalArgumentException("service name \"" + name + "\" may use only letters, digits, '_', '.'"
                    + " and '-' (at most 64 characters)");
        }
        if (command.isBlank()) {
            throw new IllegalArgumentException("service \"" + name + "\" has no command");
        }
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        ready = List.copyOf(ready);
        if (backoff.isNegative() || readyTimeout.isNegative() || stopGrace.isNegative()) {
            throw new IllegalArgumentException("service \"" + name + "\": durations cannot be negative");
        }
        if (logBytes < 4096) {
            throw new IllegalArgumentException("service \"" + name + "\": a log size below 4 KiB keeps almost nothing");
        }
    }

    /**
     * {@return a service with every setting at its default: never restarted, no readiness check}
     *
     * @param name the service's name, unique on its node
     * @param command the shell command line it runs ({@code sh -c})
     */
    public static ServiceSpec of(String name, String command) {
        return new ServiceSpec(name, command, Map.of(), "", RestartPolicy.NEVER, DEFAULT_BACKOFF, List.of(),
                DEFAULT_READY_TIMEOUT, SIGTERM, DEFAULT_STOP_GRACE, DEFAULT_LOG_BYTES);
    }

    /**
     * {@return whether {@code s} can name a service}
     *
     * @param s a candidate name
     */
    public static boolean isName(String s) {
        return s != null && s.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    }

    /**
     * {@return the name a plain {@code exec} line gets: its first word's last path part ({@code
     * /usr/bin/etcd --name n1} is {@code etcd}), with characters a name cannot have replaced by
     * {@code _}; {@code exec} when nothing is left (a line starting with a variable assignment or
     * a quote)}
     *
     * @param command an {@code exec} line
     */
    public static String nameFor(String command) {
        String word = command.strip().split("\\s+", 2)[0];
        String first = word.substring(word.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_.-]", "_");
        if (word.contains("=") || first.isEmpty() || !isName(first) || first.chars().allMatch(c -> c == '_')) {
            return "exec";
        }
        return first.length() > 64 ? first.substring(0, 64) : first;
    }

    /**
     * This service with its restart policy.
     *
     * @param value its restart policy
     * @return a checked copy; this one is unchanged
     */
    public ServiceSpec withRestart(RestartPolicy value) {
        return new ServiceSpec(name, command, env, directory, value, backoff, ready, readyTimeout, stopSignal,
                stopGrace, logBytes);
    }

    /**
     * This service with its back-off before the first restart.
     *
     * @param value its back-off before the first restart
     * @return a checked copy; this one is unchanged
     */
    public ServiceSpec withBackoff(Duration value) {
        return new ServiceSpec(name, command, env, directory, restart, value, ready, readyTimeout, stopSignal,
                stopGrace, logBytes);
    }

    /**
     * This service with readiness checks.
     *
     * @param value readiness checks
     * @return a checked copy; this one is unchanged
     */
    public ServiceSpec withReady(List<Condition> value) {
        return new ServiceSpec(name, command, env, directory, restart, backoff, value, readyTimeout, stopSignal,
                stopGrace, logBytes);
    }

    /**
     * This service with its readiness time-out.
     *
     * @param value its readiness time-out
     * @return a checked copy; this one is unchanged
     */
    public ServiceSpec withReadyTimeout(Duration value) {
        return new ServiceSpec(name, command, env, directory, restart, backoff, ready, value, stopSignal,
                stopGrace, logBytes);
    }

    /**
     * This service with its environment.
     *
     * @param value its environment
     * @return a checked copy; this one is unchanged
     */
    public ServiceSpec withEnv(Map<String, String> value) {
        return new ServiceSpec(name, command, value, directory, restart, backoff, ready, readyTimeout, stopSignal,
                stopGrace, logBytes);
    }

    /**
     * This service with its stop signal and grace period.
     *
     * @param signal the signal's number ({@code 9} for SIGKILL, {@code 15} for SIGTERM)
     * @param grace how long to wait after the signal before SIGKILL
     * @return a checked copy; this one is unchanged
     */
    public ServiceSpec withStop(int signal, Duration grace) {
        return new ServiceSpec(name, command, env, directory, restart, backoff, ready, readyTimeout, signal, grace,
                logBytes);
    }

    /**
     * This service with its working directory.
     *
     * @param value its working directory
     * @return a checked copy; this one is unchanged
     */
    public ServiceSpec withDirectory(String value) {
        return new ServiceSpec(name, command, env, value, restart, backoff, ready, readyTimeout, stopSignal,
                stopGrace, logBytes);
    }

    /**
     * This service with its log rotation size.
     *
     * @param value its log rotation size
     * @return a checked copy; this one is unchanged
     */
    public ServiceSpec withLogBytes(long value) {
        return new ServiceSpec(name, command, env, directory, restart, backoff, ready, readyTimeout, stopSignal,
                stopGrace, value);
    }

    /**
     * {@return the environment it runs with on a node whose {@code env} is {@code nodeEnv}: the
     * node's, then its own}
     *
     * @param nodeEnv the node's {@code env:}
     */
    public Map<String, String> environmentOn(Map<String, String> nodeEnv) {
        Map<String, String> m = new LinkedHashMap<>(nodeEnv);
        m.putAll(env);
        return m;
    }
}
