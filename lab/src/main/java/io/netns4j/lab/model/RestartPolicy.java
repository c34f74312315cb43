package io.netns4j.lab.model;

import java.util.Locale;

/**
 * When the lab's supervisor starts a service again after it ended, as systemd's {@code Restart=}
 * and Docker's {@code --restart} do. A service stopped on purpose ({@code lab stop}, {@code lab down})
 * is never restarted.
 */
public enum RestartPolicy {
    /** Never: an ended service stays ended ({@code restart: never}, the default). */
    NEVER,
    /** After an exit status other than 0 or a death by signal ({@code restart: on-failure}). */
    ON_FAILURE,
    /** After any end ({@code restart: always}). */
    ALWAYS;

    /**
     * {@return the word in a lab file: {@code never}, {@code on-failure}, {@code always}}
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * {@return the policy a lab file's word names}
     *
     * @param word {@code never}, {@code on-failure} or {@code always}
     * @throws IllegalArgumentException naming the words there are
     */
    public static RestartPolicy of(String word) {
        for (RestartPolicy p : values()) {
            if (p.word().equals(word)) {
                return p;
            }
        }
        throw new IllegalArgumentException("\"" + word + "\" is not a restart policy; use never, on-failure or always");
    }

    /**
     * {@return whether a service that ended with {@code exitCode} (negative: killed by that
     * signal) is started again}
     *
     * @param exitCode the exit status, or minus the signal that killed it
     */
    public boolean restartsAfter(int exitCode) {
        return switch (this) {
            case NEVER -> false;
            case ON_FAILURE -> exitCode != 0;
            case ALWAYS -> true;
        };
    }
}
