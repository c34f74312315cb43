package io.netns4j.link;

import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.rtnl.Interfaces;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A tap device with its descriptor kept open, so that a program reads the Ethernet frames the
 * kernel sends through the device and writes frames the kernel receives from it: what
 * {@code ip tuntap add dev NAME mode tap} makes, plus the open {@code /dev/net/tun} descriptor
 * ({@code IFF_TAP | IFF_NO_PI}: plain frames, no packet-information header). Made by
 * {@link Links#openTap(String)}.
 *
 * <p>The device is persistent ({@code TUNSETPERSIST}): it outlives this handle and a crash of
 * its process (so whatever marks it carries can still be read), and goes with
 * {@link Links#delete(String)} or with its namespace. Reads and writes may come from any thread;
 * {@link #close()} from any thread ends a read in progress within its time-out.
 */
public final class TapDevice implements AutoCloseable {
    private static final long TUNSETIFF = 0x400454caL;
    private static final long TUNSETPERSIST = 0x400454cbL;
    private static final int IFF_TAP = 0x0002;
    private static final int IFF_NO_PI = 0x1000;
    private static final int IFF_TUN_EXCL = 0x8000;
    private static final int IFREQ_SIZE = 40;

    private final String name;
    private final FrameDescriptor fd;

    private TapDevice(String name, int fd) {
        this.name = name;
        this.fd = new FrameDescriptor(fd, "tap device \"" + name + "\"");
    }

    static TapDevice open(NamespaceSession ns, String name) throws NetnsException {
        io.netns4j.types.InterfaceNames.check(name);
        try {
            Interfaces.index(ns, name);
            throw exists(ns, name);
        } catch (NotFoundException expected) {
            // free: make it below
        }
        return ns.inside(() -> create(ns, name));
    }

    private static AlreadyExistsException exists(NamespaceSession ns, String name) {
        return new AlreadyExistsException("Cannot create tap device \"" + name + "\": a device of that name exists in "
                + ns.describe(), Errno.EEXIST, null);
    }

    private static TapDevice create(NamespaceSession ns, String name) throws NetnsException {
        int fd;
        try {
            fd = LibC.open("/dev/net/tun", LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot open /dev/net/tun (is the tun module there?)");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = arena.allocate(IFREQ_SIZE, 8); // struct ifreq: name[16], short flags
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            MemorySegment.copy(bytes, 0, ifr, ValueLayout.JAVA_BYTE, 0, bytes.length);
            ifr.set(ValueLayout.JAVA_SHORT, 16, (short) (IFF_TAP | IFF_NO_PI | IFF_TUN_EXCL));
            try {
                LibC.ioctl(fd, TUNSETIFF, ifr);
            } catch (ErrnoException e) {
                throw e.errno() == Errno.EBUSY ? exists(ns, name) : Failures.of(e, "ioctl(TUNSETIFF) for \"" + name + "\" failed");
            }
            LibC.ioctl(fd, TUNSETPERSIST, 1L);
            return new TapDevice(name, fd);
        } catch (ErrnoException e) {
            LibC.closeQuietly(fd);
            throw Failures.of(e, "Cannot set up tap device \"" + name + "\"");
        } catch (NetnsException | RuntimeException e) {
            LibC.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * The device's name.
     *
     * @return the name, as given to {@link Links#openTap(String)}
     */
    public String name() {
        return name;
    }

    /**
     * Waits up to {@code timeoutMillis} for the next frame the kernel sends through the device and
     * copies it into {@code buffer} (a frame longer than the buffer is cut, as {@code read(2)} on
     * a tap does: give at least MTU + 14 bytes).
     *
     * @param buffer where the frame goes, from its start
     * @param timeoutMillis how long to wait; 0 does not wait
     * @return the frame's length, or -1 when none came in time or the device was closed
     * @throws NetnsException when the read fails otherwise
     */
    public int read(MemorySegment buffer, int timeoutMillis) throws NetnsException {
        return fd.read(buffer, timeoutMillis, false);
    }

    /**
     * Hands a frame to the kernel as received on the device ({@code write(2)} on the descriptor).
     *
     * @param frame the frame, from its start (Ethernet header first)
     * @param length its length in bytes
     * @return true when it was taken, false when the kernel dropped it (no room, device down)
     * @throws NetnsException when the device is closed or the write fails otherwise
     */
    public boolean write(MemorySegment frame, int length) throws NetnsException {
        return fd.write(frame, length, false);
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return fd.isClosed();
    }

    /** Closes the descriptor (the persistent device stays); idempotent, from any thread. */
    @Override
    public void close() {
        fd.close();
    }
}
