package io.netns4j.cli;

import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.LabNode;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyLink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lab graph NAME} of a running lab: the kept file's topology with each end's impairment
 * replaced by the one in place now (what {@code lab show NAME} prints), so an impairment the
 * file declares but that was removed or changed since ({@code lab impair ... none}) is not
 * drawn, and one added at run time is.
 */
final class AppliedImpairments {
    private AppliedImpairments() {
    }

    /** {@code t} with the impairments {@code lab show} finds; {@code t} itself when the lab is not found. */
    static Topology of(Topology t, NetnsRegistry registry) throws NetnsException {
        Optional<List<LabNode>> nodes = Lab.show(t.name(), registry);
        if (nodes.isEmpty()) {
            return t;
        }
        Map<String, Impairment> now = new HashMap<>();
        for (LabNode n : nodes.get()) {
            for (LabNode.Interface i : n.interfaces()) {
                now.put(n.node() + ":" + i.name(), i.impairment());
            }
        }
        List<TopologyLink> links = t.links().stream()
                .map(l -> new TopologyLink(applied(l.a(), now), applied(l.b(), now))).toList();
        return new Topology(t.name(), t.defaults(), t.nodes(), links, t.source());
    }

    private static Endpoint applied(Endpoint e, Map<String, Impairment> now) {
        return new Endpoint(e.node(), e.iface(), e.addresses(), e.mtu(), e.mac(),
                now.getOrDefault(e.node() + ":" + e.iface(), Impairment.NONE));
    }
}
