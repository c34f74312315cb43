package io.netns4j.lab.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The live view's picture as SVG ({@code netns4j lab graph --format svg NAME}), drawn in Java
 * with the page's colours and words: nodes on a circle per lab (hosts as circles, routers as
 * rounded squares, bridges as hexagons), links green when both ends are up, grey dotted with
 * the end's state when not, orange dashed with the words when impaired, red dashed cuts
 * between the nodes a partition separates (a bar at the node that drops, for a one-way cut).
 * No script, no fonts to fetch: it opens anywhere an image does.
 */
final class SvgPicture {
    private static final int LAB_WIDTH = 760;
    private static final int LAB_HEIGHT = 620;

    private SvgPicture() {
    }

    static String of(List<Map<String, Object>> labs) {
        StringBuilder sb = new StringBuilder();
        int height = LAB_HEIGHT * Math.max(1, labs.size()) + 40;
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(LAB_WIDTH).append("\" height=\"")
                .append(height).append("\" font-family=\"DejaVu Sans, Helvetica, sans-serif\" font-size=\"11\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        legend(sb);
        for (int i = 0; i < labs.size(); i++) {
            lab(sb, labs.get(i), 40 + i * LAB_HEIGHT);
        }
        return sb.append("</svg>\n").toString();
    }

    private static void legend(StringBuilder sb) {
        String[][] items = {{"#2e7d32", "", "link up"}, {"#9e9e9e", "2 4", "link down"}, {"#ef6c00", "8 4", "impaired"},
            {"#c62828", "6 4", "partition cut"}};
        int x = 10;
        for (String[] it : items) {
            sb.append("<line x1=\"").append(x).append("\" y1=\"16\" x2=\"").append(x + 24).append("\" y2=\"16\" stroke=\"")
                    .append(it[0]).append("\" stroke-width=\"3\"").append(it[1].isEmpty() ? "" : " stroke-dasharray=\"" + it[1] + "\"")
                    .append("/><text x=\"").append(x + 28).append("\" y=\"20\">").append(it[2]).append("</text>\n");
            x += 40 + it[2].length() * 7;
        }
    }

    @SuppressWarnings("unchecked")
    private static void lab(StringBuilder sb, Map<String, Object> lab, int top) {
        String name = (String) lab.get("lab");
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) lab.get("nodes");
        sb.append("<g class=\"lab\" id=\"").append(xml("lab-" + name)).append("\">\n");
        sb.append("<rect x=\"10\" y=\"").append(top).append("\" width=\"").append(LAB_WIDTH - 20).append("\" height=\"")
                .append(LAB_HEIGHT - 20).append("\" rx=\"8\" fill=\"#eef1f6\" stroke=\"#c5cad3\"/>\n");
        sb.append("<text x=\"").append(LAB_WIDTH / 2).append("\" y=\"").append(top + 20)
                .append("\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">lab ").append(xml(name)).append("</text>\n");
        Map<String, double[]> at = new HashMap<>();
        Map<String, Map<String, Map<String, Object>>> ifaces = new HashMap<>();
        double cx = LAB_WIDTH / 2.0;
        double cy = top + LAB_HEIGHT / 2.0;
        double r = Math.min(230, 60 + 30.0 * nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            double a = -Math.PI / 2 + 2 * Math.PI * i / nodes.size();
            at.put((String) nodes.get(i).get("name"), new double[]{cx + r * Math.cos(a), cy + r * Math.sin(a)});
            ifaces.put((String) nodes.get(i).get("name"), (Map<String, Map<String, Object>>) nodes.get(i).get("interfaces"));
        }
        for (Map<String, Object> l : (List<Map<String, Object>>) lab.get("links")) {
            link(sb, (Map<String, Object>) l.get("a"), (Map<String, Object>) l.get("b"), at, ifaces);
        }
        cuts(sb, (List<Map<String, Object>>) lab.get("partition"), at);
        for (Map<String, Object> n : nodes) {
            node(sb, n, at.get((String) n.get("name")), (List<Map<String, Object>>) lab.get("services"));
        }
        sb.append("</g>\n");
    }

    private static void link(StringBuilder sb, Map<String, Object> a, Map<String, Object> b, Map<String, double[]> at,
                             Map<String, Map<String, Map<String, Object>>> ifaces) {
        double[] p = at.get((String) a.get("node"));
        double[] q = at.get((String) b.get("node"));
        if (p == null || q == null) {
            return;
        }
        Map<String, Object> sa = state(ifaces, a);
        Map<String, Object> sb2 = state(ifaces, b);
        boolean down = !"up".equals(sa.getOrDefault("state", "up")) || !"up".equals(sb2.getOrDefault("state", "up"));
        String impairment = String.join("; ", List.of(words(a, sa), words(b, sb2)).stream().filter(s -> !s.isEmpty()).toList());
        String colour = down ? "#9e9e9e" : !impairment.isEmpty() ? "#ef6c00" : "#2e7d32";
        String dash = down ? " stroke-dasharray=\"2 4\"" : !impairment.isEmpty() ? " stroke-dasharray=\"8 4\"" : "";
        sb.append("<line class=\"link").append(down ? " down" : "").append(impairment.isEmpty() ? "" : " impaired")
                .append("\" x1=\"").append(f(p[0])).append("\" y1=\"").append(f(p[1])).append("\" x2=\"").append(f(q[0]))
                .append("\" y2=\"").append(f(q[1])).append("\" stroke=\"").append(colour).append("\" stroke-width=\"3\"")
                .append(dash).append("><title>").append(xml(a.get("node") + ":" + a.get("iface") + " — " + b.get("node") + ":"
                        + b.get("iface"))).append("</title></line>\n");
        end(sb, a, sa, p, q);
        end(sb, b, sb2, q, p);
        if (!impairment.isEmpty()) {
            label(sb, (p[0] + q[0]) / 2, (p[1] + q[1]) / 2 - 8, impairment, "#e65100", true);
        }
    }

    private static Map<String, Object> state(Map<String, Map<String, Map<String, Object>>> ifaces, Map<String, Object> e) {
        Map<String, Map<String, Object>> m = ifaces.get((String) e.get("node"));
        Map<String, Object> s = m == null ? null : m.get((String) e.get("iface"));
        return s == null ? Map.of() : s;
    }

    private static String words(Map<String, Object> e, Map<String, Object> s) {
        String w = (String) s.getOrDefault("impairment", "");
        return w.isEmpty() ? "" : e.get("node") + ":" + e.get("iface") + " " + w.replaceAll(" engine \\w+", "");
    }

    @SuppressWarnings("unchecked")
    private static void end(StringBuilder sb, Map<String, Object> e, Map<String, Object> s, double[] from, double[] to) {
        double x = from[0] + (to[0] - from[0]) * 0.28;
        double y = from[1] + (to[1] - from[1]) * 0.28;
        String st = (String) s.getOrDefault("state", "up");
        List<String> lines = new ArrayList<>();
        lines.add(e.get("iface") + (st.equals("up") ? "" : " ✖ " + st.toUpperCase(Locale.ROOT)));
        lines.addAll((List<String>) e.get("addresses"));
        label(sb, x, y, String.join("\n", lines), st.equals("up") ? "#334" : "#b71c1c", false);
    }

    private static void cuts(StringBuilder sb, List<Map<String, Object>> cuts, Map<String, double[]> at) {
        Set<String> set = new HashSet<>();
        cuts.forEach(c -> set.add(c.get("from") + "\u0000" + c.get("to")));
        for (Map<String, Object> c : cuts) {
            String from = (String) c.get("from");
            String to = (String) c.get("to");
            boolean both = set.contains(to + "\u0000" + from);
            double[] p = at.get(from);
            double[] q = at.get(to);
            if ((both && from.compareTo(to) > 0) || p == null || q == null) {
                continue;
            }
            double mx = (p[0] + q[0]) / 2 + (q[1] - p[1]) * 0.25;
            double my = (p[1] + q[1]) / 2 - (q[0] - p[0]) * 0.25;
            sb.append("<path class=\"cut\" d=\"M").append(f(p[0])).append(' ').append(f(p[1])).append(" Q").append(f(mx))
                    .append(' ').append(f(my)).append(' ').append(f(q[0])).append(' ').append(f(q[1]))
                    .append("\" fill=\"none\" stroke=\"#c62828\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/>\n");
            label(sb, (p[0] + q[0] + 2 * mx) / 4, (p[1] + q[1] + 2 * my) / 4, both ? "✂ cut" : "✂ " + from + " ↛ " + to,
                    "#c62828", true);
        }
    }

    private static void node(StringBuilder sb, Map<String, Object> n, double[] p, List<Map<String, Object>> services) {
        String kind = (String) n.get("kind");
        String fill = switch (kind) {
            case "router" -> "#43a047";
            case "bridge" -> "#78909c";
            default -> "#1e88e5";
        };
        String opacity = Boolean.TRUE.equals(n.get("present")) ? "" : " opacity=\"0.35\"";
        sb.append("<g class=\"node ").append(xml(kind)).append("\"").append(opacity).append(">");
        switch (kind) {
            case "router" -> sb.append("<rect x=\"").append(f(p[0] - 17)).append("\" y=\"").append(f(p[1] - 17))
                    .append("\" width=\"34\" height=\"34\" rx=\"6\"");
            case "bridge" -> {
                StringBuilder pts = new StringBuilder();
                for (int k = 0; k < 6; k++) {
                    double a = Math.PI / 3 * k;
                    pts.append(f(p[0] + 19 * Math.cos(a))).append(',').append(f(p[1] + 19 * Math.sin(a))).append(' ');
                }
                sb.append("<polygon points=\"").append(pts.toString().strip()).append("\"");
            }
            default -> sb.append("<circle cx=\"").append(f(p[0])).append("\" cy=\"").append(f(p[1])).append("\" r=\"17\"");
        }
        sb.append(" fill=\"").append(fill).append("\" stroke=\"#1d2330\" stroke-width=\"1.5\"/>");
        StringBuilder text = new StringBuilder((String) n.get("name"));
        for (Map<String, Object> s : services) {
            if (n.get("name").equals(s.get("node"))) {
                text.append('\n').append(s.get("service")).append(' ').append(s.get("state"))
                        .append(Boolean.TRUE.equals(s.get("ready")) ? ", ready" : "")
                        .append(((Number) s.get("restarts")).intValue() > 0 ? ", ↻" + s.get("restarts") : "");
            }
        }
        sb.append("</g>\n");
        label(sb, p[0], p[1] + 32, text.toString(), "#1d2330", false);
    }

    private static void label(StringBuilder sb, double x, double y, String text, String colour, boolean bold) {
        sb.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" text-anchor=\"middle\" fill=\"")
                .append(colour).append("\"").append(bold ? " font-weight=\"bold\"" : "")
                .append(" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\">");
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            sb.append("<tspan x=\"").append(f(x)).append("\" dy=\"").append(i == 0 ? "0" : "1.2em").append("\">")
                    .append(xml(lines[i])).append("</tspan>");
        }
        sb.append("</text>\n");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
