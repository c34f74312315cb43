package io.netns4j.lab.view;

import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.model.Topology;
import org.junit.jupiter.api.Test;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lab graph --format html|svg} from a file's plan and from a picture with faults (no root). */
class StaticViewTest {
    private static Map<String, Object> planned() throws Exception {
        Topology t = TopologyFile.read(Path.of("examples/router-firewall/lab.yaml"));
        return StaticView.planned(t);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    @Test
    void theHtmlPageHoldsEverythingItNeeds() throws Exception {
        String html = StaticView.html(List.of(planned()));
        assertTrue(html.contains("window.NETNS4J_STATIC = {"), "the picture is inlined");
        assertTrue(html.contains("cytoscape"), "the drawing library is inlined");
        assertFalse(html.contains("src=\"/assets"), "nothing is fetched: " + html.substring(0, 400));
        assertFalse(html.contains("href=\"/assets"), "nothing is fetched");
        assertEquals(html.indexOf("</script>", html.indexOf("NETNS4J_STATIC")),
                html.indexOf(";</script>", html.indexOf("NETNS4J_STATIC")) + 1, "the picture cannot close its script");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSvgIsWellFormedAndShowsStateImpairmentsAndCuts() throws Exception {
        Map<String, Object> lab = new HashMap<>(planned());
        lab.put("partition", List.of(Map.of("from", "client", "to", "server"), Map.of("from", "server", "to", "client")));
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) lab.get("nodes");
        Map<String, Object> client = new HashMap<>(nodes.getFirst());
        client.put("interfaces", Map.of("eth0", Map.of("state", "down", "impairment", "")));
        Map<String, Object> server = new HashMap<>(nodes.get(1));
        server.put("interfaces", Map.of("eth0", Map.of("state", "up", "impairment", "delay 50ms loss 1% engine userspace")));
        lab.put("nodes", List.of(client, server, nodes.get(2)));
        String svg = StaticView.svg(List.of(lab));
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.endsWith("</svg>\n"));
        assertEquals(count(svg, "<g "), count(svg, "</g>"), "groups closed");
        assertEquals(count(svg, "<text "), count(svg, "</text>"), "texts closed");
        assertEquals(0, count(svg.replaceAll("&(amp|lt|gt|quot);", ""), "&"), "entities escaped");
        assertEquals(3, count(svg, "<circle ") + count(svg, "<rect ") - 2,
                "two hosts and a router, besides the background and the lab's box");
        assertEquals(2, count(svg, "<line class=\"link"), "two links");
        assertTrue(svg.contains("class=\"link down\""), "client's link is down");
        assertTrue(svg.contains("eth0 ✖ DOWN"), "the end says why");
        assertTrue(svg.contains("server:eth0 delay 50ms loss 1%"), "the impairment is on its link");
        assertEquals(1, count(svg, "<path class=\"cut\""), "one two-way cut");
        assertTrue(svg.contains("✂ cut"));
    }
}
