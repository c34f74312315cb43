package io.netns4j.link;

import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.route.Ifla;
import io.netns4j.internal.rtnl.Interfaces;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.LibC;
import io.netns4j.link.Links;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * tun/tap devices, which the kernel creates through {@code /dev/net/tun} rather than
 * netlink (it answers "tun/tap creation via rtnetlink is not supported"). The device
 * belongs to the namespace of the thread that opens {@code /dev/net/tun}, so creation runs
 * on a worker inside the namespace. Listing and deleting go through netlink like any link.
 */
public final class TunTaps {
    private static final long TUNSETIFF = 0x400454caL;
    private static final long TUNSETPERSIST = 0x400454cbL;
    private static final long TUNSETOWNER = 0x400454ccL;
    private static final long TUNSETGROUP = 0x400454ceL;
    private static final int IFF_TUN = 0x0001;
    private static final int IFF_TAP = 0x0002;
    private static final int IFF_MULTI_QUEUE = 0x0100;
    private static final int IFF_NO_PI = 0x1000;
    private static final int IFF_VNET_HDR = 0x4000;
    /** Fail with EBUSY instead of attaching when the device exists (closes the check-then-create race). */
    private static final int IFF_TUN_EXCL = 0x8000;
    private static final int IFREQ_SIZE = 40;

    private static final int IFLA_TUN_OWNER = 1;
    private static final int IFLA_TUN_GROUP = 2;
    private static final int IFLA_TUN_TYPE = 3;
    private static final int IFLA_TUN_PI = 4;
    private static final int IFLA_TUN_VNET_HDR = 5;
    private static final int IFLA_TUN_PERSIST = 6;
    private static final int IFLA_TUN_MULTI_QUEUE = 7;

    private TunTaps() {
    }

    /** The ifr_flags for {@code r}. */
    static int flags(TunTapRequest r) {
        int f = r.mode() == TunTapRequest.Mode.TUN ? IFF_TUN : IFF_TAP;
        f |= r.packetInfo() ? 0 : IFF_NO_PI;
        f |= r.vnetHeader() ? IFF_VNET_HDR : 0;
        f |= r.multiQueue() ? IFF_MULTI_QUEUE : 0;
        return f;
    }

    /** Makes the device; returns its name (the kernel's choice when the request has none). */
    static String create(NamespaceSession ns, TunTapRequest r) throws NetnsException {
        // TUNSETIFF on an existing persistent device attaches to it instead of failing
        boolean exists = false;
        try {
            if (r.name() != null) {
                Interfaces.index(ns, r.name());
                exists = true;
            }
        } catch (NotFoundException e) {
            exists = false;
        }
        if (exists) {
            throw new AlreadyExistsException("Cannot create tun/tap device \"" + r.name() + "\": a device of that name"
                    + " exists in " + ns.describe(), Errno.EEXIST, null);
        }
        return ns.inside(() -> createHere(r, ns));
    }

    private static String createHere(TunTapRequest r, NamespaceSession ns) throws NetnsException {
        int fd;
        try {
            fd = LibC.open("/dev/net/tun", LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot open /dev/net/tun (is the tun module there?)");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = arena.allocate(IFREQ_SIZE, 8); // struct ifreq: name[16], short flags
            byte[] name = r.name() == null ? new byte[0] : r.name().getBytes(StandardCharsets.UTF_8);
            MemorySegment.copy(name, 0, ifr, ValueLayout.JAVA_BYTE, 0, name.length); // empty: the kernel names it
            ifr.set(ValueLayout.JAVA_SHORT, 16, (short) (flags(r) | IFF_TUN_EXCL));
            try {
                LibC.ioctl(fd, TUNSETIFF, ifr);
            } catch (ErrnoException e) {
                throw e.errno() == Errno.EBUSY
                        ? new AlreadyExistsException("Cannot create tun/tap device \"" + r.name() + "\": a device of"
                        + " that name exists in " + ns.describe(), Errno.EEXIST, null)
                        : Failures.of(e, "ioctl(TUNSETIFF) for \"" + r.name() + "\" failed");
            }
            if (r.owner() != null) {
                LibC.ioctl(fd, TUNSETOWNER, r.owner());
            }
            if (r.group() != null) {
                LibC.ioctl(fd, TUNSETGROUP, r.group());
            }
            LibC.ioctl(fd, TUNSETPERSIST, 1L);
            return ifr.getString(0, StandardCharsets.UTF_8);
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot set up tun/tap device \"" + r.name() + "\"");
        } finally {
            LibC.closeQuietly(fd); // a persistent device outlives the descriptor
        }
    }

    /** The tun/tap devices of {@code ns}. Equivalent to {@code ip tuntap show}. */
    static List<TunTapDevice> list(NamespaceSession ns) throws NetnsException {
        List<TunTapDevice> out = new ArrayList<>();
        for (var m : Links.of(ns).dumpMessages()) {
            Attributes info = m.attributes().nested(Ifla.IFLA_LINKINFO);
            if (!"tun".equals(info.string(Ifla.IFLA_INFO_KIND))) {
                continue;
            }
            Attributes d = info.nested(Ifla.IFLA_INFO_DATA);
            out.add(new TunTapDevice(m.attributes().string(Ifla.IFLA_IFNAME),
                    d.u8(IFLA_TUN_TYPE, IFF_TUN) == IFF_TAP ? TunTapRequest.Mode.TAP : TunTapRequest.Mode.TUN,
                    d.u8(IFLA_TUN_PI, 0) != 0, d.u8(IFLA_TUN_VNET_HDR, 0) != 0, d.u8(IFLA_TUN_MULTI_QUEUE, 0) != 0,
                    d.u8(IFLA_TUN_PERSIST, 0) != 0, id(d, IFLA_TUN_OWNER), id(d, IFLA_TUN_GROUP)));
        }
        return out;
    }

    private static Integer id(Attributes d, int type) throws MalformedMessageException {
        long v = d.u32(type, -1);
        return v < 0 || v == 0xffffffffL ? null : (int) v;
    }
}
