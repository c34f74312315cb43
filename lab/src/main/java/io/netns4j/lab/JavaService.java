package io.netns4j.lab;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Java code running as a node's service on a thread inside the node's namespace
 * ({@link RunningNode#startJava}): the in-JVM counterpart of a lab's {@code exec} service.
 */
public final class JavaService {
    private final String id;
    private final ExecutorService thread;
    private final Future<?> run;

    JavaService(String id, ExecutorService thread, Future<?> run) {
        this.id = id;
        this.thread = thread;
        this.run = run;
    }

    /**
     * {@code NODE/NAME}.
     *
     * @return the service's id, {@code NODE/NAME}
     */
    public String id() {
        return id;
    }

    /**
     * {@return whether its code is still running}
     */
    public boolean isRunning() {
        return !run.isDone();
    }

    /**
     * Interrupts it (a server should close its sockets when interrupted) and waits up to
     * {@code limit} for it to end.
     *
     * @param limit how long to wait for it to end
     * @return whether it ended
     */
    public boolean stop(Duration limit) {
        run.cancel(true);
        thread.shutdownNow();
        try {
            return thread.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits for it to end and rethrows what it threw.
     *
     * @param limit how long to wait at most
     * @throws ExecutionException it threw (the cause)
     * @throws TimeoutException   it still runs after {@code limit}
     * @throws InterruptedException the caller was interrupted while waiting
     */
    public void await(Duration limit) throws ExecutionException, TimeoutException, InterruptedException {
        try {
            run.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            // stopped: ended as asked
        }
    }
}
