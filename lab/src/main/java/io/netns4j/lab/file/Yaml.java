package io.netns4j.lab.file;

import io.netns4j.lab.model.NearestWord;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads snakeyaml-engine nodes (which keep their positions), reporting shape mistakes to {@link Problems}. */
final class Yaml {
    private final Problems problems;

    Yaml(Problems problems) {
        this.problems = problems;
    }

    static boolean isNull(Node n) {
        return n == null || (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
    }

    /**
     * The entries of a mapping, keys in file order; reports unknown keys (with the nearest known one),
     * keys listed in {@code unsupported} (with their reason), and duplicates. Returns null if not a mapping.
     */
    Map<String, Node> mapping(Node n, String what, Set<String> known, Map<String, String> unsupported) {
        if (!(n instanceof MappingNode m)) {
            problems.at(n, what + " must be a mapping (KEY: VALUE lines)",
                    known == null ? null : "known keys: " + String.join(", ", new java.util.TreeSet<>(known)));
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalarOrNull(t.getKeyNode());
            if (key == null) {
                problems.at(t.getKeyNode(), "a key of " + what + " must be a plain word", null);
            } else if (out.containsKey(key)) {
                problems.at(t.getKeyNode(), "\"" + key + "\" appears twice in " + what, "keep one");
            } else if (unsupported.containsKey(key)) {
                problems.at(t.getKeyNode(), "\"" + key + "\" is not supported in " + what, unsupported.get(key));
            } else if (known != null && !known.contains(key)) {
                problems.at(t.getKeyNode(), "unknown key \"" + key + "\" in " + what, NearestWord.hint(key, known));
            } else {
                out.put(key, t.getValueNode());
            }
        }
        return out;
    }

    /** A mapping whose keys are names chosen by the user (nodes, sysctls, env). */
    Map<String, Node> namedMapping(Node n, String what) {
        return mapping(n, what, null, Map.of());
    }

    String scalar(Node n, String what) {
        String s = scalarOrNull(n);
        if (s == null) {
            problems.at(n, what + " must be a single value, not " + shape(n), null);
        }
        return s;
    }

    List<Node> sequence(Node n, String what) {
        if (n instanceof SequenceNode s) {
            return s.getValue();
        }
        problems.at(n, what + " must be a list (- ITEM lines, or [A, B]), not " + shape(n), null);
        return null;
    }

    /** A list of single values; a single value alone is taken as a one-item list. */
    List<String> strings(Node n, String what) {
        if (n instanceof ScalarNode && !isNull(n)) {
            return List.of(scalarOrNull(n));
        }
        List<Node> items = sequence(n, what);
        List<String> out = new ArrayList<>();
        if (items != null) {
            for (Node item : items) {
                String s = scalar(item, "an item of " + what);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    Boolean bool(Node n, String what) {
        if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
        }
        problems.at(n, what + " must be true or false", null);
        return null;
    }

    Integer integer(Node n, String what, int min, int max) {
        String s = scalar(n, what);
        if (s == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.at(n, what + " is " + s + ", it must be a whole number from " + min + " to " + max, null);
        return null;
    }

    private static String scalarOrNull(Node n) {
        return n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) ? s.getValue() : null;
    }

    private static String shape(Node n) {
        return n instanceof MappingNode ? "a mapping" : n instanceof SequenceNode ? "a list" : isNull(n) ? "nothing"
                : "\"" + scalarOrNull(n) + "\"";
    }
}
