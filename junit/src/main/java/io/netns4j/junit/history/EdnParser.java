package io.netns4j.junit.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the part of EDN that histories use: maps, vectors and lists, keywords, strings,
 * integers, floats, {@code nil}, {@code true}/{@code false}, commas as white space and
 * {@code ;} comments. Anything else (sets, tagged values, symbols, characters) is a
 * {@link HistoryFormatException} naming the line.
 */
final class EdnParser {
    private final String text;
    private int pos;
    private int line = 1;

    EdnParser(String text) {
        this.text = text;
    }

    /** The top-level forms, each with the line it starts on. */
    List<Parsed> readAll() throws HistoryFormatException {
        List<Parsed> forms = new ArrayList<>();
        while (skipSpace()) {
            int start = line;
            forms.add(new Parsed(start, read()));
        }
        return forms;
    }

    record Parsed(int line, Object form) {
    }

    private boolean skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ',' || Character.isWhitespace(c)) {
                pos++;
            } else if (c == ';') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return true;
            }
        }
        return false;
    }

    private Object read() throws HistoryFormatException {
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readMap();
            case '[' -> readSequence(']');
            case '(' -> readSequence(')');
            case '"' -> readString();
            case ':' -> readKeyword();
            case '}', ']', ')' -> throw problem("unexpected '" + c + "'");
            case '#' -> throw problem("sets and tagged values (#...) are not supported");
            case '\\' -> throw problem("characters (\\c) are not supported");
            default -> readAtom();
        };
    }

    private Map<Object, Object> readMap() throws HistoryFormatException {
        int start = line;
        pos++;
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
            if (!skipSpace()) {
                throw new HistoryFormatException(start, "the map is not closed: '}' is missing");
            }
            if (text.charAt(pos) == '}') {
                pos++;
                return map;
            }
            Object key = read();
            if (!skipSpace() || text.charAt(pos) == '}') {
                throw problem("the key " + Op.valueText(key) + " has no value");
            }
            int keyLine = line;
            Object value = read();
            if (map.containsKey(key)) {
                throw new HistoryFormatException(keyLine, "the key " + Op.valueText(key) + " appears twice");
            }
            map.put(key, value);
        }
    }

    private List<Object> readSequence(char close) throws HistoryFormatException {
        int start = line;
        pos++;
        List<Object> items = new ArrayList<>();
        while (true) {
            if (!skipSpace()) {
                throw new HistoryFormatException(start, "the " + (close == ']' ? "vector" : "list")
                        + " is not closed: '" + close + "' is missing");
            }
            if (text.charAt(pos) == close) {
                pos++;
                return items;
            }
            items.add(read());
        }
    }

    private String readString() throws HistoryFormatException {
        int start = line;
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '"', '\\' -> out.append(e);
                    case 'u' -> out.append(unicodeEscape());
                    default -> throw problem("unknown escape \\" + e + " in a string");
                }
            } else {
                out.append(c);
            }
        }
        throw new HistoryFormatException(start, "the string is not closed: '\"' is missing");
    }

    private char unicodeEscape() throws HistoryFormatException {
        if (pos + 4 > text.length()) {
            throw problem("\\u needs four hex digits");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return c;
        } catch (NumberFormatException e) {
            throw problem("\\u needs four hex digits");
        }
    }

    private Keyword readKeyword() throws HistoryFormatException {
        pos++;
        String name = token();
        if (!Keyword.isKeywordName(name)) {
            throw problem("'" + ":" + name + "' is not a keyword");
        }
        return new Keyword(name);
    }

    private Object readAtom() throws HistoryFormatException {
        String token = token();
        if (token.isEmpty()) {
            throw problem("unexpected '" + text.charAt(pos) + "'");
        }
        switch (token) {
            case "nil" -> {
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
        char first = token.charAt(0);
        if (Character.isDigit(first) || ((first == '-' || first == '+') && token.length() > 1)) {
            return number(token);
        }
        throw problem("symbols like '" + token + "' are not supported (a keyword needs its colon)");
    }

    private Object number(String token) throws HistoryFormatException {
        try {
            if (token.matches("[+-]?\\d+N?")) {
                return Long.parseLong(token.endsWith("N") ? token.substring(0, token.length() - 1) : token);
            }
            if (token.matches("[+-]?\\d+(\\.\\d*)?([eE][+-]?\\d+)?M?")) {
                double d = Double.parseDouble(token.endsWith("M") ? token.substring(0, token.length() - 1) : token);
                if (Double.isFinite(d)) {
                    return d;
                }
            }
        } catch (NumberFormatException e) {
            throw problem("the number " + token + " does not fit in 64 bits");
        }
        throw problem("'" + token + "' is not a number");
    }

    private String token() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || ",{}[]()\";".indexOf(c) >= 0) {
                break;
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private HistoryFormatException problem(String what) {
        return new HistoryFormatException(line, what);
    }
}
