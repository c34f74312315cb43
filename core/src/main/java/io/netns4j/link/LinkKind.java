package io.netns4j.link;

/**
 * The kind of a virtual link to create, the {@code type ...} part of {@code ip link add}.
 * Each kind is an immutable record with the options {@code ip} offers for it; options left
 * null take the kernel's default.
 */
public sealed interface LinkKind permits Veth, Bridge, Macvlan, Vxlan, Dummy, Vlan, Ipvlan, Vrf, Geneve {
    /** The kernel's name for the kind ({@code IFLA_INFO_KIND}): "veth", "bridge", ... */
    String kindName();

    /** The kinds {@code link add} accepts, for error messages. */
    static String supported() {
        return "veth, bridge, macvlan, vxlan, dummy, vlan, ipvlan, vrf, geneve";
    }
}
