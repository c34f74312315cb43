package io.netns4j;

import io.netns4j.error.NetnsException;
import io.netns4j.error.OperationInterruptedException;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor whose platform threads live inside one network namespace for their whole
 * life: each enters it once, as it starts, and never leaves (it ends with the executor).
 * Everything a task creates (sockets, servers, clients) belongs to that namespace.
 * It keeps its own descriptor on the namespace, so the {@link Netns} handle may be closed.
 */
final class NamespaceExecutor extends AbstractExecutorService {
    private final ThreadPoolExecutor pool;
    private final int fd;

    NamespaceExecutor(Netns ns, int threads) throws NetnsException {
        int held = ns.acquire();
        try {
            this.fd = LibC.open("/proc/self/fd/" + held, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot hold " + ns.describe());
        } finally {
            ns.release();
        }
        AtomicInteger n = new AtomicInteger();
        String label = ns.name().orElse("netns");
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(threads);
        java.util.concurrent.atomic.AtomicReference<ErrnoException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> Thread.ofPlatform().daemon().name(label + "-" + n.incrementAndGet()).unstarted(() -> {
                    try {
                        LibC.setns(fd, LibC.CLONE_NEWNET);
                    } catch (ErrnoException e) {
                        failure.compareAndSet(null, e);
                        entered.countDown();
                        return; // never runs a task outside the namespace
                    }
                    entered.countDown();
                    r.run();
                }));
        this.pool.prestartAllCoreThreads();
        try {
            entered.await();
        } catch (InterruptedException e) {
            shutdownNow();
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("Interrupted while an executor's threads entered " + ns.describe());
        }
        if (failure.get() != null) {
            shutdownNow();
            throw Failures.of(failure.get(), "Cannot enter " + ns.describe() + " for an executor");
        }
        NamespaceId id = ns.id();
        Holders.add("a live executor(" + threads + ") (shut it down)", this, e -> !e.isTerminated(), e -> id);
    }

    @Override
    public void shutdown() {
        pool.shutdown();
        closeWhenTerminated();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> pending = pool.shutdownNow();
        closeWhenTerminated();
        return pending;
    }

    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    /** Closes the descriptor once the threads are gone; once only, however often shutdown is called. */
    private void closeWhenTerminated() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    // still draining
                }
            } catch (InterruptedException ignored) {
                // give up waiting; the descriptor stays open until the process ends
                return;
            }
            LibC.closeQuietly(fd);
        });
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    static ExecutorService create(Netns ns, int threads) throws NetnsException {
        if (threads < 1) {
            throw new IllegalArgumentException("an executor needs at least one thread, not " + threads);
        }
        return new NamespaceExecutor(ns, threads);
    }
}
