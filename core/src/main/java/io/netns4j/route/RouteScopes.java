package io.netns4j.route;

import java.util.Map;

/**
 * How far a route's destination is ({@code scope} in {@code ip route}): {@code global} 0,
 * {@code site} 200, {@code link} 253, {@code host} 254, {@code nowhere} 255, plus names from
 * {@code /etc/iproute2/rt_scopes}.
 */
public final class RouteScopes {
    public static final int GLOBAL = 0;
    public static final int SITE = 200;
    public static final int LINK = 253;
    public static final int HOST = 254;
    public static final int NOWHERE = 255;

    private static final NameTable TABLE = new NameTable(Map.of(0L, "global", 200L, "site", 253L, "link",
            254L, "host", 255L, "nowhere"), "rt_scopes", false, 255, NameTable.ETC, NameTable.USR);

    private RouteScopes() {
    }

    public static String name(int id) {
        return TABLE.name(id);
    }

    /** @throws IllegalArgumentException when {@code text} is neither a scope name nor 0 to 255 */
    public static int parse(String text) {
        Long id = TABLE.id(text);
        if (id == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not a scope: use host, link, global or a number"
                    + " (0 to 255)");
        }
        return id.intValue();
    }
}
