package io.netns4j.internal.sys;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs short tasks on platform threads that have entered a network namespace, so that the
 * caller's own thread never changes namespace (and virtual threads, which may hop between
 * carriers, never enter one).
 *
 * <p>A worker enters the target with {@code setns(2)} (or makes a new namespace with
 * {@code unshare(2)}), runs the task, and returns to the namespace the library found at
 * start-up. A worker that cannot return is retired: its thread ends and is never reused.
 * Sockets opened by a task stay in the namespace they were opened in and may be used from
 * any thread afterwards.
 */
public final class NamespaceThreads {
    /** The task to run inside the namespace. */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws Exception;
    }

    private static final int HOME = openHome();

    static {
        initialiseJdkSocketsAtHome();
    }
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final ExecutorService WORKERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), NamespaceThreads::newWorker);

    private NamespaceThreads() {
    }

    private static int openHome() {
        try {
            // the process's namespace (its main thread's), not that of whichever thread loads this class
            return LibC.open("/proc/self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            throw new IllegalStateException("cannot open this process's network namespace: " + e.getMessage(), e);
        }
    }

    /**
     * The JDK keeps a socket of its own for its lifetime (NIO's "pre-close" socket pair, made
     * when its socket dispatcher is first loaded). A socket holds its network namespace, so if
     * that first use happened inside a namespace, the namespace could never be freed. Loading
     * the dispatchers here, in the library's home namespace, before any worker enters one,
     * keeps them out. No traffic is sent.
     */
    private static void initialiseJdkSocketsAtHome() {
        try {
            java.nio.channels.SocketChannel.open().close();
            java.nio.channels.DatagramChannel.open().close();
        } catch (java.io.IOException e) {
            // no IP sockets at all in this process: then nothing can be pinned either
        }
    }

    private static Thread newWorker(Runnable r) {
        // a new thread inherits its creator's namespace, which may be a worker's target: go home first
        Thread t = Thread.ofPlatform().daemon().name("netns4j-ns-" + THREAD_NUMBER.incrementAndGet()).unstarted(() -> {
            try {
                LibC.setns(HOME, LibC.CLONE_NEWNET);
            } catch (ErrnoException e) {
                throw new RetiredWorker();
            }
            r.run();
        });
        t.setUncaughtExceptionHandler((thread, e) -> {
            if (!(e instanceof RetiredWorker)) {
                e.printStackTrace();
            }
        });
        return t;
    }

    /** Thrown out of a worker that could not return home, to end its thread. */
    private static final class RetiredWorker extends Error {
        private static final long serialVersionUID = 1L;

        RetiredWorker() {
            super("worker retired: could not return to its network namespace", null, false, false);
        }
    }

    /** Runs {@code task} inside the namespace open at {@code namespaceFd}. */
    public static <T> T callIn(int namespaceFd, Task<T> task) throws Exception {
        return run(() -> LibC.setns(namespaceFd, LibC.CLONE_NEWNET), task);
    }

    /**
     * Creates a new network namespace on a worker (as {@code unshare(CLONE_NEWNET)}) and runs
     * {@code task} inside it; {@code /proc/thread-self/ns/net} names the new namespace
     * while the task runs. The namespace lives on only if the task pins it (a mount, an fd).
     */
    public static <T> T callInNew(Task<T> task) throws Exception {
        return run(() -> LibC.unshare(LibC.CLONE_NEWNET), task);
    }

    private interface Enter {
        void enter() throws ErrnoException;
    }

    private static <T> T run(Enter enter, Task<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        WORKERS.execute(() -> {
            boolean entered = false;
            boolean stranded = false;
            try {
                enter.enter();
                entered = true;
                result.complete(task.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                if (entered) {
                    try {
                        LibC.setns(HOME, LibC.CLONE_NEWNET);
                    } catch (ErrnoException e) {
                        stranded = true;
                    }
                }
            }
            if (stranded) {
                throw new RetiredWorker();
            }
        });
        boolean interrupted = false;
        try {
            for (; ; ) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the task is short and must finish before we return
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception ex) {
                        throw ex;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw e;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
