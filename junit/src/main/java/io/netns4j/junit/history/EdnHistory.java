package io.netns4j.junit.history;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Histories as Jepsen writes them ({@code history.edn}): one op map per line,
 * <pre>{@code {:type :invoke, :f :write, :value 3, :process 0, :time 123, :index 0}}</pre>
 * with a cas value as {@code [1 2]}, the nemesis as {@code :process :nemesis}, and a
 * {@code :key} field only on keyed ops. knossos' and elle-cli's readers take this file as
 * it is ({@code edn/read} form after form).
 *
 * <p>{@link #read} takes what this class writes and what those tools read: maps one after
 * another, or one vector of maps. Fields other than {@code :type :f :value :process :time
 * :index :key} are ignored; a missing {@code :index} is the map's position, a missing
 * {@code :time} is 0.
 */
public final class EdnHistory {
    private EdnHistory() {
    }

    /**
     * Writes {@code ops} as EDN (one op map per line), in the order given.
     *
     * @param ops the history
     * @param out where the lines go
     * @throws IOException if {@code out} fails
     */
    public static void write(List<Op> ops, Appendable out) throws IOException {
        StringBuilder line = new StringBuilder(96);
        for (Op op : ops) {
            line.setLength(0);
            appendOp(line, op);
            out.append(line).append('\n');
        }
    }

    /**
     * The history as EDN text, as {@link #write(List, Appendable)} writes it.
     *
     * @param ops the history
     * @return the history as EDN lines
     */
    public static String toEdn(List<Op> ops) {
        StringBuilder out = new StringBuilder(ops.size() * 80);
        try {
            write(ops, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes {@code ops} to a {@code history.edn} file that knossos and elle-cli read, in UTF-8.
     *
     * @param ops  the history
     * @param file the file to write (replaced)
     * @throws IOException if it cannot be written
     */
    public static void write(List<Op> ops, Path file) throws IOException {
        Files.writeString(file, toEdn(ops), StandardCharsets.UTF_8);
    }

    /**
     * Reads a EDN history from a stream, to its end.
     *
     * @param in EDN op maps
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
     * Reads a {@code history.edn} file (UTF-8).
     *
     * @param file an EDN history file
     * @return the history
     * @throws IOException if it cannot be read, or ({@link HistoryFormatException}) is not a history
     */
    public static List<Op> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Reads a EDN history from text.
     *
     * @param text EDN op maps
     * @return the history
     * @throws HistoryFormatException naming the line and the problem
     */
    public static List<Op> parse(String text) throws HistoryFormatException {
        List<EdnParser.Parsed> forms = new EdnParser(text).readAll();
        if (forms.size() == 1 && forms.getFirst().form() instanceof List<?> all) {
            List<EdnParser.Parsed> items = new ArrayList<>();
            for (Object item : all) {
                items.add(new EdnParser.Parsed(forms.getFirst().line(), item));
            }
            forms = items;
        }
        List<Op> ops = new ArrayList<>(forms.size());
        for (EdnParser.Parsed form : forms) {
            if (!(form.form() instanceof Map<?, ?> map)) {
                throw new HistoryFormatException(form.line(), "expected an op map {:type ...}, found "
                        + Op.valueText(form.form()));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof Keyword k)) {
                    throw new HistoryFormatException(form.line(), "op map keys must be keywords, not "
                            + Op.valueText(e.getKey()));
                }
                fields.put(k.name(), e.getValue());
            }
            ops.add(OpFields.toOp(fields, form.line(), ops.size(), false));
        }
        return ops;
    }

    static void appendOp(StringBuilder out, Op op) {
        out.append("{:type :").append(op.type().word())
                .append(", :f :").append(op.f())
                .append(", :value ");
        appendValue(out, op.value());
        out.append(", :process ").append(op.isNemesis() ? ":nemesis" : Long.toString(op.process()));
        if (op.key() != null) {
            out.append(", :key ");
            appendValue(out, op.key());
        }
        out.append(", :time ").append(op.time())
                .append(", :index ").append(op.index()).append('}');
    }

    static void appendValue(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("nil");
            case String s -> appendString(out, s);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(' ');
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
