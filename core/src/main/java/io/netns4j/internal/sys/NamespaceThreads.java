package io.netns4j.internal.sys;

import io.netns4j.error.OperationInterruptedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final Object HOME_INODE = inodeOf("/proc/self/fd/" + HOME);

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

    private static Object inodeOf(String file) {
        try {
            return Files.readAttributes(Path.of(file), "unix:ino").get("ino");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Thread newWorker(Runnable r) {
        // A new thread inherits its creator's namespace, which may be a worker's target: go home
        // first. Without CAP_SYS_ADMIN even that setns fails: the worker must still run its
        // first task (whose own setns then reports EPERM to the caller), never retire before it.
        Thread t = Thread.ofPlatform().daemon().name("netns4j-ns-" + THREAD_NUMBER.incrementAndGet()).unstarted(() -> {
            try {
                LibC.setns(HOME, LibC.CLONE_NEWNET);
            } catch (ErrnoException e) {
                // stays where it is (home, when unprivileged); after its first job it goes home or is retired
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

    /**
     * Runs {@code task} inside the namespace open at {@code namespaceFd}. When the caller is
     * interrupted, this returns (throwing) only once the worker no longer needs the descriptor:
     * the task is skipped if it had not started, interrupted if it runs.
     */
    public static <T> T callIn(int namespaceFd, Task<T> task) throws Exception {
        return run(() -> LibC.setns(namespaceFd, LibC.CLONE_NEWNET), task);
    }

    /**
     * Runs {@code task} soon on a worker in the library's home namespace, never on the caller's
     * thread, for work that waits on tasks inside: a thread made from inside a namespace (a
     * pool's new thread, a virtual thread's new carrier) would live there.
     */
    public static void executeAtHome(Runnable task) {
        WORKERS.execute(task); // idle workers are home; a new one goes home before its first task
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

    private static final int QUEUED = 0;
    private static final int ENTERING = 1;
    private static final int RUNNING = 2;
    private static final int DONE = 3;
    private static final int CANCELLED = 4;

    /** One hand-off: its state, the worker running it, and its result. */
    private static final class Job<T> extends CompletableFuture<T> implements Runnable {
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private final Enter enter;
        private final Task<T> task;
        /** A virtual waiter is resumed on a carrier the scheduler may create right then: from home. */
        private final boolean completeAtHome = Thread.currentThread().isVirtual();
        private volatile Thread worker;

        Job(Enter enter, Task<T> task) {
            this.enter = enter;
            this.task = task;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(QUEUED, ENTERING)) {
                return; // cancelled by an interrupted caller
            }
            worker = Thread.currentThread();
            boolean entered = false;
            T result = null;
            Throwable failure = null;
            try {
                enter.enter();
                entered = true;
                state.set(RUNNING);
                result = task.run();
            } catch (Throwable t) {
                failure = t;
            }
            if (!completeAtHome) {
                finish(result, failure); // a platform waiter is woken by a futex: no thread is made here
            }
            try {
                synchronized (this) {
                    state.set(DONE);
                    Thread.interrupted(); // an interrupt meant for this task ends with it
                }
                worker = null;
                if (entered || !atHome()) {
                    goHomeOrRetire();
                }
            } finally {
                if (completeAtHome) {
                    finish(result, failure); // at home, unless this worker retires
                }
            }
        }

        private void finish(T result, Throwable failure) {
            if (failure != null) {
                completeExceptionally(failure);
            } else {
                complete(result);
            }
        }

        /** The caller gives up: skip the task if it has not started, or interrupt it. */
        void abandon() {
            if (state.compareAndSet(QUEUED, CANCELLED)) {
                return;
            }
            while (state.get() == ENTERING) {
                Thread.onSpinWait(); // setns takes microseconds; the descriptor must outlive it
            }
            synchronized (this) {
                Thread w = worker;
                if (state.get() == RUNNING && w != null) {
                    w.interrupt();
                }
            }
        }
    }

    private static <T> T run(Enter enter, Task<T> task) throws Exception {
        Job<T> job = new Job<>(enter, task);
        try {
            WORKERS.execute(job);
        } catch (RuntimeException | Error e) {
            job.abandon();
            throw e;
        }
        try {
            return job.get();
        } catch (InterruptedException e) {
            job.abandon();
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("Interrupted while waiting for a task inside a network namespace");
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

    /** Whether the calling thread is in the library's home namespace (compares nsfs inodes). */
    static boolean atHome() {
        try {
            return Files.readAttributes(Path.of("/proc/thread-self/ns/net"), "unix:ino").get("ino").equals(HOME_INODE);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Back to the home namespace; a worker that cannot is retired (its thread ends). */
    private static void goHomeOrRetire() {
        try {
            LibC.setns(HOME, LibC.CLONE_NEWNET);
        } catch (ErrnoException e) {
            throw new RetiredWorker();
        }
    }
}
