package io.netns4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * DS field names as ip 6.1 prints them (rtnl_dsfield_n2a): the name in /etc/iproute2/rt_dsfield
 * ({@code 0x28 AF11}), else {@code 0x%02x}.
 */
final class Dsfield {
    private static final Path TABLE = Path.of("/etc/iproute2/rt_dsfield");
    private static Map<Integer, String> names;

    private Dsfield() {
    }

    static synchronized String name(int value) {
        if (names == null) {
            names = read(TABLE);
        }
        String n = names.get(value);
        return n != null ? n : String.format("0x%02x", value);
    }

    /** ip's table format: a number (decimal or 0x hexadecimal), blanks, a name; '#' starts a comment. */
    static Map<Integer, String> read(Path file) {
        Map<Integer, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] f = l.split("\\s+");
                if (f.length < 2) {
                    continue;
                }
                try {
                    int id = Integer.decode(f[0]);
                    if (id >= 0 && id <= 255) {
                        m.putIfAbsent(id, f[1]);
                    }
                } catch (NumberFormatException ignored) {
                    // ip skips such lines too
                }
            }
        } catch (IOException e) {
            return m; // no table: numbers only, as ip
        }
        return m;
    }
}
