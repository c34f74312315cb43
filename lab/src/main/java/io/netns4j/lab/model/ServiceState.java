package io.netns4j.lab.model;

import java.util.Locale;

/** Where a lab service is in its life, as {@code netns4j lab ps} prints it (the lower-case name). */
public enum ServiceState {
    /** Started; its readiness checks do not hold yet. */
    STARTING,
    /** Running (and ready, when it has readiness checks). */
    RUNNING,
    /** Stopped with SIGSTOP by {@code lab pause}; {@code lab resume} sends SIGCONT. */
    PAUSED,
    /** Ended; waiting out its back-off before the supervisor starts it again. */
    BACKOFF,
    /** Stopped on purpose ({@code lab stop}); {@code lab start} starts it. */
    STOPPED,
    /** Ended by itself and not restarted (its policy, or its status said success). */
    EXITED,
    /** Could not be started, or did not get ready in its time-out. */
    FAILED;

    /**
     * {@return the word {@code lab ps} prints}
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return whether a process of the service is alive in this state}
     */
    public boolean hasProcess() {
        return this == STARTING || this == RUNNING || this == PAUSED;
    }
}
