package io.netns4j.link;

import io.netns4j.error.NetnsException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kind of a virtual link to create, the {@code type ...} part of {@code ip link add}.
 * Each kind is an immutable record with the options {@code ip} offers for it (options left
 * null take the kernel's default) and, in the same file, how they are encoded
 * ({@link #writeData}). A kind's record is named after its kernel name ({@code Veth} is
 * "veth"): {@link #supported()} is read off the permitted records.
 */
public sealed interface LinkKind permits Veth, Bridge, Macvlan, Vxlan, Dummy, Vlan, Ipvlan, Vrf, Geneve {
    /** The kernel's name for the kind ({@code IFLA_INFO_KIND}): "veth", "bridge", ... */
    String kindName();

    /**
     * Writes the kind's options (IFLA_INFO_DATA), byte for byte as {@code ip link add ... type
     * KIND OPTIONS} does.
     */
    void writeData(LinkKindData data) throws NetnsException;

    /** The lower device the link sits on ({@code link DEV}, IFLA_LINK), or null. */
    default String lowerDevice() {
        return null;
    }

    /** The kinds {@code link add} accepts, for error messages: "veth, bridge, ...". */
    static String supported() {
        return Arrays.stream(LinkKind.class.getPermittedSubclasses())
                .map(c -> c.getSimpleName().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
