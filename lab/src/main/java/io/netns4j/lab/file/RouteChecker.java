package io.netns4j.lab.file;

import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.LabRoute;
import io.netns4j.lab.model.NodeKind;
import io.netns4j.lab.model.TopologyLink;
import io.netns4j.lab.model.TopologyNode;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InetText;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks routes against the node's interfaces and adds the automatic default routes: a host
 * with no default route of a family, whose segments hold exactly one router with an address of
 * that family, gets {@code default via} that address. Nothing else is computed.
 */
final class RouteChecker {
    private final TopologyParser p;

    RouteChecker(TopologyParser parser) {
        this.p = parser;
    }

    List<TopologyNode> check(List<TopologyNode> nodes, List<TopologyLink> links, boolean defaultRoutes) {
        Map<String, NodeKind> kinds = LinkChecker.kinds(nodes);
        List<Segment> segments = Segment.of(links, kinds);
        List<TopologyNode> out = new ArrayList<>();
        for (TopologyNode n : nodes) {
            List<Endpoint> mine = links.stream().flatMap(l -> java.util.stream.Stream.of(l.a(), l.b()))
                    .filter(e -> e.node().equals(n.name())).toList();
            for (LabRoute r : n.routes()) {
                checkRoute(n, r, mine);
            }
            List<LabRoute> routes = new ArrayList<>(n.routes());
            if (defaultRoutes && n.kind() == NodeKind.HOST) {
                for (boolean ipv6 : new boolean[] {false, true}) {
                    boolean has = n.routes().stream().anyMatch(r -> r.isDefault() && r.destination().isIpv6() == ipv6);
                    InetAddress gw = has ? null : onlyRouter(n.name(), ipv6, segments, links, kinds);
                    if (gw != null) {
                        routes.add(new LabRoute(new InetPrefix(ipv6 ? any6() : any4(), 0), List.of(gw), null, null,
                                true));
                    }
                }
            }
            TopologyNode nn = n.withRoutes(routes);
            p.where.put(nn, p.where.get(n));
            out.add(nn);
        }
        return out;
    }

    private void checkRoute(TopologyNode n, LabRoute r, List<Endpoint> mine) {
        if (r.device() != null && mine.stream().noneMatch(e -> e.iface().equals(r.device()))) {
            p.problems.at(p.where.get(r), "route \"" + r + "\" of node \"" + n.name() + "\" names device \""
                    + r.device() + "\", which the node has no link for", "its interfaces: " + names(mine));
        }
        for (InetAddress g : r.gateways()) {
            boolean direct = mine.stream().flatMap(e -> e.addresses().stream()).anyMatch(a -> a.contains(g));
            if (!direct) {
                p.problems.at(p.where.get(r), "gateway " + InetText.format(g) + " of route \"" + r + "\" is not on any "
                        + "subnet of node \"" + n.name() + "\"", "a gateway must be a neighbour: its subnets are "
                        + subnets(mine));
            }
        }
    }

    private static InetAddress onlyRouter(String host, boolean ipv6, List<Segment> segments, List<TopologyLink> links,
                                          Map<String, NodeKind> kinds) {
        Set<String> routers = new LinkedHashSet<>();
        InetAddress gw = null;
        for (Segment s : segments) {
            List<Endpoint> ends = s.ends().stream().map(at -> Segment.end(links, at)).toList();
            if (ends.stream().noneMatch(e -> e.node().equals(host))) {
                continue;
            }
            for (Endpoint e : ends) {
                if (kinds.get(e.node()) == NodeKind.ROUTER) {
                    for (InetPrefix a : e.addresses()) {
                        if (a.isIpv6() == ipv6) {
                            routers.add(e.node());
                            gw = gw == null ? a.address() : gw;
                        }
                    }
                }
            }
        }
        return routers.size() == 1 ? gw : null;
    }

    private static String names(List<Endpoint> ends) {
        return ends.isEmpty() ? "none" : String.join(", ", ends.stream().map(Endpoint::iface).toList());
    }

    private static String subnets(List<Endpoint> ends) {
        Set<String> s = new LinkedHashSet<>();
        ends.forEach(e -> e.addresses().forEach(a -> s.add(a.network().toString())));
        return s.isEmpty() ? "none (it has no addresses)" : String.join(", ", s);
    }

    private static InetAddress any4() {
        return InetPrefix.parseAddress("0.0.0.0");
    }

    private static InetAddress any6() {
        return InetPrefix.parseAddress("::");
    }
}
