package io.netns4j.lab.model;

import io.netns4j.types.InetText;

import java.net.InetAddress;
import java.util.List;

/**
 * A line of a node's {@code /etc/netns/NS/hosts} ({@code ip netns exec} mounts it over {@code /etc/hosts}).
 *
 * @param address the address
 * @param names its host names, the canonical one first
 */
public record HostsEntry(InetAddress address, List<String> names) {
    /** Copies the names (the record is immutable). */
    public HostsEntry {
        names = List.copyOf(names);
    }

    @Override
    public String toString() {
        return InetText.format(address) + " " + String.join(" ", names);
    }
}
