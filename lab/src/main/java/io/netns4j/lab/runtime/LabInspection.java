package io.netns4j.lab.runtime;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.address.Address;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.fault.LinkImpairments;
import io.netns4j.lab.wire.UserspaceImpairment;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.LabNode;
import io.netns4j.link.Link;
import io.netns4j.types.InetText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a running lab back from the machine ({@code lab show}): its nodes, interfaces, addresses, impairments. */
public final class LabInspection {
    private LabInspection() {
    }

    /**
     * Lab {@code name} as it is on the machine: each node's namespace and its interfaces
     * ({@code lo} left out) with their addresses and impairments, nodes sorted by namespace;
     * empty when no namespace carries the mark. Equivalent to {@code ip -n NS address show}
     * and {@code tc -n NS qdisc show} in each of the lab's namespaces.
     */
    public static Optional<List<LabNode>> show(String name, NetnsRegistry registry) throws NetnsException {
        List<String> owned = LabMarks.owned(registry, name);
        if (owned.isEmpty()) {
            return Optional.empty();
        }
        List<LabNode> nodes = new ArrayList<>();
        for (String ns : owned) {
            List<LabNode.Interface> ifs = new ArrayList<>();
            try (Netns n = registry.open(ns)) {
                List<Link> links = n.links().list();
                Map<Integer, String> names = new HashMap<>();
                links.forEach(l -> names.put(l.index(), l.name()));
                Map<Integer, List<String>> addresses = new HashMap<>();
                for (Address a : n.addresses().list()) {
                    addresses.computeIfAbsent(a.index(), k -> new ArrayList<>())
                            .add(InetText.format(a.local()) + "/" + a.prefixLength());
                }
                Set<String> impaired = LinkImpairments.mayBeImpaired(n, links);
                Set<String> engineTaps = UserspaceImpairment.taps(links);
                for (Link l : links) {
                    if (l.name().equals("lo") || engineTaps.contains(l.name())) {
                        continue; // an engine's tap belongs to the impaired endpoint, shown as its impairment
                    }
                    String master = l.master() == 0 ? null : names.get(l.master());
                    ifs.add(new LabNode.Interface(l.name(), l.kind(), l.isUp(), l.mtu(), master,
                            addresses.getOrDefault(l.index(), List.of()),
                            impaired.contains(l.name()) ? LinkImpairments.current(n, l.name()) : Impairment.NONE));
                }
            }
            String node = ns.startsWith(name + "-") ? ns.substring(name.length() + 1) : ns;
            nodes.add(new LabNode(node, ns, ifs));
        }
        return Optional.of(nodes);
    }
}
