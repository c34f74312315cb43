package io.netns4j.link;

/**
 * A WireGuard device: {@code ip link add wg0 type wireguard}. ip creates the bare link only (its
 * keys and peers are set with {@code wg}, over generic netlink), so the kind has no options.
 */
public record Wireguard() implements LinkKind {
    /** ip sends no IFLA_INFO_DATA for a wireguard link. */
    @Override
    public void writeData(LinkKindData data) {
    }

    @Override
    public String kindName() {
        return "wireguard";
    }
}
