package io.netns4j.lab.file;

import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.NodeKind;
import io.netns4j.lab.model.TopologyLink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer-2 network of the lab: a point-to-point link between two non-bridge nodes, or a
 * bridge with the far ends of all its links. Addresses of one segment share a subnet.
 *
 * @param bridge the bridge node, or null for a point-to-point link
 * @param ends positions of the addressable endpoints: {link index, 0 for a / 1 for b}
 */
record Segment(String bridge, List<int[]> ends) {
    /** The segments of a lab, in the order their first link appears. */
    static List<Segment> of(List<TopologyLink> links, Map<String, NodeKind> kinds) {
        List<Segment> out = new ArrayList<>();
        Map<String, Segment> bridges = new LinkedHashMap<>();
        for (int i = 0; i < links.size(); i++) {
            TopologyLink l = links.get(i);
            boolean aBridge = kinds.get(l.a().node()) == NodeKind.BRIDGE;
            boolean bBridge = kinds.get(l.b().node()) == NodeKind.BRIDGE;
            if (aBridge && bBridge) {
                continue; // refused by LinkChecker
            }
            if (!aBridge && !bBridge) {
                out.add(new Segment(null, List.of(new int[] {i, 0}, new int[] {i, 1})));
                continue;
            }
            String bridge = aBridge ? l.a().node() : l.b().node();
            Segment s = bridges.get(bridge);
            if (s == null) {
                s = new Segment(bridge, new ArrayList<>());
                bridges.put(bridge, s);
                out.add(s);
            }
            s.ends().add(new int[] {i, aBridge ? 1 : 0});
        }
        return out;
    }

    static Endpoint end(List<TopologyLink> links, int[] at) {
        TopologyLink l = links.get(at[0]);
        return at[1] == 0 ? l.a() : l.b();
    }

    String describe(List<TopologyLink> links) {
        return bridge != null ? "bridge \"" + bridge + "\"" : "link " + links.get(ends.getFirst()[0]);
    }
}
