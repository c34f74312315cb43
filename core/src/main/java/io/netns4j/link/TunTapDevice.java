package io.netns4j.link;

/**
 * A tun or tap device as the kernel reports it (IFLA_LINKINFO of kind "tun"), what
 * {@code ip tuntap show} lists.
 *
 * @param owner  the owning uid, or null when none is set
 * @param group  the owning gid, or null when none is set
 */
public record TunTapDevice(String name, TunTapRequest.Mode mode, boolean packetInfo, boolean vnetHeader,
                           boolean multiQueue, boolean persistent, Integer owner, Integer group) {
}
