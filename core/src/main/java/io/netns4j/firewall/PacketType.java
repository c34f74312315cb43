package io.netns4j.firewall;

import java.util.List;

/**
 * The link layer class of the packet: nft {@code meta pkttype broadcast}; iptables {@code -m
 * pkttype --pkt-type broadcast} (negated, {@code ! --pkt-type}).
 *
 * @param type    one of {@link #TYPES} ({@code unicast} is the kernel's PACKET_HOST)
 * @param negated matches the other classes
 */
public record PacketType(String type, boolean negated) implements Match {
    /** The classes, by the kernel's number (PACKET_HOST, PACKET_BROADCAST, PACKET_MULTICAST, PACKET_OTHERHOST). */
    public static final List<String> TYPES = List.of("unicast", "broadcast", "multicast", "otherhost");

    /**
     * Checks the type.
     *
     * @throws IllegalArgumentException when {@code type} is not one of {@link #TYPES}
     */
    public PacketType {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("Bad packet type \"" + type + "\": one of " + TYPES);
        }
    }

    @Override
    public String toNft() {
        return "meta pkttype " + (negated ? "!= " : "") + (type.equals("otherhost") ? "other" : type);
    }

    @Override
    public PacketType negate() {
        return new PacketType(type, !negated);
    }
}
