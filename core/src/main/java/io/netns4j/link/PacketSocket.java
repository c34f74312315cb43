package io.netns4j.link;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.rtnl.Interfaces;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A raw packet socket bound to one interface: {@code socket(AF_PACKET, SOCK_RAW, htons(PROTOCOL))}
 * made inside the interface's namespace and bound to it ({@code struct sockaddr_ll}), the way
 * {@code tcpdump -i DEV} listens and packet generators send. Frames are whole Ethernet frames.
 * Made by {@link Links#openPacketSocket(String, int, boolean)}.
 *
 * <p>Protocol {@link #ETH_P_ALL} receives every frame the interface sends and receives;
 * {@link #SEND_ONLY} (0) receives nothing, for a socket that only sends. With the qdisc bypass
 * ({@code PACKET_QDISC_BYPASS}) a sent frame goes straight to the driver
 * ({@code dev_direct_xmit}): past the interface's qdisc and its tc egress hook, and unseen by
 * other packet sockets on it. Sending and receiving may come from any thread; {@link #close()}
 * from any thread ends a receive in progress within its time-out.
 */
public final class PacketSocket implements AutoCloseable {
    /** Every protocol: {@code ETH_P_ALL}. */
    public static final int ETH_P_ALL = 0x0003;
    /** No protocol: the socket receives nothing and only sends. */
    public static final int SEND_ONLY = 0;
    private static final int SOCKADDR_LL = 20;

    private final String device;
    private final FrameDescriptor fd;

    private PacketSocket(String device, int fd) {
        this.device = device;
        this.fd = new FrameDescriptor(fd, "packet socket on \"" + device + "\"");
    }

    static PacketSocket open(NamespaceSession ns, String device, int protocol, boolean qdiscBypass) throws NetnsException {
        if (protocol < 0 || protocol > 0xffff) {
            throw new IllegalArgumentException("An Ethernet protocol is 0 to 0xffff, got " + protocol);
        }
        int index = Interfaces.index(ns, device);
        return ns.inside(() -> {
            int proto = Short.toUnsignedInt(Short.reverseBytes((short) protocol)); // htons
            int s;
            try {
                s = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, proto);
            } catch (ErrnoException e) {
                throw Failures.of(e, "Cannot open a packet socket in " + ns.describe());
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment ll = arena.allocate(SOCKADDR_LL, 4); // struct sockaddr_ll
                ll.set(ValueLayout.JAVA_SHORT, 0, (short) LibC.AF_PACKET);
                ll.set(ValueLayout.JAVA_SHORT, 2, (short) proto);
                ll.set(ValueLayout.JAVA_INT, 4, index);
                if (qdiscBypass) {
                    LibC.setsockopt(s, LibC.SOL_PACKET, LibC.PACKET_QDISC_BYPASS, 1);
                }
                LibC.bind(s, ll);
                return new PacketSocket(device, s);
            } catch (ErrnoException e) {
                LibC.closeQuietly(s);
                throw Failures.of(e, "Cannot bind a packet socket to \"" + device + "\" in " + ns.describe());
            }
        });
    }

    /**
     * The interface the socket is bound to.
     *
     * @return its name, as given when opening
     */
    public String device() {
        return device;
    }

    /**
     * Sends one frame out of the interface ({@code send(2)}).
     *
     * @param frame the frame, from its start (Ethernet header first)
     * @param length its length in bytes
     * @return true when the driver took it, false when the kernel dropped it (no room, the device down or gone)
     * @throws NetnsException when the socket is closed or sending fails otherwise
     */
    public boolean send(MemorySegment frame, int length) throws NetnsException {
        return fd.write(frame, length, true);
    }

    /**
     * Waits up to {@code timeoutMillis} for a frame and copies it into {@code buffer}, cut to its size.
     *
     * @param buffer where the frame goes, from its start
     * @param timeoutMillis how long to wait; 0 does not wait
     * @return the frame's length (as copied), or -1 when none came in time or the socket was closed
     * @throws NetnsException when receiving fails otherwise
     */
    public int receive(MemorySegment buffer, int timeoutMillis) throws NetnsException {
        return fd.read(buffer, timeoutMillis, true);
    }

    /** Closes the socket; idempotent, from any thread. */
    @Override
    public void close() {
        fd.close();
    }
}
