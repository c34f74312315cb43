package io.netns4j;

import io.netns4j.error.NamespaceNotReadyException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;
import io.netns4j.internal.sys.NamespaceThreads;
import io.netns4j.types.NetnsNames;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory of named network namespaces, laid out exactly as {@code ip netns} lays it
 * out, so that namespaces made here are usable by iproute2 and the other way round.
 *
 * <p>{@link #system()} is {@code /run/netns}, or {@code $NETNS_RUN_DIR} when set (as iproute2
 * honours it). Each name is a file on which the namespace is bind-mounted; the directory is
 * made a shared mount so that an unmount propagates to every mount namespace.
 */
public final class NetnsRegistry {
    private static final String PROC_NET = "/proc/thread-self/ns/net";
    private static final int BUSY_RETRIES = 50;
    private static final long BUSY_PAUSE_MILLIS = 20;

    private final Path directory;
    private final RunDirectory runDirectory;

    private NetnsRegistry(Path directory) {
        this.directory = directory;
        this.runDirectory = new RunDirectory(directory);
    }

    /**
     * The registry {@code ip netns} uses: {@code $NETNS_RUN_DIR}, else {@code /run/netns}.
     *
     * @return the system registry (a new view of it; cheap)
     */
    public static NetnsRegistry system() {
        String env = System.getenv("NETNS_RUN_DIR");
        return new NetnsRegistry(Path.of(env == null || env.isEmpty() ? "/run/netns" : env));
    }

    /**
     * A registry in another directory (tests, or a tool that keeps its own namespaces).
     *
     * @param directory the run directory, made absolute; created on first {@code add} if missing
     * @return a registry on that directory
     */
    public static NetnsRegistry at(Path directory) {
        return new NetnsRegistry(directory.toAbsolutePath());
    }

    /**
     * The directory this registry keeps its names in.
     *
     * @return the absolute directory, e.g. {@code /run/netns}
     */
    public Path directory() {
        return directory;
    }

    private String fileOf(String name) {
        return directory.resolve(NetnsNames.check(name)).toString();
    }

    /**
     * The names in the directory, in directory order. Equivalent to {@code ip netns list}.
     *
     * @return the names, empty when the directory does not exist
     * @throws NetnsException when the directory cannot be read
     */
    public List<String> names() throws NetnsException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
            for (Path p : ds) {
                out.add(p.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new NetnsException("Cannot read " + directory + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * Whether a namespace of that name exists and is mounted (ready for use).
     *
     * @param name the namespace's name (a single path component, as {@code ip netns} accepts)
     * @return true when the name opens as a network namespace; false when absent, not ready, invalid or not openable
     */
    public boolean isReady(String name) {
        try (Netns ns = open(name)) {
            return ns != null;
        } catch (NetnsException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Opens the named namespace.
     *
     * @param name the namespace's name (a single path component, as {@code ip netns} accepts)
     * @return a new open handle; the caller closes it
     * @throws NotFoundException           when there is no such name
     * @throws NamespaceNotReadyException  when it is being created by someone else right now
     * @throws NetnsException              when it cannot be opened otherwise (e.g. permission denied)
     * @throws IllegalArgumentException    when {@code name} is not a valid name
     */
    public Netns open(String name) throws NetnsException {
        String file = fileOf(name);
        return new Netns(NamespaceFiles.open(file, name), name, Path.of(file), false).tracked();
    }

    /**
     * Creates a new network namespace and names it. Equivalent to {@code ip netns add NAME}.
     * On failure nothing is left behind: no file, no mount.
     *
     * @param name the namespace's name (a single path component, as {@code ip netns} accepts)
     * @return an open handle on the new namespace; close it when done (the namespace stays)
     * @throws io.netns4j.error.AlreadyExistsException when the name exists already
     * @throws io.netns4j.error.PermissionDeniedException when not root (no CAP_SYS_ADMIN)
     * @throws NetnsException when the namespace cannot be created or mounted
     */
    public Netns add(String name) throws NetnsException {
        return add(name, ns -> { });
    }

    /**
     * Creates a namespace this caller owns: as {@link #add(String)}, but closing the handle
     * also deletes the namespace and waits up to 10 s until the kernel has freed it
     * ({@code ip netns add NAME} ... {@code ip netns delete NAME}, then waiting). A failure
     * to delete at close is thrown as an {@code UncheckedIOException} around the
     * {@link NetnsException} (a {@code BusyException} names what still holds it).
     *
     * @param name the namespace's name (a single path component, as {@code ip netns} accepts)
     * @return an open handle whose {@code close()} deletes the namespace and waits for it to go
     * @throws io.netns4j.error.AlreadyExistsException when the name exists already
     * @throws NetnsException when the namespace cannot be created, as {@link #add(String)}
     */
    public Netns create(String name) throws NetnsException {
        return add(name).deletingOnClose(this);
    }

    /**
     * {@link #create(String)} with a fresh name: {@code prefix}, this process's id and a
     * counter ({@code test-4711-3}), for tests and scratch work. Read it with {@link Netns#name()}.
     *
     * @param prefix the start of the name, e.g. {@code test-}; the result must be a valid name
     * @return an open handle whose {@code close()} deletes the namespace and waits for it to go
     * @throws IllegalArgumentException when the resulting name is not valid (e.g. too long)
     * @throws NetnsException when the namespace cannot be created, as {@link #add(String)}
     */
    public Netns createTemporary(String prefix) throws NetnsException {
        String name = prefix + ProcessHandle.current().pid() + "-" + TEMPORARY.incrementAndGet();
        NetnsNames.check(name);
        return create(name);
    }

    private static final java.util.concurrent.atomic.AtomicLong TEMPORARY = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Deletes the name if it exists ({@code ip netns delete NAME}, no error when absent) and
     * says whether it did. The namespace is freed in the background; see {@link #delete(String, Duration)}.
     *
     * @param name the namespace's name (a single path component, as {@code ip netns} accepts)
     * @return true when the name existed and was removed, false when there was none
     * @throws NetnsException when it exists but cannot be removed
     */
    public boolean deleteIfExists(String name) throws NetnsException {
        try {
            delete(name);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Creates a new network namespace, runs {@code preparation} on it, and only then names it
     * (bind-mounts it on {@code NAME}), so that no one ever sees the name without what the
     * preparation did: a lab marks ownership this way, and a crash cannot leave a named but
     * unmarked namespace. If the preparation fails, the namespace is dropped unnamed. The
     * handle passed to it has its netlink socket open; it must not be closed or kept.
     * Equivalent to {@code ip netns add NAME} with the preparation's commands run first.
     * <p>The name's file is created after the preparation, right before the mount; a crash
     * between the two leaves an empty file, as {@code ip netns add} would;
     * {@link #removeUnmounted} removes such files.
     *
     * @param name the namespace's name (a single path component, as {@code ip netns} accepts)
     * @param preparation work on the unnamed namespace, run on a thread inside it; not null
     * @return an open handle on the new, named namespace; close it when done (the namespace stays)
     * @throws io.netns4j.error.AlreadyExistsException when the name exists already
     * @throws NetnsException when the namespace cannot be created or mounted, or what the preparation threw
     */
    public Netns add(String name, NamespacePreparation preparation) throws NetnsException {
        String file = fileOf(name);
        runDirectory.prepare();
        if (Files.exists(Path.of(file), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            RunDirectory.createFile(file); // fails as ip does ("File exists"), before a namespace is made for nothing
        }
        try {
            return NamespaceThreads.callInNew(() -> prepareAndPin(name, file, preparation)).tracked();
        } catch (ErrnoException e) {
            throw Failures.of(e, "Failed to create a new network namespace \"" + name + "\"");
        } catch (NetnsException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new NetnsException("Failed to create a new network namespace \"" + name + "\": " + e);
        }
    }

    /**
     * On the worker that made the namespace: prepares it unnamed, then creates the name's
     * file and pins the namespace on it (the window in which the file exists unmounted is as
     * short as ip's), and keeps its netlink socket open, which saves a later trip inside.
     */
    private static Netns prepareAndPin(String name, String file, NamespacePreparation preparation) throws Exception {
        int fd;
        try {
            fd = LibC.open(PROC_NET, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot open " + PROC_NET);
        }
        Netns ns;
        try {
            ns = Netns.withRouteSocket(fd, name, Path.of(file));
        } catch (Throwable t) {
            LibC.closeQuietly(fd);
            throw t;
        }
        try {
            preparation.prepare(ns);
            RunDirectory.createFile(file);
            try {
                LibC.mount(PROC_NET, file, "none", LibC.MS_BIND);
            } catch (ErrnoException e) {
                RunDirectory.unlinkQuietly(file);
                throw Failures.of(e, "Bind " + PROC_NET + " -> " + file + " failed");
            }
            return ns;
        } catch (Throwable t) {
            ns.close();
            throw t;
        }
    }

    /**
     * Removes {@code NAME}'s file if no namespace is mounted on it: what a process killed
     * between creating the file and mounting on it leaves (iproute2 leaves the same). Returns
     * whether it removed one. Equivalent to {@code rm /run/netns/NAME} after checking
     * {@code findmnt} shows nothing there.
     *
     * @param name the namespace's name (a single path component, as {@code ip netns} accepts)
     * @return true when an unmounted file was removed; false when the name is absent or a namespace is mounted on it
     * @throws NetnsException when the file cannot be removed or inspected
     */
    public boolean removeUnmounted(String name) throws NetnsException {
        String file = fileOf(name);
        try (Netns ignored = open(name)) {
            return false;
        } catch (NamespaceNotReadyException e) {
            try {
                LibC.unlink(file);
                return true;
            } catch (ErrnoException u) {
                if (u.errno() == Errno.ENOENT) {
                    return false;
                }
                throw Failures.of(u, "Cannot remove " + file);
            }
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Names the network namespace of process {@code pid}. Equivalent to
     * {@code ip netns attach NAME PID}.
     *
     * @param name the namespace's name (a single path component, as {@code ip netns} accepts)
     * @param pid the process whose namespace to name, positive
     * @return an open handle on that namespace; the caller closes it (the name stays)
     * @throws IllegalArgumentException when {@code pid} is out of range
     * @throws io.netns4j.error.AlreadyExistsException when the name exists already
     * @throws NetnsException when the process does not exist or the mount fails
     */
    public Netns attach(String name, long pid) throws NetnsException {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Invalid PID: " + pid);
        }
        String file = fileOf(name);
        String source = "/proc/" + pid + "/ns/net";
        runDirectory.prepare();
        RunDirectory.createFile(file);
        try {
            LibC.mount(source, file, "none", LibC.MS_BIND);
        } catch (ErrnoException e) {
            RunDirectory.unlinkQuietly(file);
            throw Failures.of(e, "Bind " + source + " -> " + file + " failed");
        }
        try {
            return open(name);
        } catch (NetnsException e) {
            RunDirectory.removeQuietly(file);
            throw e;
        }
    }

    /**
     * Removes the name: detaches the mount and deletes the file. Equivalent to
     * {@code ip netns delete NAME}. The namespace itself lives on while a process, an open
     * handle or another mount holds it; the kernel then frees it in the background. See
     * {@link #delete(String, Duration)} to wait for that.
     *
     * @param name the namespace's name (a single path component, as {@code ip netns} accepts)
     * @throws NotFoundException when there is no such name
     * @throws NetnsException when the mount or file cannot be removed (e.g. still busy after about 1 s of retries)
     */
    public void delete(String name) throws NetnsException {
        String file = fileOf(name);
        for (int attempt = 0; ; attempt++) {
            try {
                LibC.umount2(file, LibC.MNT_DETACH);
            } catch (ErrnoException ignored) {
                // not mounted (EINVAL) or absent (ENOENT): unlink tells which
            }
            try {
                LibC.unlink(file);
                return;
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EBUSY || attempt >= BUSY_RETRIES) {
                    throw Failures.of(e, "Cannot remove namespace file \"" + file + "\"");
                }
            }
            Waits.pause(BUSY_PAUSE_MILLIS);
        }
    }

    /**
     * Deletes the name and returns only when the kernel has torn the namespace down: its id
     * is gone from the caller's namespace and the peers of its veth links there are deleted.
     * Equivalent to {@code ip netns delete NAME} followed by waiting, which {@code ip} cannot do.
     *
     * @param name the namespace's name (a single path component, as {@code ip netns} accepts)
     * @param timeout how long to wait for the kernel to free the namespace, not null
     * @throws io.netns4j.error.BusyException when something still holds the namespace after {@code timeout};
     *                       the message names the processes inside it
     */
    public void delete(String name, Duration timeout) throws NetnsException {
        TeardownWatch watch;
        try (Netns target = open(name)) {
            watch = TeardownWatch.start(this, name, target);
        }
        try {
            delete(name);
            watch.await(name, timeout);
        } finally {
            watch.close();
        }
    }

    /**
     * The names whose namespace is the one process {@code pid} is in; all of them, though
     * one is usual. Equivalent to {@code ip netns identify PID}.
     *
     * @param pid the process, or 0 or less for this process
     * @return the names, empty when the namespace has none here
     * @throws NotFoundException when the process does not exist or its namespace cannot be opened
     * @throws NetnsException when the directory cannot be read
     */
    public List<String> identify(long pid) throws NetnsException {
        Path proc = pid <= 0 ? Path.of("/proc/self/ns/net") : Path.of("/proc", Long.toString(pid), "ns", "net");
        NamespaceId target;
        try {
            target = ProcWalk.idOf(proc);
        } catch (IOException e) {
            throw new NotFoundException("Cannot open network namespace of process " + pid + ": " + reason(e),
                    Errno.ENOENT, null);
        }
        return namesOf(target);
    }

    /**
     * The names under which namespace {@code target} is mounted here; usually one, possibly none.
     *
     * @param target the namespace's device and inode, e.g. {@link Netns#id()}
     * @return the names, in directory order; empty when none
     * @throws NetnsException when the directory cannot be read
     */
    public List<String> namesOf(NamespaceId target) throws NetnsException {
        List<String> out = new ArrayList<>();
        for (String n : names()) {
            try {
                if (target.equals(ProcWalk.idOf(directory.resolve(n)))) {
                    out.add(n);
                }
            } catch (IOException ignored) {
                // deleted while we looked
            }
        }
        return out;
    }

    /**
     * The ids of the processes inside the named namespace. Equivalent to {@code ip netns pids NAME}.
     *
     * @param name the namespace's name (a single path component, as {@code ip netns} accepts)
     * @return the process ids; empty when none
     * @throws NotFoundException when there is no such name
     * @throws NetnsException when the namespace cannot be opened
     */
    public List<Long> pids(String name) throws NetnsException {
        NamespaceId target;
        try (Netns ns = open(name)) {
            target = ns.id();
        }
        return ProcWalk.pidsIn(target);
    }

    /**
     * The processes inside each of the named namespaces, found in one walk of {@code /proc}
     * (names that do not open are left out). Equivalent to {@code ip netns pids NAME} for each.
     *
     * @param names the namespaces' names
     * @return for each name that opened, in the order given: its process ids
     * @throws NetnsException when {@code /proc} cannot be read
     */
    public Map<String, List<Long>> pids(List<String> names) throws NetnsException {
        Map<NamespaceId, String> byId = new HashMap<>();
        for (String name : names) {
            try (Netns ns = open(name)) {
                byId.put(ns.id(), name);
            } catch (NotFoundException | NamespaceNotReadyException e) {
                // gone, or not ready: nothing runs inside
            }
        }
        Map<NamespaceId, List<Long>> found = ProcWalk.pidsIn(byId.keySet());
        Map<String, List<Long>> out = new java.util.LinkedHashMap<>();
        byId.forEach((id, n) -> out.put(n, found.get(id)));
        return out;
    }

    /**
     * Deletes several names, then waits once until the kernel has unhashed every one of those
     * namespaces (an RTM_DELNSID for each in the caller's namespace: sent when the namespace is
     * dying and can no longer be entered; its devices go right after). The kernel frees
     * queued namespaces together, so this is much faster than {@link #delete(String, Duration)}
     * one by one. Unlike that method it does not watch for links in other namespaces whose
     * peers were inside: use it for a set of namespaces that holds its own veth peers, such as
     * a lab. Equivalent to {@code ip netns delete} of each name, then waiting.
     *
     * @param names the namespaces' names
     * @param timeout how long to wait, in all, for the kernel to free them; not null
     * @return the names that could not be deleted or were not freed in time, each with why
     *         (empty when all went); names that do not exist are skipped
     * @throws io.netns4j.error.OperationInterruptedException when the caller is interrupted while waiting
     * @throws NetnsException when the wait itself cannot be set up
     */
    public Map<String, NetnsException> deleteAll(List<String> names, Duration timeout) throws NetnsException {
        return DeleteAll.run(this, names, timeout);
    }

    /**
     * {@link #deleteAll} whose wait comes later ({@code ip netns delete} of each name): the
     * kernel frees them in the background until {@link NamespaceRelease#await}.
     *
     * @param names the namespaces' names
     * @return what to await; {@link NamespaceRelease#failedAtOnce()} names deletions that failed
     * @throws NetnsException when the wait cannot be set up (nothing is deleted then)
     */
    public NamespaceRelease deleteAllLater(List<String> names) throws NetnsException {
        return DeleteAll.start(this, names);
    }


    /**
     * Watches the directory for names being added and deleted ({@code ip netns monitor}).
     *
     * @return a new monitor; close it when done
     * @throws NetnsException when the directory cannot be created or watched (inotify)
     */
    public NetnsMonitor monitor() throws NetnsException {
        runDirectory.make();
        return NetnsMonitor.watch(directory);
    }

    private static String reason(IOException e) {
        return e instanceof NoSuchFileException ? "No such file or directory" : e.getMessage();
    }
}
