package io.netns4j.lab.file;

import io.netns4j.lab.model.Defaults;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyLink;
import io.netns4j.lab.model.TopologyNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a lab topology file (YAML 1.2, described in docs/lab-format.md) and checks all of it
 * before anything is created: every problem is collected and thrown together in one
 * {@link TopologyException}, each with its line, column and what to do. No system call is
 * made; the result has automatic addresses and default routes filled in.
 */
public final class TopologyFile {
    private TopologyFile() {
    }

    /**
     * Reads and checks {@code file}; problems name the file as given ({@code netns4j lab check FILE}).
     *
     * @param file the topology file (YAML, docs/lab-format.md)
     * @return the checked lab, with automatic addresses and routes filled in
     * @throws IOException when the file cannot be read
     * @throws TopologyException with every problem found, at FILE:LINE:COLUMN
     */
    public static Topology read(Path file) throws IOException, TopologyException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses and checks {@code text}.
     *
     * @param fileName the name problem messages use
     * @param text the file's text
     * @return the checked lab, with automatic addresses and routes filled in
     * @throws TopologyException with every problem found, at FILE:LINE:COLUMN
     */
    public static Topology parse(String fileName, String text) throws TopologyException {
        Problems problems = new Problems(fileName);
        Node root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(fileName).setAllowDuplicateKeys(false).build();
            Optional<Node> doc = new Compose(settings).composeString(text);
            if (doc.isEmpty()) {
                problems.at((Node) null, "the file is empty", "start with \"name:\", \"nodes:\" and \"links:\"");
                throw problems.exception();
            }
            root = doc.get();
        } catch (MarkedYamlEngineException e) {
            problems.at(e.getProblemMark().orElse(null), "not valid YAML: " + e.getProblem(),
                    e.getContext() == null ? null : e.getContext());
            throw problems.exception();
        } catch (YamlEngineException e) {
            problems.at((Node) null, "not valid YAML: " + e.getMessage(), null);
            throw problems.exception();
        }
        TopologyParser p = new TopologyParser(problems);
        Map<String, Node> top = p.yaml.mapping(root, "the lab file", TopologyParser.TOP_KEYS,
                TopologyParser.TOP_UNSUPPORTED);
        if (top == null) {
            throw problems.exception();
        }
        p.labName = p.name(top, root);
        Defaults defaults = p.defaults(top.get("defaults"));
        List<TopologyNode> nodes = p.nodes(top.get("nodes"), root, defaults);
        List<TopologyLink> links = new LinkParser(p).links(top.get("links"), defaults);
        links = new LinkChecker(p).check(links, nodes);
        if (problems.isEmpty()) {
            links = new Addressing(p).assign(links, LinkChecker.kinds(nodes), defaults.pools());
        }
        if (problems.isEmpty()) {
            nodes = new RouteChecker(p).check(nodes, links, defaults.defaultRoutes());
        }
        problems.throwIfAny();
        return new Topology(p.labName, defaults, nodes, links, text);
    }
}
