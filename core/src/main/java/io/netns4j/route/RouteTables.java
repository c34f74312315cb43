package io.netns4j.route;

import java.util.Map;

/**
 * Routing table numbers and their names, as {@code ip} reads them from
 * {@code /etc/iproute2/rt_tables} (or {@code /usr/share/iproute2/rt_tables}) and
 * {@code rt_tables.d/*.conf}: {@code local} 255, {@code main} 254, {@code default} 253.
 */
public final class RouteTables {
    public static final long UNSPEC = 0;
    public static final long DEFAULT = 253;
    public static final long MAIN = 254;
    public static final long LOCAL = 255;
    /** The largest table id (u32). */
    public static final long MAX = 0xFFFF_FFFFL;

    private static final NameTable TABLE = new NameTable(
            Map.of(DEFAULT, "default", MAIN, "main", LOCAL, "local"), "rt_tables", true, MAX,
            NameTable.ETC, NameTable.USR);

    private RouteTables() {
    }

    /** The table's name ({@code main}), or its number ({@code 100}) when it has none. */
    public static String name(long id) {
        return TABLE.name(id);
    }

    /**
     * The table a name or number stands for.
     *
     * @throws IllegalArgumentException naming the word and what would do
     */
    public static long parse(String text) {
        Long id = TABLE.id(text);
        if (id == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not a routing table: use a number (0 to "
                    + MAX + ") or a name from /etc/iproute2/rt_tables (local, main, default)");
        }
        return id;
    }
}
