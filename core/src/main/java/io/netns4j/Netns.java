package io.netns4j;

import io.netns4j.address.Addresses;
import io.netns4j.error.NetnsException;
import io.netns4j.error.OperationInterruptedException;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Firewall;
import io.netns4j.firewall.iptables.Iptables;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;
import io.netns4j.internal.sys.NamespaceThreads;
import io.netns4j.filter.Filters;
import io.netns4j.link.Links;
import io.netns4j.neighbour.Neighbours;
import io.netns4j.qdisc.Qdiscs;
import io.netns4j.route.Routes;
import io.netns4j.rule.Rules;
import io.netns4j.types.NamespaceRef;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * An open network namespace: the handle every other netns4j object hangs off. It holds a
 * file descriptor on the namespace (which keeps the namespace alive while open) and, once
 * needed, a netlink socket opened inside it. Closing the handle releases both.
 *
 * <p>Open one by name ({@link #open(String)}, as {@code ip -n NAME}), path, process or the caller's
 * own; create named ones with {@link NetnsRegistry#add(String)} ({@code ip netns add NAME}).
 *
 * <p>The calling thread never changes namespace: work that must happen inside runs on a
 * short-lived hop to a platform thread that enters the namespace and comes back.
 */
public final class Netns implements NamespaceRef, AutoCloseable {
    private final NamespaceSession session = new HandleSession(this); // what Links, Routes... see
    private static final int REPLY_TIMEOUT_MILLIS = 10_000;
    private final int fd;
    private final String name;
    private final Path path;
    private final boolean current;
    private NetlinkSocket route;
    private NetnsRegistry owner; // set by NetnsRegistry.create: close() deletes the namespace
    private boolean closed;
    private int uses; // descriptor uses in progress: close() defers releasing it until they end

    Netns(int fd, String name, Path path, boolean current) {
        this.fd = fd;
        this.name = name;
        this.path = path;
        this.current = current;
    }

    /** Recorded as a holder of its namespace (named by a delete that waits in vain); on the user's thread. */
    Netns tracked() {
        Holders.add("an open Netns handle", this, h -> !h.closed, Netns::id);
        return this;
    }

    /** A handle made on a thread inside the namespace, with its route socket opened right there. */
    static Netns withRouteSocket(int fd, String name, Path path) throws NetnsException {
        Netns ns = new Netns(fd, name, path, false);
        ns.route = NetlinkSocket.open(Netlink.NETLINK_ROUTE, REPLY_TIMEOUT_MILLIS);
        return ns;
    }

    /**
     * Opens the named namespace in the system run directory ({@code /run/netns/NAME}), as
     * {@code ip -n NAME} does.
     *
     * @param name the namespace's name, not null
     * @return a new open handle; the caller closes it
     * @throws io.netns4j.error.NotFoundException when no namespace of that name exists
     * @throws NetnsException when it cannot be opened (e.g. permission denied, not ready yet)
     */
    public static Netns open(String name) throws NetnsException {
        return NetnsRegistry.system().open(name);
    }

    /**
     * Opens the namespace behind any nsfs path, e.g. {@code /proc/123/ns/net} or a bind mount
     * such as {@code /run/netns/NAME}.
     *
     * @param path the file to open, not null
     * @return a new open handle without a name; the caller closes it
     * @throws io.netns4j.error.NamespaceNotReadyException when the file exists but no namespace is mounted on it yet
     * @throws io.netns4j.error.InvalidRequestException when the path is a namespace of another kind (mnt, pid, ...)
     * @throws NetnsException when it cannot be opened (missing, permission denied, ...)
     */
    public static Netns openPath(Path path) throws NetnsException {
        return new Netns(NamespaceFiles.open(path.toString(), path.toString()), null, path, false).tracked();
    }

    /**
     * Opens the network namespace of process {@code pid} ({@code /proc/PID/ns/net}), as
     * {@code ip netns identify PID} or {@code nsenter -t PID -n} look it up.
     *
     * @param pid the process id, positive
     * @return a new open handle without a name; the caller closes it
     * @throws IllegalArgumentException when {@code pid} is 0 or negative
     * @throws NetnsException when the process does not exist or its namespace cannot be opened
     */
    public static Netns openPid(long pid) throws NetnsException {
        if (pid <= 0) {
            throw new IllegalArgumentException("Invalid PID: " + pid + " (a process id is a positive number)");
        }
        return openPath(Path.of("/proc", Long.toString(pid), "ns", "net"));
    }

    /**
     * Opens the caller's own network namespace ({@code /proc/thread-self/ns/net}).
     *
     * @return a new open handle without a name; the caller closes it
     * @throws NetnsException when the namespace file cannot be opened
     */
    public static Netns current() throws NetnsException {
        Path p = Path.of("/proc/thread-self/ns/net");
        return new Netns(NamespaceFiles.open(p.toString(), "the current network namespace"), null, p, true).tracked();
    }

    /**
     * The name in the run directory, when opened by name.
     *
     * @return the name, or empty when opened by path, pid or as the current namespace
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * The path this handle was opened from.
     *
     * @return the path, e.g. {@code /run/netns/NAME} or {@code /proc/PID/ns/net}; never null
     */
    public Path path() {
        return path;
    }

    /**
     * Device and inode of the namespace: equal ids mean the same namespace. Equivalent to
     * {@code stat -L /run/netns/NAME}.
     *
     * @return the namespace's id, never null
     * @throws NetnsException when the handle is closed or the descriptor cannot be stat'ed
     */
    public NamespaceId id() throws NetnsException {
        int f = acquire();
        try {
            return ProcWalk.idOf(Path.of("/proc/self/fd/" + f));
        } catch (IOException e) {
            throw new NetnsException("Cannot stat network namespace: " + e.getMessage());
        } finally {
            release();
        }
    }

    /**
     * The file descriptor open on the namespace, valid until {@link #close()} (see {@link #useDescriptor}).
     *
     * @throws IllegalStateException after {@code close()} (the number may belong to another file by then)
     */
    @Override
    public synchronized int fileDescriptor() {
        if (closed) {
            throw new IllegalStateException("Network namespace handle is closed: " + this + " has no descriptor");
        }
        return fd;
    }

    /**
     * Runs {@code task} with the namespace's file descriptor, which stays open until the task
     * returns even if another thread closes this handle meanwhile (the close then completes
     * when the last such use ends), so its number cannot be reused under a {@code setns}.
     *
     * @throws NetnsException when the handle is already closed
     */
    @Override
    public <T> T useDescriptor(DescriptorTask<T> task) throws Exception {
        int f = acquire();
        try {
            return task.run(f);
        } finally {
            release();
        }
    }

    /** Starts a use of the descriptor; pair with {@link #release()}. */
    synchronized int acquire() throws NetnsException {
        checkOpen();
        uses++;
        return fd;
    }

    /** Ends a use; the last one after a {@link #close()} releases the descriptor and socket. */
    synchronized void release() {
        uses--;
        if (closed && uses == 0) {
            releaseResources();
        }
    }

    /**
     * The route netlink socket inside this namespace, opened on first use. Opening happens
     * on a platform thread that enters the namespace; the socket is then usable from any
     * thread.
     */
    synchronized NetlinkSocket routeSocket() throws NetnsException {
        checkOpen();
        if (route == null) {
            route = openSocket(Netlink.NETLINK_ROUTE, REPLY_TIMEOUT_MILLIS);
        }
        return route;
    }

    /** A new netlink socket of {@code protocol} inside this namespace; the caller closes it. */
    NetlinkSocket openSocket(int protocol, int timeoutMillis) throws NetnsException {
        checkOpen();
        if (current && !Thread.currentThread().isVirtual()) {
            return NetlinkSocket.open(protocol, timeoutMillis);
        }
        return inside(() -> NetlinkSocket.open(protocol, timeoutMillis));
    }

    /** Runs a short task on a platform thread inside this namespace. */
    <T> T inside(NamespaceThreads.Task<T> task) throws NetnsException {
        int f = acquire();
        try {
            return NamespaceThreads.callIn(f, task);
        } catch (OperationInterruptedException e) {
            throw interrupted();
        } catch (NetnsException | RuntimeException e) {
            throw e;
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot enter network namespace" + (name == null ? "" : " \"" + name + "\""));
        } catch (Exception e) {
            throw new NetnsException("Task in network namespace failed: " + e);
        } finally {
            release();
        }
    }

    /**
     * Runs {@code task} inside this namespace and returns its result. The task runs on a
     * platform worker that enters the namespace and comes back; the calling thread's own
     * namespace never changes, and nested calls work. The task's exception is thrown as is,
     * with the caller's stack added as a suppressed {@link CalledFrom}, so a trace shows both
     * where it failed and where {@code call} was made.
     *
     * <p><b>A socket belongs to the namespace of the thread that creates it</b>: an object that
     * opens its sockets later (an {@code HttpClient}) does not; use {@link #sockets()}. Inside,
     * read {@code /proc/thread-self/net/...}, not {@code /proc/net/...}. Safe from virtual threads:
     * the work never runs on them (never call {@code setns} yourself from one).
     *
     * @param <T> the task's result type
     * @param <X> the checked exception the task may throw
     * @param task the work to run inside, not null
     * @return what the task returned (may be null)
     * @throws X what the task throws
     * @throws NetnsException when the handle is closed or the namespace cannot be entered
     * @throws io.netns4j.error.PermissionDeniedException when this process may not enter the
     *         namespace (EPERM: not root, or no CAP_SYS_ADMIN)
     * @throws OperationInterruptedException when the caller is interrupted while waiting (the
     *         flag stays set; the task is interrupted or skipped)
     */
    public <T, X extends Exception> T call(ThrowingCallable<T, X> task) throws X, NetnsException {
        int f = acquire();
        try {
            return NamespaceThreads.callIn(f, task::call);
        } catch (OperationInterruptedException e) {
            throw interrupted();
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot enter " + describe());
        } catch (Exception e) {
            e.addSuppressed(new CalledFrom(describe()));
            throw CalledFrom.<X>sneaky(e);
        } finally {
            release(); // after callIn: the worker has entered, or never will
        }
    }

    /**
     * Runs {@code task} inside this namespace; see {@link #call(ThrowingCallable)}.
     *
     * @param <X> the checked exception the task may throw
     * @param task the work to run inside, not null
     * @throws X what the task throws, with the caller's stack as a suppressed {@link CalledFrom}
     * @throws NetnsException when the handle is closed or the namespace cannot be entered
     * @throws OperationInterruptedException when the caller is interrupted while waiting
     */
    public <X extends Exception> void run(ThrowingRunnable<X> task) throws X, NetnsException {
        call(() -> {
            task.run();
            return null;
        });
    }

    private OperationInterruptedException interrupted() {
        return new OperationInterruptedException("Interrupted while waiting for a task in " + describe());
    }

    /**
     * An executor whose {@code threads} platform threads live inside this namespace; shut
     * it down when done. It keeps the namespace alive until then, even if this handle closes.
     *
     * @param threads the number of worker threads, 1 or more
     * @return a new executor; the caller shuts it down
     * @throws NetnsException when the handle is closed or the threads cannot enter the namespace
     */
    public ExecutorService executor(int threads) throws NetnsException {
        checkOpen();
        return NamespaceExecutor.create(this, threads);
    }

    /**
     * Starts a process as {@code ip netns exec NAME CMD} does: inside this namespace, with a
     * private mount namespace whose {@code /sys} shows this namespace's devices and whose
     * {@code /etc/X} is {@code /etc/netns/NAME/X} where that exists. Configure stdio,
     * environment and directory on {@code builder} as usual; arguments are never passed
     * through a shell.
     *
     * @param builder the command, its stdio, environment and directory; not null
     * @return the started process
     * @throws IOException when the handle is closed or the process cannot be started
     */
    public Process start(ProcessBuilder builder) throws IOException {
        checkOpen();
        return ProcessLauncher.start(this, builder, System.err);
    }

    /**
     * Sockets, channels, factories and an {@code HttpClient} whose sockets are created inside;
     * see {@link NamespaceSockets}. Roughly {@code ip netns exec THIS} for in-process networking.
     *
     * @return a view of this handle for creating sockets; valid while the handle is open
     */
    public NamespaceSockets sockets() {
        return new NamespaceSockets(this);
    }

    /**
     * The links of this namespace: {@code ip -n THIS link ...}.
     *
     * @return the link verbs, bound to this handle
     */
    public Links links() {
        return Links.of(session);
    }

    /**
     * The addresses of this namespace: {@code ip -n THIS address ...}.
     *
     * @return the address verbs, bound to this handle
     */
    public Addresses addresses() {
        return Addresses.of(session);
    }

    /**
     * The neighbour (ARP/NDP) entries of this namespace: {@code ip -n THIS neigh ...}.
     *
     * @return the neighbour verbs, bound to this handle
     */
    public Neighbours neighbours() {
        return Neighbours.of(session);
    }

    /**
     * The routes of this namespace: {@code ip -n THIS route ...}.
     *
     * @return the route verbs, bound to this handle
     */
    public Routes routes() {
        return Routes.of(session);
    }

    /** {@return the policy routing rules of this namespace, {@code ip -n THIS rule ...}: the verbs, bound to this handle} */
    public Rules rules() {
        return Rules.of(session);
    }

    /** {@return the queueing disciplines of this namespace, {@code tc -n THIS qdisc ...}: the verbs, bound to this handle} */
    public Qdiscs qdiscs() {
        return Qdiscs.of(session);
    }

    /** {@return the tc filters of this namespace, {@code tc -n THIS filter ...}: the verbs, bound to this handle} */
    public Filters filters() {
        return Filters.of(session);
    }

    /**
     * The network sysctls ({@code net.*}) of this namespace: {@code ip netns exec THIS sysctl net.X}.
     *
     * @return the sysctl verbs, bound to this handle
     */
    public Sysctls sysctls() {
        return Sysctls.in(this);
    }

    /**
     * The nftables firewall of this namespace: {@code ip netns exec THIS nft ...}; the same as
     * {@link Firewall#in Firewall.in(this)}.
     *
     * @return the nftables verbs, bound to this handle
     */
    public Firewall firewall() {
        return Firewall.in(this);
    }

    /**
     * iptables in this namespace: {@code ip netns exec THIS iptables ...}; the same as
     * {@link Iptables#in Iptables.in(this, Family.IP)} ({@code Family.IP6} there for ip6tables).
     *
     * @return the iptables verbs (IPv4), bound to this handle
     */
    public Iptables iptables() {
        return Iptables.in(this, Family.IP);
    }

    /**
     * The ids this namespace gives other namespaces (nsids): {@code ip -n THIS netns set PEER
     * N|auto} and {@code ip -n THIS netns list-id}.
     *
     * @return the peer-id verbs of this namespace
     */
    public NamespacePeers peers() {
        return new NamespacePeers(this);
    }

    /** How messages name this namespace: {@code network namespace "NAME"} or a path. */
    @Override
    public String describe() {
        if (name != null) {
            return "network namespace \"" + name + "\"";
        }
        return current ? "the current network namespace" : "network namespace " + path;
    }

    private void checkOpen() throws NetnsException {
        if (closed) {
            throw new NetnsException("Network namespace handle is closed");
        }
    }

    Netns deletingOnClose(NetnsRegistry registry) {
        owner = registry;
        return this;
    }

    /**
     * Releases the file descriptor and the netlink socket; the namespace itself stays, unless
     * this handle came from {@link NetnsRegistry#create}: then it is deleted and waited for.
     */
    @Override
    public void close() {
        closeHandle();
        NetnsRegistry r;
        synchronized (this) {
            r = owner;
            owner = null;
        }
        if (r != null) {
            NamespaceFiles.deleteOwned(r, name);
        }
    }

    private synchronized void closeHandle() {
        if (!closed) {
            closed = true;
            Holders.remove(this);
            if (uses == 0) {
                releaseResources();
            }
        }
    }

    private void releaseResources() {
        if (route != null) {
            route.close();
        }
        LibC.closeQuietly(fd);
    }

    @Override
    public String toString() {
        return "Netns[" + (name != null ? name : path) + "]";
    }
}
