package io.netns4j;

import io.netns4j.address.Addresses;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NamespaceNotReadyException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.error.OperationInterruptedException;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.NsidMessage;
import io.netns4j.internal.netlink.route.Rtnl;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;
import io.netns4j.internal.sys.NamespaceThreads;
import io.netns4j.link.Links;
import io.netns4j.neighbour.Neighbours;
import io.netns4j.qdisc.Qdiscs;
import io.netns4j.route.Routes;
import io.netns4j.rule.Rules;
import io.netns4j.types.NamespaceRef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;

/**
 * An open network namespace: the handle every other netns4j object hangs off. It holds a
 * file descriptor on the namespace (which keeps the namespace alive while open) and, once
 * needed, a netlink socket opened inside it. Closing the handle releases both.
 *
 * <p>Open one by name ({@link #open(String)}, equivalent to what {@code ip -n NAME} uses), by
 * path ({@link #openPath(Path)}), by process ({@link #openPid(long)}), or the caller's own
 * ({@link #current()}). Create named ones with {@link NetnsRegistry#add(String)}
 * ({@code ip netns add NAME}).
 *
 * <p>The calling thread never changes namespace: work that must happen inside runs on a
 * short-lived hop to a platform thread that enters the namespace and comes back.
 */
public final class Netns implements NamespaceRef, AutoCloseable {
    /** What the per-object verbs see of this handle (they never see the class itself). */
    private final NamespaceSession session = new NamespaceSession() {
        @Override
        public NetlinkSocket routeSocket() throws NetnsException {
            return Netns.this.routeSocket();
        }

        @Override
        public <T> T inside(NamespaceThreads.Task<T> task) throws NetnsException {
            return Netns.this.inside(task);
        }

        @Override
        public NamespaceRef handle() {
            return Netns.this;
        }
    };

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
     * @throws NamespaceNotReadyException when the file exists but no namespace is mounted on it yet
     * @throws InvalidRequestException when the path is a namespace of another kind (mnt, pid, ...)
     * @throws NetnsException when it cannot be opened (missing, permission denied, ...)
     */
    public static Netns openPath(Path path) throws NetnsException {
        return new Netns(openNamespaceFile(path.toString(), path.toString()), null, path, false).tracked();
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
        return new Netns(openNamespaceFile(p.toString(), "the current network namespace"), null, p, true).tracked();
    }

    /**
     * Opens {@code file} and checks that a namespace is mounted there (statfs type nsfs). A
     * plain file means another process is between creating and mounting it.
     */
    static int openNamespaceFile(String file, String what) throws NetnsException {
        int nsFd;
        try {
            nsFd = LibC.open(file, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot open network namespace \"" + what + "\"");
        }
        try {
            if (LibC.fstatfsType(nsFd) != LibC.NSFS_MAGIC) {
                LibC.closeQuietly(nsFd);
                throw new NamespaceNotReadyException("Network namespace \"" + what
                        + "\" is not ready: its file exists but no namespace is mounted on it yet; retry shortly");
            }
            String kind = NamespaceFiles.kind(nsFd);
            if (kind != null) {
                LibC.closeQuietly(nsFd);
                throw new InvalidRequestException("\"" + what + "\" is a " + kind + " namespace, not a network"
                        + " namespace (for a process, use /proc/PID/ns/net)", 22, null);
            }
        } catch (ErrnoException e) {
            LibC.closeQuietly(nsFd);
            throw Failures.of(e, "Cannot inspect network namespace \"" + what + "\"");
        }
        return nsFd;
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
            Map<String, Object> st = Files.readAttributes(Path.of("/proc/self/fd/" + f), "unix:dev,ino");
            return new NamespaceId((Long) st.get("dev"), (Long) st.get("ino"));
        } catch (IOException e) {
            throw new NetnsException("Cannot stat network namespace: " + e.getMessage());
        } finally {
            release();
        }
    }

    /**
     * The file descriptor open on the namespace, valid until {@link #close()}. Code that may
     * race with a {@code close()} from another thread should use {@link #withDescriptor}.
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
     * when the last such use ends). Without this, a close could free the descriptor number for
     * reuse while a worker is about to {@code setns} into it, and enter something else.
     *
     * @throws NetnsException when the handle is already closed
     */
    @Override
    public <T> T withDescriptor(DescriptorTask<T> task) throws Exception {
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

    // ---- running code and processes inside ----

    /**
     * Runs {@code task} inside this namespace and returns its result. The task runs on a
     * platform worker that enters the namespace and comes back; the calling thread's own
     * namespace never changes, and nested calls work. The task's exception is thrown as is,
     * with the caller's stack added as a suppressed {@link CalledFrom}, so a trace shows both
     * where it failed and where {@code call} was made.
     *
     * <p><b>A socket belongs to the namespace of the thread that creates it</b>, for life. An
     * object that opens its sockets later does not: {@code call(() -> HttpClient.newHttpClient())}
     * returns a client whose {@code send} connects from the caller's namespace; use
     * {@link #sockets()}. Inside the task {@code /proc/net/...} still shows the JVM's main
     * thread's namespace; read {@code /proc/thread-self/net/...}.
     *
     * <p>Never call {@code setns} yourself from a virtual thread: it may move to another
     * carrier at any blocking point and leave that carrier in the wrong namespace. This
     * method is safe to call from virtual threads, because the work never runs on them.
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

    /**
     * The policy-routing rules of this namespace: {@code ip -n THIS rule ...}.
     *
     * @return the rule verbs, bound to this handle
     */
    public Rules rules() {
        return Rules.of(session);
    }

    /**
     * The queueing disciplines of this namespace: {@code tc -n THIS qdisc ...}.
     *
     * @return the qdisc verbs, bound to this handle
     */
    public Qdiscs qdiscs() {
        return Qdiscs.of(session);
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
     * The nftables firewall of this namespace: {@code ip netns exec THIS nft ...}.
     *
     * @return the nftables verbs, bound to this handle
     */
    public io.netns4j.firewall.Firewall firewall() {
        return io.netns4j.firewall.Firewall.in(this);
    }

    // ---- peer ids (nsid) ----

    /**
     * The id this namespace has assigned to {@code peer}, if any. Equivalent to the
     * {@code (id: N)} that {@code ip -n THIS netns list} shows next to the peer.
     *
     * @param peer the other namespace, open
     * @return the id, or empty when none is assigned
     * @throws NetnsException when either handle is closed or the kernel refuses the request
     */
    public OptionalInt peerId(Netns peer) throws NetnsException {
        return PeerIdRequests.peerId(this, peer);
    }

    /**
     * Lets the kernel pick an id for {@code peer} here and returns it: {@code ip -n THIS netns set PEER auto}.
     *
     * @param peer the other namespace, open
     * @return the id the kernel picked
     * @throws io.netns4j.error.AlreadyExistsException when {@code peer} already has an id here
     * @throws NetnsException when either handle is closed or the kernel refuses the request
     */
    public int assignPeerId(Netns peer) throws NetnsException {
        return PeerIdRequests.assignPeerId(this, peer, NsidMessage.NOT_ASSIGNED);
    }

    /**
     * Assigns {@code peer} the id {@code nsid} (0 or more) here: {@code ip -n THIS netns set PEER N}.
     *
     * @param peer the other namespace, open
     * @param nsid the id to assign, 0 or more
     * @return the id now assigned
     * @throws IllegalArgumentException when {@code nsid} is negative
     * @throws io.netns4j.error.AlreadyExistsException when the id or the peer already has another assignment
     * @throws NetnsException when either handle is closed or the kernel refuses the request
     */
    public int assignPeerId(Netns peer, int nsid) throws NetnsException {
        if (nsid < 0) {
            throw new IllegalArgumentException("Invalid nsid " + nsid + " (0 or more; assignPeerId(peer) picks one)");
        }
        return PeerIdRequests.assignPeerId(this, peer, nsid);
    }

    /**
     * The ids this namespace has assigned. Equivalent to {@code ip -n THIS netns list-id}.
     * Names are not filled in; {@link NetnsRegistry#listIds(Netns)} adds them.
     *
     * @return the assigned ids, in the kernel's order; empty when none
     * @throws NetnsException when the handle is closed or the kernel refuses the dump
     */
    public List<PeerId> peerIds() throws NetnsException {
        return PeerIdRequests.peerIds(this, null);
    }

    /**
     * The ids that another namespace, known here as {@code targetNsid}, has assigned, each
     * with {@code currentNsid} set to this namespace's id for the same peer. Equivalent to
     * {@code ip -n THIS netns list-id target-nsid T}. Names are not filled in.
     *
     * @param targetNsid the id (here) of the namespace whose ids to list, 0 or more
     * @return the assigned ids, in the kernel's order; empty when none
     * @throws IllegalArgumentException when {@code targetNsid} is negative
     * @throws NetnsException when the handle is closed or the kernel refuses the dump (e.g. no
     *         namespace has that id here)
     */
    public List<PeerId> peerIds(int targetNsid) throws NetnsException {
        return PeerIdRequests.peerIds(this, checkNsid("targetNsid", targetNsid));
    }

    /**
     * Looks up one id: the peer known here as {@code nsid}. Equivalent to
     * {@code ip -n THIS netns list-id nsid N}.
     *
     * @param nsid the id to look up, 0 or more
     * @return the entry, or empty when no peer has that id
     * @throws IllegalArgumentException when {@code nsid} is negative
     * @throws NetnsException when the handle is closed or the kernel refuses the request
     */
    public Optional<PeerId> peerIdLookup(int nsid) throws NetnsException {
        return PeerIdRequests.peerIdLookup(this, checkNsid("nsid", nsid), null);
    }

    /**
     * Looks up one id in another namespace: the peer that the namespace known here as
     * {@code targetNsid} knows as {@code nsid}. Equivalent to
     * {@code ip -n THIS netns list-id target-nsid T nsid N}.
     *
     * @param nsid the id to look up (in the target), 0 or more
     * @param targetNsid the id (here) of the namespace to look in, 0 or more
     * @return the entry, or empty when no peer has that id
     * @throws IllegalArgumentException when an id is negative
     * @throws NetnsException when the handle is closed or the kernel refuses the request
     */
    public Optional<PeerId> peerIdLookup(int nsid, int targetNsid) throws NetnsException {
        return PeerIdRequests.peerIdLookup(this, checkNsid("nsid", nsid), checkNsid("targetNsid", targetNsid));
    }

    private static int checkNsid(String what, int nsid) {
        if (nsid < 0) {
            throw new IllegalArgumentException("Invalid " + what + " " + nsid + " (an nsid is 0 or more)");
        }
        return nsid;
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
            try {
                r.delete(name, java.time.Duration.ofSeconds(10));
            } catch (NetnsException e) {
                throw new java.io.UncheckedIOException(e);
            }
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
