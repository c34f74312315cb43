package io.netns4j.junit.history;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Histories as JSON that elle-cli reads ({@code elle-cli --model cas-register h.json}, which
 * turns {@code "type"} and {@code "f"} into keywords): one array, one op object per line,
 * <pre>{@code [
 * {"type":"invoke","f":"write","value":3,"process":0,"time":123,"index":0},
 * {"type":"ok","f":"write","value":3,"process":0,"time":456,"index":1}
 * ]}</pre>
 * a cas value as {@code [1,2]}, the nemesis as {@code "process":"nemesis"} (not an integer,
 * so Jepsen's {@code client-op?} leaves it out), {@link Keyword} values as plain strings (so
 * they read back as strings), and {@code "key"} only on keyed ops.
 *
 * <p>{@link #read} takes one array of op objects or JSON Lines (one object per line); other
 * fields are ignored, a missing {@code "index"} is the object's position, a missing
 * {@code "time"} is 0.
 */
public final class JsonHistory {
    private JsonHistory() {
    }

    /**
     * Writes {@code ops} as JSON, one op object per line, in the order given.
     *
     * @param ops the history
     * @param out where the JSON goes
     * @throws IOException if {@code out} fails
     */
    public static void write(List<Op> ops, Appendable out) throws IOException {
        out.append("[\n");
        StringBuilder line = new StringBuilder(96);
        for (int i = 0; i < ops.size(); i++) {
            line.setLength(0);
            appendOp(line, ops.get(i));
            out.append(line).append(i + 1 < ops.size() ? ",\n" : "\n");
        }
        out.append("]\n");
    }

    /**
     * The history as JSON text, as {@link #write(List, Appendable)} writes it.
     *
     * @param ops the history
     * @return the history as a JSON array, one op per line
     */
    public static String toJson(List<Op> ops) {
        StringBuilder out = new StringBuilder(ops.size() * 80);
        try {
            write(ops, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes {@code ops} to a {@code history.json} file that elle-cli reads, in UTF-8.
     *
     * @param ops  the history
     * @param file the file to write (replaced)
     * @throws IOException if it cannot be written
     */
    public static void write(List<Op> ops, Path file) throws IOException {
        Files.writeString(file, toJson(ops), StandardCharsets.UTF_8);
    }

    /**
     * Reads a JSON history from a stream, to its end.
     *
     * @param in a JSON array of op objects, or JSON Lines
     * @return the history
     * @throws HistoryFormatException naming the line and the problem, if the text is not a history
     * @throws IOException            if {@code in} fails
     */
    public static List<Op> read(Reader in) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            text.append(buffer, 0, n);
        }
        return parse(text.toString());
    }

    /**
     * Reads a {@code history.json} file (UTF-8).
     *
     * @param file a JSON history file
     * @return the history
     * @throws IOException if it cannot be read, or ({@link HistoryFormatException}) is not a history
     */
    public static List<Op> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Reads a JSON history from text.
     *
     * @param text a JSON array of op objects, or JSON Lines
     * @return the history
     * @throws HistoryFormatException naming the line and the problem
     */
    public static List<Op> parse(String text) throws HistoryFormatException {
        List<EdnParser.Parsed> values = new JsonParser(text).readHistory();
        List<Op> ops = new ArrayList<>(values.size());
        for (EdnParser.Parsed value : values) {
            if (!(value.form() instanceof Map<?, ?> map)) {
                throw new HistoryFormatException(value.line(), "expected an op object {\"type\": ...}, found "
                        + (value.form() instanceof List<?> ? "an array" : Op.valueText(value.form())));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            ops.add(OpFields.toOp(fields, value.line(), ops.size(), true));
        }
        return ops;
    }

    static void appendOp(StringBuilder out, Op op) {
        out.append("{\"type\":\"").append(op.type().word())
                .append("\",\"f\":\"").append(op.f())
                .append("\",\"value\":");
        appendValue(out, op.value());
        out.append(",\"process\":").append(op.isNemesis() ? "\"nemesis\"" : Long.toString(op.process()));
        if (op.key() != null) {
            out.append(",\"key\":");
            appendValue(out, op.key());
        }
        out.append(",\"time\":").append(op.time())
                .append(",\"index\":").append(op.index()).append('}');
    }

    private static void appendValue(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Keyword k -> appendString(out, k.name());
            case String s -> appendString(out, s);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    appendValue(out, list.get(i));
                }
                out.append(']');
            }
            default -> out.append(value);
        }
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
