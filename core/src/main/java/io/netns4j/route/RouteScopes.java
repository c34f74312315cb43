package io.netns4j.route;

import java.util.Map;

/**
 * How far a route's destination is ({@code scope} in {@code ip route}): {@code global} 0,
 * {@code site} 200, {@code link} 253, {@code host} 254, {@code nowhere} 255, plus names from
 * {@code /etc/iproute2/rt_scopes}.
 */
public final class RouteScopes {
    /** RT_SCOPE_UNIVERSE ({@code global}): the destination is anywhere. */
    public static final int GLOBAL = 0;
    /** RT_SCOPE_SITE ({@code site}): inside this site (IPv6). */
    public static final int SITE = 200;
    /** RT_SCOPE_LINK ({@code link}): on the attached link. */
    public static final int LINK = 253;
    /** RT_SCOPE_HOST ({@code host}): this host. */
    public static final int HOST = 254;
    /** RT_SCOPE_NOWHERE ({@code nowhere}): no destination. */
    public static final int NOWHERE = 255;

    private static final NameTable TABLE = new NameTable(Map.of(0L, "global", 200L, "site", 253L, "link",
            254L, "host", 255L, "nowhere"), "rt_scopes", false, 255, NameTable.ETC, NameTable.USR);

    private RouteScopes() {
    }

    /**
     * The name {@code ip} prints for a scope.
     *
     * @param id the scope, 0 to 255
     * @return its name ({@code link}, or from rt_scopes), or the number in decimal when it has none
     */
    public static String name(int id) {
        return TABLE.name(id);
    }

    /**
     * The scope a name or number stands for.
     *
     * @param text a name ({@code host}, {@code link}, {@code global}, or from rt_scopes) or a number
     * @return the scope, 0 to 255
     * @throws IllegalArgumentException when {@code text} is neither a scope name nor 0 to 255
     */
    public static int parse(String text) {
        Long id = TABLE.id(text);
        if (id == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not a scope: use host, link, global or a number"
                    + " (0 to 255)");
        }
        return id.intValue();
    }
}
