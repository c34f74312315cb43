package io.netns4j.internal.rtnl;

import io.netns4j.error.BusyException;
import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkError;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A netlink socket. It belongs to the network namespace of the thread that opened it and
 * stays there; once open it may be used from any thread (requests are serialised).
 *
 * <p>Requests carry increasing sequence numbers; replies are matched on sequence number and
 * port id, stray ones dropped. Extended ACKs and strict checking are on, so a refused
 * request carries the kernel's own explanation. Dumps interrupted by a concurrent change
 * (NLM_F_DUMP_INTR) are redone.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int DUMP_ATTEMPTS = 8;
    private static final int SOCKET_BUFFER = 1024 * 1024;

    private final int fd;
    private final int portId;
    /*
     * The two datagram buffers are mapped memory (mmap), not Arena memory: an Arena zeroes all
     * 64 KiB of each when it allocates, and a -batch or lab up of 100 namespaces opens 113
     * sockets (JFR: ~30 ms of its main thread in that zeroing). Mapped pages are zeroed by the
     * kernel when first touched, so a socket that only sends small requests and reads ACKs
     * costs a page or two. Both are unmapped by close(), under the lock every use holds.
     */
    private final MemorySegment receiveBuffer;
    private MemorySegment sendBuffer;
    /** The datagram last read, copied out of receiveBuffer; grows to the largest seen. */
    private byte[] received = new byte[4096];
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger sequence = new AtomicInteger((int) (System.nanoTime() & 0x3fffffff));
    private volatile boolean closed;

    private NetlinkSocket(int fd, int portId, MemorySegment receiveBuffer, MemorySegment sendBuffer) {
        this.fd = fd;
        this.portId = portId;
        this.receiveBuffer = receiveBuffer;
        this.sendBuffer = sendBuffer;
    }

    /**
     * Opens a socket of {@code protocol} in the calling thread's network namespace.
     *
     * @param receiveTimeoutMillis how long a reply may take (0: wait for ever, for monitors)
     */
    public static NetlinkSocket open(int protocol, int receiveTimeoutMillis) throws NetnsException {
        int fd = -1;
        try {
            fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
            LibC.setsockopt(fd, LibC.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1);
            LibC.setsockopt(fd, LibC.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, 1);
            LibC.setsockopt(fd, LibC.SOL_NETLINK, Netlink.NETLINK_GET_STRICT_CHK, 1);
            setBufferSize(fd);
            if (receiveTimeoutMillis > 0) {
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment tv = a.allocate(16, 8);
                    tv.set(ValueLayout.JAVA_LONG, 0, receiveTimeoutMillis / 1000);
                    tv.set(ValueLayout.JAVA_LONG, 8, (receiveTimeoutMillis % 1000) * 1000L);
                    LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv);
                }
            }
            try (Arena a = Arena.ofConfined()) {
                MemorySegment addr = a.allocate(12, 4); // struct sockaddr_nl
                addr.set(ValueLayout.JAVA_SHORT, 0, (short) LibC.AF_NETLINK);
                LibC.bind(fd, addr);
                LibC.getsockname(fd, addr);
                int port = addr.get(ValueLayout.JAVA_INT, 4);
                MemorySegment receive = LibC.mapAnonymous(BUFFER_SIZE);
                try {
                    return new NetlinkSocket(fd, port, receive, LibC.mapAnonymous(BUFFER_SIZE));
                } catch (ErrnoException e) {
                    unmapQuietly(receive);
                    throw e;
                }
            }
        } catch (ErrnoException e) {
            LibC.closeQuietly(fd);
            throw Failures.of(e, "Cannot open netlink socket");
        }
    }

    private static void setBufferSize(int fd) throws ErrnoException {
        try {
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, SOCKET_BUFFER);
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUFFORCE, SOCKET_BUFFER);
        } catch (ErrnoException e) {
            // without CAP_NET_ADMIN the kernel caps these at net.core.*mem_max; take what it gives
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, SOCKET_BUFFER);
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUF, SOCKET_BUFFER);
        }
    }

    /** The socket's descriptor, for {@code poll(2)} over several sockets; never closed by the caller. */
    public int descriptor() {
        return fd;
    }

    /** The port id the kernel gave this socket. */
    public int portId() {
        return portId;
    }

    /** Joins a multicast group (e.g. RTNLGRP_NSID) to receive notifications. */
    public void subscribe(int group) throws NetnsException {
        try {
            LibC.setsockopt(fd, LibC.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, group);
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot join netlink group " + group);
        }
    }

    /** Sends {@code request} with NLM_F_ACK and waits for the kernel's ACK. */
    public void execute(byte[] request) throws NetnsException {
        lock.lock();
        try {
            int seq = send(request, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
            for (; ; ) {
                for (NetlinkMessage m : receiveBatch()) {
                    if (!isReplyTo(m, seq)) {
                        continue;
                    }
                    if (m.type() == Netlink.NLMSG_ERROR) {
                        throwIfError(NetlinkError.decode(m));
                        return;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends many requests in as few system calls as the buffer allows, each with NLM_F_ACK,
     * and collects every ACK. The kernel handles each request on its own: all are tried.
     *
     * @return for each request in order, null on success or the exception it earned
     */
    public List<NetnsException> executeAll(List<byte[]> requests) throws NetnsException {
        List<NetnsException> results = new ArrayList<>(requests.size());
        lock.lock();
        try {
            int i = 0;
            while (i < requests.size()) {
                int first = sequence.get() + 1;
                int count = sendPacked(requests, i);
                int pending = count;
                NetnsException[] errors = new NetnsException[count];
                while (pending > 0) {
                    for (NetlinkMessage m : receiveBatch()) {
                        int slot = m.seq() - first;
                        if (m.pid() != portId || slot < 0 || slot >= count || m.type() != Netlink.NLMSG_ERROR) {
                            continue;
                        }
                        NetlinkError e = NetlinkError.decode(m);
                        errors[slot] = e.error() == 0 ? null : Failures.netlink(-e.error(), e.message());
                        pending--;
                    }
                }
                results.addAll(java.util.Arrays.asList(errors));
                i += count;
            }
            return results;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends an nfnetlink batch in one datagram: {@code begin}, each of {@code requests} with
     * NLM_F_ACK, {@code end}. The kernel applies all of it or none (nf_tables transactions).
     *
     * @throws NetnsException the first request's refusal, the whole batch then being undone
     */
    public void executeBatch(byte[] begin, List<byte[]> requests, byte[] end) throws NetnsException {
        lock.lock();
        try {
            checkOpen();
            int total = begin.length + end.length;
            for (byte[] r : requests) {
                total += r.length;
            }
            ensureSendCapacity(total);
            long at = 0;
            int first = sequence.get() + 2;
            for (int k = -1; k <= requests.size(); k++) {
                byte[] r = k < 0 ? begin : k == requests.size() ? end : requests.get(k);
                MemorySegment.copy(r, 0, sendBuffer, ValueLayout.JAVA_BYTE, at, r.length);
                boolean op = k >= 0 && k < requests.size();
                patchHeader(sendBuffer, at, Netlink.NLM_F_REQUEST | (op ? Netlink.NLM_F_ACK : 0),
                        sequence.incrementAndGet());
                at += r.length;
            }
            try {
                LibC.send(fd, sendBuffer, total, 0);
            } catch (ErrnoException e) {
                throw Failures.of(e, "Cannot talk to the kernel over netlink");
            }
            NetnsException failure = null;
            int pending = requests.size();
            while (pending > 0) {
                for (NetlinkMessage m : receiveBatch()) {
                    int slot = m.seq() - first;
                    if (m.pid() != portId || slot < 0 || slot >= requests.size() || m.type() != Netlink.NLMSG_ERROR) {
                        continue;
                    }
                    NetlinkError e = NetlinkError.decode(m);
                    if (e.error() != 0 && failure == null) {
                        failure = Failures.netlink(-e.error(), e.message());
                    }
                    pending--;
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends a request that is answered by one message (a GET without NLM_F_DUMP). */
    public NetlinkMessage request(byte[] request) throws NetnsException {
        lock.lock();
        try {
            int seq = send(request, Netlink.NLM_F_REQUEST);
            for (; ; ) {
                for (NetlinkMessage m : receiveBatch()) {
                    if (!isReplyTo(m, seq)) {
                        continue;
                    }
                    if (m.type() == Netlink.NLMSG_ERROR) {
                        throwIfError(NetlinkError.decode(m));
                        continue; // an ACK without data: keep reading
                    }
                    return m;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends a dump request and returns every message of the dump, redone if interrupted. */
    public List<NetlinkMessage> dump(byte[] request) throws NetnsException {
        lock.lock();
        try {
            for (int attempt = 0; attempt < DUMP_ATTEMPTS; attempt++) {
                List<NetlinkMessage> out = new ArrayList<>();
                if (!dumpOnce(request, out)) {
                    return out;
                }
            }
            throw new BusyException("Dump was interrupted " + DUMP_ATTEMPTS
                    + " times by concurrent changes; try again", Errno.EBUSY, null);
        } finally {
            lock.unlock();
        }
    }

    /** Returns true when the dump was interrupted and must be redone. */
    private boolean dumpOnce(byte[] request, List<NetlinkMessage> out) throws NetnsException {
        int seq = send(request, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        boolean interrupted = false;
        for (; ; ) {
            for (NetlinkMessage m : receiveBatch()) {
                if (!isReplyTo(m, seq)) {
                    continue;
                }
                interrupted |= m.hasFlag(Netlink.NLM_F_DUMP_INTR);
                switch (m.type()) {
                    case Netlink.NLMSG_DONE -> {
                        throwIfError(NetlinkError.decode(m));
                        return interrupted;
                    }
                    case Netlink.NLMSG_ERROR -> throwIfError(NetlinkError.decode(m));
                    case Netlink.NLMSG_NOOP -> { }
                    default -> out.add(m);
                }
            }
        }
    }

    /**
     * Waits for notifications (multicast messages) and returns the next batch; an empty list
     * when the receive timeout passed.
     */
    public List<NetlinkMessage> receiveNotifications() throws NetnsException {
        lock.lock();
        try {
            return receiveBatch();
        } catch (NetnsException e) {
            if (e.errno() == Errno.EAGAIN) {
                return List.of();
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private boolean isReplyTo(NetlinkMessage m, int seq) {
        return m.seq() == seq && m.pid() == portId;
    }

    private static void throwIfError(NetlinkError e) throws NetnsException {
        if (e.error() != 0) {
            throw Failures.netlink(-e.error(), e.message());
        }
    }

    private void ensureSendCapacity(long size) throws NetnsException {
        if (sendBuffer.byteSize() < size) {
            MemorySegment bigger;
            try {
                bigger = LibC.mapAnonymous(Math.max(size, sendBuffer.byteSize() * 2));
            } catch (ErrnoException e) {
                throw Failures.of(e, "Cannot map a send buffer of " + size + " bytes");
            }
            unmapQuietly(sendBuffer);
            sendBuffer = bigger;
        }
    }

    private static void unmapQuietly(MemorySegment mapped) {
        try {
            LibC.unmap(mapped);
        } catch (ErrnoException ignored) {
            // only EINVAL for a bad range, which a segment from mapAnonymous is not
        }
    }

    private int send(byte[] request, int flags) throws NetnsException {
        checkOpen();
        int seq = sequence.incrementAndGet();
        ensureSendCapacity(request.length);
        MemorySegment.copy(request, 0, sendBuffer, ValueLayout.JAVA_BYTE, 0, request.length);
        patchHeader(sendBuffer, 0, flags, seq);
        try {
            LibC.send(fd, sendBuffer, request.length, 0);
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot talk to the kernel over netlink");
        }
        return seq;
    }

    /** Packs as many requests from {@code from} as fit in one datagram; returns how many. */
    private int sendPacked(List<byte[]> requests, int from) throws NetnsException {
        checkOpen();
        int total = 0;
        int count = 0;
        while (from + count < requests.size()) {
            int len = requests.get(from + count).length;
            if (count > 0 && total + len > BUFFER_SIZE) {
                break;
            }
            total += len;
            count++;
        }
        ensureSendCapacity(total);
        long at = 0;
        for (int k = 0; k < count; k++) {
            byte[] r = requests.get(from + k);
            MemorySegment.copy(r, 0, sendBuffer, ValueLayout.JAVA_BYTE, at, r.length);
            patchHeader(sendBuffer, at, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, sequence.incrementAndGet());
            at += r.length;
        }
        try {
            LibC.send(fd, sendBuffer, total, 0);
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot talk to the kernel over netlink");
        }
        return count;
    }

    private static void patchHeader(MemorySegment buf, long at, int flags, int seq) {
        short existing = buf.get(ValueLayout.JAVA_SHORT, at + 6);
        buf.set(ValueLayout.JAVA_SHORT, at + 6, (short) (existing | flags));
        buf.set(ValueLayout.JAVA_INT, at + 8, seq);
        buf.set(ValueLayout.JAVA_INT, at + 12, 0);
    }

    private List<NetlinkMessage> receiveBatch() throws NetnsException {
        checkOpen();
        long n;
        try {
            n = recvRetryingEintr();
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EAGAIN) {
                throw new NetnsException("No answer from the kernel within the receive timeout", Errno.EAGAIN, null);
            }
            if (e.errno() == Errno.ENOBUFS) {
                throw new BusyException("Netlink receive queue overflowed: notifications were lost; resynchronise",
                        Errno.ENOBUFS, null);
            }
            throw Failures.of(e, "Cannot read from netlink");
        }
        if (n > BUFFER_SIZE) {
            throw new MalformedMessageException("a datagram of " + n + " bytes exceeds the " + BUFFER_SIZE + "-byte buffer");
        }
        if (n > received.length) {
            received = new byte[(int) Math.min(BUFFER_SIZE, Math.max(n, 2L * received.length))];
        }
        MemorySegment.copy(receiveBuffer, ValueLayout.JAVA_BYTE, 0, received, 0, (int) n);
        return NetlinkMessage.parseAll(received, (int) n);
    }

    /** A signal (a profiler's, say) interrupts recv even with SA_RESTART when a timeout is set: try again. */
    private long recvRetryingEintr() throws ErrnoException {
        for (; ; ) {
            try {
                return LibC.recv(fd, receiveBuffer, BUFFER_SIZE, LibC.MSG_TRUNC);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
            }
        }
    }

    private void checkOpen() throws NetnsException {
        if (closed) {
            throw new NetnsException("netlink socket is closed");
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                LibC.closeQuietly(fd);
                unmapQuietly(receiveBuffer);
                unmapQuietly(sendBuffer);
            }
        } finally {
            lock.unlock();
        }
    }
}
