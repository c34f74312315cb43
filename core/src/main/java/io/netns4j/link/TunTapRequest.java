package io.netns4j.link;

import io.netns4j.types.InterfaceNames;



/**
 * A persistent tun or tap device to create: {@code ip tuntap add dev NAME mode tun|tap
 * [user UID] [group GID] [pi] [vnet_hdr] [multi_queue]}. Without {@code pi} the device
 * carries no packet-information header (ip's default, IFF_NO_PI).
 *
 * @param name       the device name, or null for the kernel's next free {@code tun}N or {@code tap}N
 * @param mode       tun or tap, not null
 * @param owner      the uid allowed to attach to it, or null for anyone with CAP_NET_ADMIN
 * @param group      the gid allowed to attach to it, or null
 * @param packetInfo {@code pi}: frames carry the packet-information header
 * @param vnetHeader {@code vnet_hdr}: frames carry a virtio-net header
 * @param multiQueue {@code multi_queue}: the device has several queues
 */
public record TunTapRequest(String name, Mode mode, Integer owner, Integer group, boolean packetInfo,
                            boolean vnetHeader, boolean multiQueue) {
    /** tun carries IP packets; tap carries Ethernet frames. */
    public enum Mode {
        /** {@code mode tun}: IP packets (IFF_TUN). */
        TUN,
        /** {@code mode tap}: Ethernet frames (IFF_TAP). */
        TAP
    }

    /**
     * Checks the request.
     *
     * @throws IllegalArgumentException when the name is not a valid interface name, the mode is null, or an
     * id is negative
     */
    public TunTapRequest {
        if (name != null) {
            InterfaceNames.check(name);
        }
        if (mode == null) {
            throw new IllegalArgumentException("a tun/tap device needs a mode: tun or tap");
        }
        if (owner != null && owner < 0 || group != null && group < 0) {
            throw new IllegalArgumentException("user and group ids are not negative");
        }
    }

    /**
     * A device the kernel names (tun0, tun1, ... or tap0, ...): {@code ip tuntap add mode tun|tap}.
     *
     * @param mode tun or tap
     * @return the request
     * @throws IllegalArgumentException when the mode is null
     */
    public static TunTapRequest named(Mode mode) {
        return new TunTapRequest(null, mode, null, null, false, false, false);
    }

    /**
     * A device with no owner, group or flags: {@code ip tuntap add dev NAME mode tun|tap}.
     *
     * @param name the device name
     * @param mode tun or tap
     * @return the request
     * @throws IllegalArgumentException when the name is not a valid interface name or the mode is null
     */
    public static TunTapRequest of(String name, Mode mode) {
        return new TunTapRequest(name, mode, null, null, false, false, false);
    }

    /**
     * The same request with {@code user UID}.
     *
     * @param uid the uid allowed to attach, not negative
     * @return a new request
     */
    public TunTapRequest withOwner(int uid) {
        return new TunTapRequest(name, mode, uid, group, packetInfo, vnetHeader, multiQueue);
    }

    /**
     * The same request with {@code group GID}.
     *
     * @param gid the gid allowed to attach, not negative
     * @return a new request
     */
    public TunTapRequest withGroup(int gid) {
        return new TunTapRequest(name, mode, owner, gid, packetInfo, vnetHeader, multiQueue);
    }

    /**
     * The same request with {@code pi}.
     *
     * @return a new request
     */
    public TunTapRequest withPacketInfo() {
        return new TunTapRequest(name, mode, owner, group, true, vnetHeader, multiQueue);
    }

    /**
     * The same request with {@code vnet_hdr}.
     *
     * @return a new request
     */
    public TunTapRequest withVnetHeader() {
        return new TunTapRequest(name, mode, owner, group, packetInfo, true, multiQueue);
    }

    /**
     * The same request with {@code multi_queue}.
     *
     * @return a new request
     */
    public TunTapRequest withMultiQueue() {
        return new TunTapRequest(name, mode, owner, group, packetInfo, vnetHeader, true);
    }
}
