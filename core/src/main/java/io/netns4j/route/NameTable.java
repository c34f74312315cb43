package io.netns4j.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One of iproute2's number-to-name databases ({@code rt_tables}, {@code rt_protos},
 * {@code rt_scopes}), read as {@code ip} reads it: built-in names, then
 * {@code /etc/iproute2/FILE} (or {@code /usr/share/iproute2/FILE} when that is missing), then
 * the {@code *.conf} files of {@code FILE.d} in both directories (an {@code /etc} file
 * hides the {@code /usr/share} file of the same name). Later entries win. Lines are
 * {@code NUMBER NAME} (decimal or {@code 0x} hex), {@code #} starts a comment. Read once, on
 * first use.
 */
final class NameTable {
    static final Path ETC = Path.of("/etc/iproute2");
    static final Path USR = Path.of("/usr/share/iproute2");

    private final Map<Long, String> builtins;
    private final String file;
    private final boolean withDirectory;
    private final long max;
    private final Path etc;
    private final Path usr;
    private volatile Map<Long, String> names;

    NameTable(Map<Long, String> builtins, String file, boolean withDirectory, long max, Path etc, Path usr) {
        this.builtins = builtins;
        this.file = file;
        this.withDirectory = withDirectory;
        this.max = max;
        this.etc = etc;
        this.usr = usr;
    }

    /** The name of {@code id}, or the number in decimal when it has none. */
    String name(long id) {
        String n = names().get(id);
        return n != null ? n : Long.toString(id);
    }

    /** The number a name stands for, or a number as {@code strtoul(.., 0)} reads it; null when neither. */
    Long id(String text) {
        for (Map.Entry<Long, String> e : names().entrySet()) {
            if (e.getValue().equals(text)) {
                return e.getKey();
            }
        }
        Long v = parseNumber(text);
        return v != null && v <= max ? v : null;
    }

    /** Decimal, {@code 0x} hex or leading-{@code 0} octal, as C's {@code strtoul} with base 0; null otherwise. */
    static Long parseNumber(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseLong(s.substring(2), 16);
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return Long.parseLong(s.substring(1), 8);
            }
            return s.isEmpty() || !Character.isDigit(s.charAt(0)) ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Map<Long, String> names() {
        Map<Long, String> n = names;
        if (n == null) {
            n = new LinkedHashMap<>(builtins);
            if (!read(etc.resolve(file), n)) {
                read(usr.resolve(file), n);
            }
            if (withDirectory) {
                for (Path conf : confFiles(usr.resolve(file + ".d"))) {
                    if (!Files.exists(etc.resolve(file + ".d").resolve(conf.getFileName()))) {
                        read(conf, n);
                    }
                }
                for (Path conf : confFiles(etc.resolve(file + ".d"))) {
                    read(conf, n);
                }
            }
            names = n;
        }
        return n;
    }

    private static List<Path> confFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String f = p.getFileName().toString();
                return !f.startsWith(".") && f.length() > 5 && f.endsWith(".conf");
            }).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Adds the entries of {@code path}; false when it does not exist. */
    private boolean read(Path path, Map<Long, String> into) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true; // unreadable: ip skips it too
        }
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(t.split("\\s+")));
            Long id = words.size() >= 2 ? parseNumber(words.get(0)) : null;
            if (id == null || id > max || words.get(1).startsWith("#")) {
                break; // ip stops at a corrupt line ("Database ... is corrupted")
            }
            into.remove(id);
            into.put(id, words.get(1));
        }
        return true;
    }
}
