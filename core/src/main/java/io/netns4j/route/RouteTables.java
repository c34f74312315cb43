package io.netns4j.route;

import java.util.Map;

/**
 * Routing table numbers and their names, as {@code ip} reads them from
 * {@code /etc/iproute2/rt_tables} (or {@code /usr/share/iproute2/rt_tables}) and
 * {@code rt_tables.d/*.conf}: {@code local} 255, {@code main} 254, {@code default} 253.
 */
public final class RouteTables {
    /** RT_TABLE_UNSPEC: no table (in a delete or a dump, any table). */
    public static final long UNSPEC = 0;
    /** RT_TABLE_DEFAULT ({@code default}). */
    public static final long DEFAULT = 253;
    /** RT_TABLE_MAIN ({@code main}): where {@code ip route add} puts a route unless told otherwise. */
    public static final long MAIN = 254;
    /** RT_TABLE_LOCAL ({@code local}): local and broadcast addresses, kept by the kernel. */
    public static final long LOCAL = 255;
    /** The largest table id (u32). */
    public static final long MAX = 0xFFFF_FFFFL;

    private static final NameTable TABLE = new NameTable(
            Map.of(DEFAULT, "default", MAIN, "main", LOCAL, "local"), "rt_tables", true, MAX,
            NameTable.ETC, NameTable.USR);

    private RouteTables() {
    }

    /**
     * The name {@code ip} prints for a table.
     *
     * @param id the table id
     * @return its name ({@code main}), or its number ({@code 100}) when it has none
     */
    public static String name(long id) {
        return TABLE.name(id);
    }

    /**
     * The table a name or number stands for.
     *
     * @param text a name ({@code main}, or from rt_tables) or a number
     * @return the table id, 0 to {@link #MAX}
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
