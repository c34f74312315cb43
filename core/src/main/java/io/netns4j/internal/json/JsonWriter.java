package io.netns4j.internal.json;

import java.util.List;
import java.util.Map;

/**
 * A small JSON writer: maps (insertion order kept), lists, strings, numbers, booleans,
 * null. Compact like {@code ip -j} and {@code nft -j}, or indented for {@code -p}. What it
 * writes, {@link JsonReader} reads back. Kept in-house so the CLI starts without loading a
 * JSON library.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    /** Compact JSON. */
    public static String write(Object value) {
        return write(value, false);
    }

    /** Compact JSON, or indented by four spaces a level when {@code pretty}. */
    public static String write(Object value, boolean pretty) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, pretty, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, boolean pretty, int depth) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Number n -> sb.append(n);
            case Boolean b -> sb.append(b);
            case Map<?, ?> m -> container(sb, '{', '}', m.entrySet().stream().toList(), pretty, depth, true);
            case List<?> l -> container(sb, '[', ']', l, pretty, depth, false);
            default -> string(sb, v.toString());
        }
    }

    private static void container(StringBuilder sb, char open, char close, List<?> items, boolean pretty, int depth,
                                  boolean entries) {
        sb.append(open);
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            newline(sb, pretty, depth + 1);
            if (entries) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) item;
                string(sb, String.valueOf(e.getKey()));
                sb.append(pretty ? ": " : ":");
                write(sb, e.getValue(), pretty, depth + 1);
            } else {
                write(sb, item, pretty, depth + 1);
            }
        }
        if (!items.isEmpty()) {
            newline(sb, pretty, depth);
        }
        sb.append(close);
    }

    private static void newline(StringBuilder sb, boolean pretty, int depth) {
        if (pretty) {
            sb.append('\n').append("    ".repeat(depth));
        }
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
