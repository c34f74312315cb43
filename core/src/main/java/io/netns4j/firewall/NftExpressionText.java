package io.netns4j.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a plain JSON comparison ({@code {"match": {"op", "left", "right"}}}) that has no
 * typed kind back into nft text, e.g. {@code ip protocol gre} or {@code meta mark != 0x1}.
 * Returns null for shapes it does not know (set references, bitwise operations, ...).
 */
final class NftExpressionText {
    private static final Pattern BARE = Pattern.compile("@?[A-Za-z0-9_.:/-]+");
    private static final Set<String> NAME_KEYS =
            Set.of("iifname", "oifname", "ibrname", "obrname", "iifkind", "oifkind", "ibriport", "obriport");

    private NftExpressionText() {
    }

    static String match(Map<String, Object> m) {
        if (!(m.get("op") instanceof String op) || !(m.get("left") instanceof Map<?, ?> left)) {
            return null;
        }
        String l = left(left);
        if (l == null) {
            return null;
        }
        boolean quoteStrings = left.get("meta") instanceof Map<?, ?> meta && NAME_KEYS.contains(meta.get("key"));
        String r = right(m.get("right"), quoteStrings, 0);
        if (r == null) {
            return null;
        }
        String operator = switch (op) {
            case "==", "in" -> " ";
            case "!=", "<", ">", "<=", ">=" -> " " + op + " ";
            default -> null;
        };
        return operator == null ? null : l + operator + r;
    }

    private static String left(Map<?, ?> left) {
        if (left.size() != 1) {
            return null;
        }
        if (left.get("payload") instanceof Map<?, ?> p && p.size() == 2
                && p.get("protocol") instanceof String proto && p.get("field") instanceof String field) {
            return proto + " " + field;
        }
        if (left.get("meta") instanceof Map<?, ?> meta && meta.size() == 1 && meta.get("key") instanceof String key) {
            return "meta " + key;
        }
        if (left.get("ct") instanceof Map<?, ?> ct && ct.get("key") instanceof String key) {
            if (ct.size() == 1) {
                return "ct " + key;
            }
            if (ct.size() == 2 && ct.get("dir") instanceof String dir) {
                return "ct " + dir + " " + key;
            }
        }
        return null;
    }

    private static String right(Object v, boolean quoteStrings, int depth) {
        if (v instanceof String s) {
            if (!quoteStrings && BARE.matcher(s).matches()) {
                return s;
            }
            return s.indexOf('"') >= 0 ? null : "\"" + s + "\"";
        }
        if (v instanceof Long || v instanceof Boolean) {
            return v.toString();
        }
        if (!(v instanceof Map<?, ?> m) || m.size() != 1 || depth > 1) {
            return v instanceof List<?> flags && depth == 0 ? list(flags, quoteStrings, ",", depth) : null;
        }
        if (m.get("prefix") instanceof Map<?, ?> p && p.get("addr") instanceof String a && p.get("len") instanceof Long len) {
            return a + "/" + len;
        }
        if (m.get("range") instanceof List<?> r && r.size() == 2) {
            String lo = right(r.get(0), quoteStrings, depth + 1);
            String hi = right(r.get(1), quoteStrings, depth + 1);
            return lo == null || hi == null ? null : lo + "-" + hi;
        }
        if (m.containsKey("set") && depth == 0) {
            Object s = m.get("set");
            String inner = list(s instanceof List<?> l ? l : List.of(s), quoteStrings, ", ", depth);
            return inner == null ? null : "{ " + inner + " }";
        }
        return null;
    }

    private static String list(List<?> items, boolean quoteStrings, String separator, int depth) {
        List<String> parts = new ArrayList<>();
        for (Object item : items) {
            String t = right(item, quoteStrings, depth + 1);
            if (t == null) {
                return null;
            }
            parts.add(t);
        }
        return parts.isEmpty() ? null : String.join(separator, parts);
    }
}
