package io.netns4j.cli;

import io.netns4j.types.InetFamily;

/**
 * {@code ip -c}: the colours iproute2 6.1 gives to interface names, link-layer addresses,
 * IPv4 and IPv6 addresses and the UP/DOWN states, as the same escape sequences (its light
 * palette, or the bold one when {@code COLORFGBG} says the background is dark). Each piece is
 * wrapped as ip wraps it, the separator that follows included ({@code "\e[36mlo: \e[0m"}).
 */
enum Colour {
    /** No colour: text as it is. */
    NONE(null),
    /** The light-background palette (ip's default). */
    LIGHT(new String[] {"\u001b[36m", "\u001b[33m", "\u001b[35m", "\u001b[34m", "\u001b[32m", "\u001b[31m"}),
    /** The dark-background palette. */
    DARK(new String[] {"\u001b[1;36m", "\u001b[1;33m", "\u001b[1;35m", "\u001b[1;34m", "\u001b[1;32m",
            "\u001b[1;31m"});

    private static final String CLEAR = "\u001b[0m";
    private static final int IFNAME = 0, MAC = 1, INET = 2, INET6 = 3, UP = 4, DOWN = 5;
    private static final int OPER_DOWN = 2, OPER_UP = 6;

    private final String[] codes;

    Colour(String[] codes) {
        this.codes = codes;
    }

    /**
     * The palette for {@code -color=WHEN}: none with {@code -j} or {@code never}, or for
     * {@code auto} when standard output is no terminal.
     */
    static Colour choose(String when, boolean json, boolean terminal) {
        if (json || when.equals("never") || (when.equals("auto") && !terminal)) {
            return NONE;
        }
        return darkBackground(System.getenv("COLORFGBG")) ? DARK : LIGHT;
    }

    /** As iproute2 6.1 reads {@code COLORFGBG}: the last field 0-6 or 8 is a dark background. */
    static boolean darkBackground(String colorfgbg) {
        if (colorfgbg == null || colorfgbg.lastIndexOf(';') < 0) {
            return false;
        }
        String last = colorfgbg.substring(colorfgbg.lastIndexOf(';') + 1);
        return last.length() == 1 && ((last.charAt(0) >= '0' && last.charAt(0) <= '6') || last.charAt(0) == '8');
    }

    static boolean terminalIsStandardOutput() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    private String paint(int what, String text) {
        return codes == null ? text : codes[what] + text + CLEAR;
    }

    /** An interface name with what follows it ({@code "lo: "}, or the padded brief column). */
    String ifname(String text) {
        return paint(IFNAME, text);
    }

    /** A link-layer address. */
    String mac(String text) {
        return paint(MAC, text);
    }

    /** An IP address of {@code family}. */
    String inet(InetFamily family, String text) {
        return family == InetFamily.IPV6 ? paint(INET6, text) : paint(INET, text);
    }

    /** An operational state's word: green when up, red when down, plain otherwise. */
    String operState(Integer state, String text) {
        if (state != null && state == OPER_UP) {
            return paint(UP, text);
        }
        return state != null && state == OPER_DOWN ? paint(DOWN, text) : text;
    }
}
