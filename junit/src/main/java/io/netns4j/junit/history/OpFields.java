package io.netns4j.junit.history;

import java.util.List;
import java.util.Map;

/**
 * Turns one parsed op map (EDN or JSON) into an {@link Op}, checking every field's kind, so
 * a bad file is a {@link HistoryFormatException} naming the line, never a cast failure.
 */
final class OpFields {
    private OpFields() {
    }

    /**
     * @param fields   the map, keys without colons
     * @param line     where the map starts
     * @param position the map's position in the file, the index when it has none
     * @param json     whether the words ({@code type}, {@code f}, {@code nemesis}) are strings, not keywords
     */
    static Op toOp(Map<String, Object> fields, int line, long position, boolean json) throws HistoryFormatException {
        OpType type = OpType.ofWord(word(fields, "type", line, json, true));
        if (type == null) {
            throw new HistoryFormatException(line, "type must be one of " + words(json, "invoke", "ok", "fail", "info")
                    + ", not " + text(fields.get("type")));
        }
        String f = word(fields, "f", line, json, true);
        long process = process(fields.get("process"), line, json);
        long index = number(fields, "index", position, line);
        long time = number(fields, "time", 0, line);
        Object value = value(fields.get("value"), line, "value");
        Object key = value(fields.get("key"), line, "key");
        try {
            return new Op(index, type, process, f, value, time, key);
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(line, e.getMessage());
        }
    }

    private static String word(Map<String, Object> fields, String name, int line, boolean json, boolean required)
            throws HistoryFormatException {
        Object v = fields.get(name);
        if (v == null) {
            if (!fields.containsKey(name) && required) {
                throw new HistoryFormatException(line, "the op has no " + field(name, json));
            }
            throw new HistoryFormatException(line, field(name, json) + " must be " + (json ? "a string" : "a keyword")
                    + ", not nil");
        }
        if (json && v instanceof String s && Keyword.isKeywordName(s)) {
            return s;
        }
        if (!json && v instanceof Keyword k) {
            return k.name();
        }
        throw new HistoryFormatException(line, field(name, json) + " must be " + (json ? "a string naming a keyword" : "a keyword")
                + ", not " + text(v));
    }

    private static long process(Object v, int line, boolean json) throws HistoryFormatException {
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        if ((json && "nemesis".equals(v)) || (!json && v instanceof Keyword k && k.name().equals("nemesis"))) {
            return Op.NEMESIS;
        }
        String nemesis = json ? "\"nemesis\"" : ":nemesis";
        throw new HistoryFormatException(line, (v == null ? "the op has no process" : field("process", json)
                + " must be an integer >= 0 or " + nemesis + ", not " + text(v)));
    }

    private static long number(Map<String, Object> fields, String name, long absent, int line) throws HistoryFormatException {
        Object v = fields.get(name);
        if (v == null && !fields.containsKey(name)) {
            return absent;
        }
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        throw new HistoryFormatException(line, name + " must be an integer >= 0, not " + text(v));
    }

    private static Object value(Object v, int line, String name) throws HistoryFormatException {
        if (v instanceof Map<?, ?>) {
            throw new HistoryFormatException(line, name + ": maps are not supported as values (only nil, numbers, "
                    + "booleans, strings, keywords and vectors)");
        }
        if (v instanceof List<?> list) {
            for (Object item : list) {
                value(item, line, name);
            }
        }
        return v;
    }

    private static String field(String name, boolean json) {
        return json ? "\"" + name + "\"" : ":" + name;
    }

    private static String words(boolean json, String... words) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            out.append(i == 0 ? "" : i == words.length - 1 ? " or " : ", ").append(json ? "\"" + words[i] + "\"" : ":" + words[i]);
        }
        return out.toString();
    }

    private static String text(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Map<?, ?>) {
            return "a map";
        }
        return Op.valueText(v);
    }
}
