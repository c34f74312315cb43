package io.netns4j.link;

/**
 * A tun or tap device as the kernel reports it (IFLA_LINKINFO of kind "tun"), what
 * {@code ip tuntap show} lists.
 *
 * @param name       the device name
 * @param mode       tun or tap
 * @param packetInfo whether frames carry the packet-information header ({@code pi}; IFF_NO_PI unset)
 * @param vnetHeader whether frames carry a virtio-net header ({@code vnet_hdr})
 * @param multiQueue whether the device has several queues ({@code multi_queue})
 * @param persistent whether the device outlives the last file descriptor attached to it
 * @param owner      the owning uid, or null when none is set
 * @param group      the owning gid, or null when none is set
 */
public record TunTapDevice(String name, TunTapRequest.Mode mode, boolean packetInfo, boolean vnetHeader,
                           boolean multiQueue, boolean persistent, Integer owner, Integer group) {
}
