package io.netns4j.cli;

import java.util.List;

/**
 * The options before the object, as {@code ip} takes them: {@code -n NAME}, {@code -j},
 * {@code -p}, {@code -all}, {@code -batch FILE}, {@code -force}, {@code -s} (twice for more),
 * {@code -d}, {@code -4}/{@code -6}/{@code -f FAMILY}, {@code -V}, {@code -h}. Like
 * {@code ip}, each may be abbreviated and written with one dash or two.
 *
 * @param rest the words after the options: object, command, arguments
 */
record GlobalOptions(String netns, boolean json, boolean pretty, boolean all, String batch, boolean force,
                     boolean version, boolean help, int stats, boolean details, String family, List<String> rest) {

    static GlobalOptions parse(List<String> args) throws UsageException {
        String netns = null;
        String batch = null;
        boolean json = false, pretty = false, all = false, force = false, version = false, help = false;
        boolean details = false;
        int stats = 0;
        String family = null;
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            if (a.equals("--")) {
                i++;
                break;
            }
            String opt = a.startsWith("--") ? a.substring(1) : a;
            if (opt.equals("-force")) {
                force = true;
                continue;
            }
            if (opt.equals("-4") || opt.equals("-6")) {
                family = opt.equals("-4") ? "inet" : "inet6";
                continue;
            }
            String word = Keywords.resolve(opt.substring(1), "family", "stats", "statistics", "details", "netns",
                    "json", "pretty", "all", "batch", "Version", "help");
            if (word == null) {
                throw new UsageException("Option \"" + a + "\" is unknown, try \"netns4j -help\".");
            }
            switch (word) {
                case "family" -> family = family(value(args, ++i, a, "a family: inet, inet6, link"));
                case "stats", "statistics" -> stats++;
                case "details" -> details = true;
                case "netns" -> netns = value(args, ++i, a, "a namespace name");
                case "json" -> json = true;
                case "pretty" -> pretty = true;
                case "all" -> all = true;
                case "batch" -> batch = value(args, ++i, a, "a file name, or - for standard input");
                case "Version" -> version = true;
                default -> help = true;
            }
        }
        return new GlobalOptions(netns, json, pretty, all, batch, force, version, help, stats, details, family,
                List.copyOf(args.subList(i, args.size())));
    }

    private static String family(String word) throws UsageException {
        return switch (word) {
            case "inet", "ipv4", "4" -> "inet";
            case "inet6", "ipv6", "6" -> "inet6";
            case "link" -> "link";
            default -> throw new UsageException("Unknown family \"" + word + "\": use inet, inet6 or link.");
        };
    }

    private static String value(List<String> args, int i, String option, String what) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException("Option \"" + option + "\" needs " + what + ".");
        }
        return args.get(i);
    }

    /** The same options with another namespace and other words, for a batch line. */
    GlobalOptions forLine(String lineNetns, List<String> words) {
        return new GlobalOptions(lineNetns != null ? lineNetns : netns, json, pretty, all, null, force, false, false,
                stats, details, family, words);
    }

    /**
     * {@code args} led by {@code -4} or {@code -6} when a global family was given, for the
     * commands whose parsers take the family as their first word ({@code route}, {@code rule}).
     */
    List<String> withFamilyWord(List<String> args) {
        if (family == null || family.equals("link")) {
            return args;
        }
        List<String> all = new java.util.ArrayList<>(args.size() + 1);
        all.add(family.equals("inet6") ? "-6" : "-4");
        all.addAll(args);
        return all;
    }

    /** The same options with JSON output on or off. */
    GlobalOptions withJson(boolean on) {
        return new GlobalOptions(netns, on, pretty, all, batch, force, version, help, stats, details, family, rest);
    }
}
