package io.netns4j.cli;

/** Bad command-line input: printed with a hint, exit status 2. Nothing was changed. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
