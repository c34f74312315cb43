package io.netns4j.link;

import io.netns4j.types.InterfaceNames;



/**
 * A persistent tun or tap device to create: {@code ip tuntap add dev NAME mode tun|tap
 * [user UID] [group GID] [pi] [vnet_hdr] [multi_queue]}. Without {@code pi} the device
 * carries no packet-information header (ip's default, IFF_NO_PI).
 *
 * @param owner  the uid allowed to attach to it, or null for anyone with CAP_NET_ADMIN
 * @param group  the gid allowed to attach to it, or null
 */
public record TunTapRequest(String name, Mode mode, Integer owner, Integer group, boolean packetInfo,
                            boolean vnetHeader, boolean multiQueue) {
    /** tun carries IP packets; tap carries Ethernet frames. */
    public enum Mode { TUN, TAP }

    public TunTapRequest {
        InterfaceNames.check(name);
        if (mode == null) {
            throw new IllegalArgumentException("a tun/tap device needs a mode: tun or tap");
        }
        if (owner != null && owner < 0 || group != null && group < 0) {
            throw new IllegalArgumentException("user and group ids are not negative");
        }
    }

    public static TunTapRequest of(String name, Mode mode) {
        return new TunTapRequest(name, mode, null, null, false, false, false);
    }

    public TunTapRequest owner(int uid) {
        return new TunTapRequest(name, mode, uid, group, packetInfo, vnetHeader, multiQueue);
    }

    public TunTapRequest group(int gid) {
        return new TunTapRequest(name, mode, owner, gid, packetInfo, vnetHeader, multiQueue);
    }

    public TunTapRequest withPacketInfo() {
        return new TunTapRequest(name, mode, owner, group, true, vnetHeader, multiQueue);
    }

    public TunTapRequest withVnetHeader() {
        return new TunTapRequest(name, mode, owner, group, packetInfo, true, multiQueue);
    }

    public TunTapRequest withMultiQueue() {
        return new TunTapRequest(name, mode, owner, group, packetInfo, vnetHeader, true);
    }
}
