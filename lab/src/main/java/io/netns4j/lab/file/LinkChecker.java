package io.netns4j.lab.file;

import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.NearestWord;
import io.netns4j.lab.model.NodeKind;
import io.netns4j.lab.model.TopologyLink;
import io.netns4j.lab.model.TopologyNode;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks the links against the nodes and each other: names, kinds, duplicates, address clashes, subnets. */
final class LinkChecker {
    private final TopologyParser p;

    LinkChecker(TopologyParser parser) {
        this.p = parser;
    }

    /** Returns the links whose both nodes exist (the others are reported). */
    List<TopologyLink> check(List<TopologyLink> links, List<TopologyNode> nodes) {
        Map<String, NodeKind> kinds = kinds(nodes);
        Map<String, Map<String, Endpoint>> interfaces = new HashMap<>();
        Map<InetAddress, Endpoint> owners = new HashMap<>();
        List<TopologyLink> good = links.stream().filter(l -> known(l.a(), kinds) & known(l.b(), kinds)).toList();
        for (TopologyLink l : good) {
            if (kinds.get(l.a().node()) == NodeKind.BRIDGE && kinds.get(l.b().node()) == NodeKind.BRIDGE) {
                p.problems.at(p.where.get(l.b()), "link " + l + " joins two bridges, which is not supported yet",
                        "use one bridge node for the whole segment");
            }
            for (Endpoint e : List.of(l.a(), l.b())) {
                NodeKind kind = kinds.get(e.node());
                Map<String, Endpoint> mine = interfaces.computeIfAbsent(e.node(), k -> new HashMap<>());
                if (e.iface().equals("lo") || (kind == NodeKind.BRIDGE && e.iface().equals(NodeKind.BRIDGE_DEVICE))) {
                    p.problems.at(p.where.get(e), "endpoint \"" + e + "\" uses \"" + e.iface() + "\", which node \""
                            + e.node() + "\" already has", "pick another interface name");
                } else if (mine.putIfAbsent(e.iface(), e) != null) {
                    p.problems.at(p.where.get(e), "interface \"" + e.iface() + "\" of node \"" + e.node()
                            + "\" is used by two links", "give each link its own interface name, e.g. eth"
                            + (mine.size() + 1));
                }
                if (kind == NodeKind.BRIDGE && !e.addresses().isEmpty()) {
                    p.problems.at(p.where.get(e.addresses().getFirst()), "endpoint \"" + e + "\" is a port of bridge node \""
                            + e.node() + "\" and cannot have addresses", "put the address on the other end of the link");
                }
                for (InetPrefix a : e.addresses()) {
                    Endpoint other = owners.putIfAbsent(a.address(), e);
                    if (other != null) {
                        p.problems.at(p.where.get(a), "address " + InetText.format(a.address()) + " of \"" + e
                                + "\" is already used by \"" + other + "\"", "every address of a lab must be unique: give this interface another host address");
                    }
                }
                if (e.mtu() != null && e.mtu() < 1280 && e.addresses().stream().anyMatch(InetPrefix::isIpv6)) {
                    p.problems.at(p.where.get(e), "endpoint \"" + e + "\" has IPv6 addresses and MTU " + e.mtu(),
                            "IPv6 needs an MTU of at least 1280");
                }
            }
        }
        List<Segment> segments = Segment.of(good, kinds);
        for (Segment s : segments) {
            sameSubnet(s, good);
        }
        overlappingSubnets(segments, good);
        return good;
    }

    /** A subnet some segment uses, with the address that first named it. */
    private record Placed(InetPrefix subnet, InetPrefix address, String segment) {
    }

    /**
     * Two segments (links or bridges) on overlapping subnets cannot reach each other: each node
     * routes the subnet out of one interface only. Reported at the later one, naming the first.
     */
    private void overlappingSubnets(List<Segment> segments, List<TopologyLink> links) {
        List<Placed> placed = new ArrayList<>();
        for (Segment s : segments) {
            List<Placed> mine = new ArrayList<>();
            for (int[] at : s.ends()) {
                for (InetPrefix a : Segment.end(links, at).addresses()) {
                    InetPrefix net = a.network();
                    if (mine.stream().anyMatch(m -> m.subnet().equals(net))) {
                        continue;
                    }
                    Placed earlier = placed.stream().filter(o -> Addressing.overlaps(o.subnet(), net)).findFirst()
                            .orElse(null);
                    if (earlier != null) {
                        p.problems.at(p.where.get(a), "subnet " + net + " of " + s.describe(links) + " overlaps subnet "
                                + earlier.subnet() + " of " + earlier.segment() + " (at " + place(earlier.address()) + ")",
                                "give each link and bridge a subnet of its own, since a node routes a subnet out of"
                                        + " one interface only; or leave the addresses out and let the pool assign them");
                    }
                    mine.add(new Placed(net, a, s.describe(links)));
                }
            }
            placed.addAll(mine);
        }
    }

    private String place(Object o) {
        var mark = p.where.get(o) == null ? null : p.where.get(o).getStartMark().orElse(null);
        return p.problems.file() + (mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1));
    }

    static Map<String, NodeKind> kinds(List<TopologyNode> nodes) {
        Map<String, NodeKind> kinds = new LinkedHashMap<>();
        nodes.forEach(n -> kinds.put(n.name(), n.kind()));
        return kinds;
    }

    private boolean known(Endpoint e, Map<String, NodeKind> kinds) {
        if (kinds.containsKey(e.node())) {
            return true;
        }
        p.problems.at(p.where.get(e), "link endpoint \"" + e + "\" names node \"" + e.node()
                + "\", which is not in \"nodes\" (known: " + String.join(", ", kinds.keySet()) + ")",
                NearestWord.hint(e.node(), kinds.keySet()).startsWith("did")
                        ? NearestWord.hint(e.node(), kinds.keySet()).replaceAll("\\? known: .*", "?") : "add it under \"nodes\"");
        return false;
    }

    private void sameSubnet(Segment s, List<TopologyLink> links) {
        Map<Boolean, InetPrefix> first = new HashMap<>();
        Map<Boolean, Endpoint> firstEnd = new HashMap<>();
        for (int[] at : s.ends()) {
            Endpoint e = Segment.end(links, at);
            for (InetPrefix a : e.addresses()) {
                InetPrefix seen = first.get(a.isIpv6());
                if (seen == null) {
                    first.put(a.isIpv6(), a.network());
                    firstEnd.put(a.isIpv6(), e);
                } else if (!seen.equals(a.network()) && firstEnd.get(a.isIpv6()) != e) {
                    p.problems.at(p.where.get(a), "address " + a + " of \"" + e + "\" is not on the subnet of \""
                            + firstEnd.get(a.isIpv6()) + "\" (" + seen + ")", "the ends on one "
                            + (s.bridge() == null ? "link" : "bridge") + " share one subnet: use an address in " + seen);
                }
            }
        }
    }
}
