/**
 * Network interfaces: {@code ip link} and {@code ip tuntap}. {@link io.netns4j.link.Link} is a
 * link as the kernel reports it (with its counters, {@link io.netns4j.link.LinkStats});
 * {@code LinkRequest} is what {@code ip link add} or {@code ip link set} says about one link;
 * {@code Links} holds the verbs (add, set, delete, list, one netlink request each), reached as
 * {@code Netns.links()}. Each virtual link kind is one record implementing
 * {@link io.netns4j.link.LinkKind} ({@code Veth}, {@link io.netns4j.link.Bridge},
 * {@link io.netns4j.link.Macvlan}, {@link io.netns4j.link.Vxlan}, {@link io.netns4j.link.Dummy},
 * {@link io.netns4j.link.Vlan}, {@link io.netns4j.link.Ipvlan}, {@link io.netns4j.link.Vrf},
 * {@link io.netns4j.link.Geneve}) holding its options and writing its own IFLA_INFO_DATA through
 * {@link io.netns4j.link.LinkKindData}, byte for byte as {@code ip} does. Tun and tap devices,
 * which are made through {@code /dev/net/tun} rather than netlink, are {@link io.netns4j.link.TunTapRequest},
 * {@link io.netns4j.link.TunTapDevice} and {@link io.netns4j.link.TunTaps}.
 */
package io.netns4j.link;
