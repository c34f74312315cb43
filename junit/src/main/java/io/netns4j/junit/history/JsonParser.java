package io.netns4j.junit.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) for history files: objects, arrays, strings, numbers
 * (integers as {@link Long}, others as {@link Double}), {@code true}, {@code false},
 * {@code null}. Reads a sequence of top-level values, so JSON Lines works too. Errors are
 * {@link HistoryFormatException}s naming the line.
 */
final class JsonParser {
    private final String text;
    private int pos;
    private int line = 1;

    JsonParser(String text) {
        this.text = text;
    }

    List<EdnParser.Parsed> readAll() throws HistoryFormatException {
        List<EdnParser.Parsed> values = new ArrayList<>();
        while (skipSpace()) {
            int start = line;
            values.add(new EdnParser.Parsed(start, read()));
        }
        return values;
    }

    /** One top-level array's items, each with the line it starts on; or, for JSON Lines, the values. */
    List<EdnParser.Parsed> readHistory() throws HistoryFormatException {
        if (!skipSpace() || text.charAt(pos) != '[') {
            return readAll();
        }
        int start = line;
        List<EdnParser.Parsed> items = new ArrayList<>();
        pos++;
        boolean first = true;
        while (true) {
            if (!skipSpace()) {
                throw new HistoryFormatException(start, "the array is not closed: ']' is missing");
            }
            char c = text.charAt(pos);
            if (c == ']' && (first || items.isEmpty())) {
                pos++;
                break;
            }
            if (!first) {
                pos++;
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    pos--;
                    throw problem("expected ',' or ']' between ops, found " + found());
                }
                if (!skipSpace()) {
                    throw new HistoryFormatException(start, "the array is not closed: ']' is missing");
                }
            }
            first = false;
            int itemLine = line;
            items.add(new EdnParser.Parsed(itemLine, read()));
        }
        if (skipSpace()) {
            throw problem("unexpected " + found() + " after the history's array");
        }
        return items;
    }

    private boolean skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return true;
            }
            pos++;
        }
        return false;
    }

    private Object read() throws HistoryFormatException {
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"' -> readString();
            default -> readLiteral();
        };
    }

    private Map<String, Object> readObject() throws HistoryFormatException {
        int start = line;
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        if (skipSpace() && text.charAt(pos) == '}') {
            pos++;
            return map;
        }
        while (true) {
            if (!skipSpace()) {
                throw new HistoryFormatException(start, "the object is not closed: '}' is missing");
            }
            if (text.charAt(pos) != '"') {
                throw problem("expected a string as the object's key, found " + found());
            }
            int keyLine = line;
            String key = readString();
            expect(':');
            if (!skipSpace()) {
                throw problem("the key \"" + key + "\" has no value");
            }
            Object value = read();
            if (map.containsKey(key)) {
                throw new HistoryFormatException(keyLine, "the key \"" + key + "\" appears twice");
            }
            map.put(key, value);
            if (!skipSpace()) {
                throw new HistoryFormatException(start, "the object is not closed: '}' is missing");
            }
            char c = text.charAt(pos++);
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw problem("expected ',' or '}' in an object, found " + found());
            }
        }
    }

    private List<Object> readArray() throws HistoryFormatException {
        int start = line;
        pos++;
        List<Object> items = new ArrayList<>();
        if (skipSpace() && text.charAt(pos) == ']') {
            pos++;
            return items;
        }
        while (true) {
            if (!skipSpace()) {
                throw new HistoryFormatException(start, "the array is not closed: ']' is missing");
            }
            items.add(read());
            if (!skipSpace()) {
                throw new HistoryFormatException(start, "the array is not closed: ']' is missing");
            }
            char c = text.charAt(pos++);
            if (c == ']') {
                return items;
            }
            if (c != ',') {
                pos--;
                throw problem("expected ',' or ']' in an array, found " + found());
            }
        }
    }

    private void expect(char wanted) throws HistoryFormatException {
        if (!skipSpace() || text.charAt(pos) != wanted) {
            throw problem("expected '" + wanted + "', found " + found());
        }
        pos++;
    }

    private String readString() throws HistoryFormatException {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\n') {
                throw problem("the string is not closed on its line: '\"' is missing");
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> out.append(unicodeEscape());
                    default -> throw problem("unknown escape \\" + e + " in a string");
                }
            } else {
                out.append(c);
            }
        }
        throw problem("the string is not closed: '\"' is missing");
    }

    private char unicodeEscape() throws HistoryFormatException {
        if (pos + 4 <= text.length()) {
            String hex = text.substring(pos, pos + 4);
            if (hex.matches("[0-9a-fA-F]{4}")) {
                pos += 4;
                return (char) Integer.parseInt(hex, 16);
            }
        }
        throw problem("\\u needs four hex digits");
    }

    private Object readLiteral() throws HistoryFormatException {
        int start = pos;
        while (pos < text.length() && "{}[],:\" \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String token = text.substring(start, pos);
        switch (token) {
            case "null" -> {
                return null;
            }
            case "true" -> {
                return Boolean.TRUE;
            }
            case "false" -> {
                return Boolean.FALSE;
            }
            default -> {
            }
        }
        if (token.isEmpty()) {
            throw problem("unexpected " + found());
        }
        if (token.matches("-?(0|[1-9]\\d*)")) {
            try {
                return Long.parseLong(token);
            } catch (NumberFormatException e) {
                throw problem("the number " + token + " does not fit in 64 bits");
            }
        }
        if (token.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
            double d = Double.parseDouble(token);
            if (Double.isFinite(d)) {
                return d;
            }
        }
        throw problem("'" + token + "' is not a JSON value");
    }

    private String found() {
        return pos >= text.length() ? "the end of the text" : "'" + text.charAt(pos) + "'";
    }

    private HistoryFormatException problem(String what) {
        return new HistoryFormatException(line, what);
    }
}
