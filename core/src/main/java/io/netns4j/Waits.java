package io.netns4j;

import io.netns4j.error.OperationInterruptedException;

/** The library's waits are interruptible: these end one with an exception (the flag stays set). */
final class Waits {
    private Waits() {
    }

    /** Sleeps; an interrupt ends the wait with an exception (the flag stays set). */
    static void pause(long millis) throws OperationInterruptedException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("Interrupted while waiting for a network namespace");
        }
    }

    /** For waits that poll: throws when the calling thread has been interrupted (the flag stays set). */
    static void checkInterrupt(String what) throws OperationInterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new OperationInterruptedException("Interrupted while waiting for " + what);
        }
    }
}
