package io.netns4j.cli;

/**
 * The {@code netns4j} command's exit statuses, as ip's: what {@link Main} and every command
 * return. In their own type so that commands need not name {@code Main}.
 */
final class ExitStatus {
    /** Success. */
    static final int OK = 0;
    /** An operation failed (for a batch: any line failed). */
    static final int FAILED = 1;
    /** Bad usage: refused before any change. */
    static final int USAGE = 2;

    private ExitStatus() {
    }
}
