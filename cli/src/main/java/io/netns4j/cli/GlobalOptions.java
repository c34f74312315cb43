package io.netns4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The options before the object, as {@code ip} takes them: {@code -n NAME}, {@code -j},
 * {@code -p}, {@code -all}, {@code -batch FILE}, {@code -force}, {@code -s} (twice for more),
 * {@code -d}, {@code -4}/{@code -6}/{@code -f FAMILY}, {@code -br[ief]}, {@code -o[neline]},
 * {@code -c[olor][=always|auto|never]}, {@code -human}, {@code -V}, {@code -h}. Like
 * {@code ip}, each may be abbreviated and written with one dash or two, and abbreviations
 * resolve in ip's order ({@code -b} is {@code -batch}, {@code -br} {@code -brief}).
 *
 * @param stats   how many times {@code -s} was given
 * @param colour  {@code -c}: colour the text ({@link Colour#NONE} when off)
 * @param human   {@code -human}: counters in k/M/G ({@code ip -h}; here {@code -h} is help, {@code -hu} human)
 * @param rest    the words after the options: object, command, arguments
 */
record GlobalOptions(String netns, boolean json, boolean pretty, boolean all, String batch, boolean force,
                     boolean version, boolean help, int stats, boolean details, String family, boolean brief,
                     boolean oneline, Colour colour, boolean human, List<String> rest) {

    /** Options with nothing set: the caller's namespace, text output. */
    static GlobalOptions plain(String netns, List<String> words) {
        return new GlobalOptions(netns, false, false, false, null, false, false, false, 0, false, null, false,
                false, Colour.NONE, false, words);
    }

    static GlobalOptions parse(List<String> args) throws UsageException {
        return parse(args, Colour.terminalIsStandardOutput());
    }

    /** @param terminal standard output is a terminal (for {@code -color=auto}) */
    static GlobalOptions parse(List<String> args, boolean terminal) throws UsageException {
        Parsed p = new Parsed();
        int i = p.read(args, 0, true);
        return p.options(List.copyOf(args.subList(i, args.size())), terminal);
    }

    /**
     * The options a batch line starts with ({@code -n NS -j -6 -d ...}), on top of the batch's
     * own: a line's {@code -n} and family replace the batch's, its other options add to them.
     * {@code -batch}, {@code -all}, {@code -force}, {@code -V} and {@code -h} are refused there.
     */
    GlobalOptions forLine(List<String> lineWords) throws UsageException {
        Parsed p = new Parsed();
        int i = p.read(lineWords, 0, false);
        List<String> words = List.copyOf(lineWords.subList(i, lineWords.size()));
        if (words.isEmpty() && i > 0) {
            throw new UsageException("Nothing to run after \"" + String.join(" ", lineWords) + "\".");
        }
        Colour c = p.colour != null ? Colour.choose(p.colour, p.json || json, colour != Colour.NONE) : colour;
        return new GlobalOptions(p.netns != null ? p.netns : netns, json || p.json, pretty || p.pretty, all, null,
                force, false, false, Math.max(stats, p.stats), details || p.details,
                p.family != null ? p.family : family, brief || p.brief, oneline || p.oneline,
                json || p.json ? Colour.NONE : c, human || p.human, words);
    }

    /** The options as read, before they become a record. */
    private static final class Parsed {
        String netns, batch, family, colour;
        boolean json, pretty, all, force, version, help, details, brief, oneline, human;
        int stats;

        int read(List<String> args, int i, boolean whole) throws UsageException {
            for (; i < args.size(); i++) {
                String a = args.get(i);
                if (!a.startsWith("-") || a.equals("-")) {
                    break;
                }
                if (a.equals("--")) {
                    return i + 1;
                }
                String opt = a.startsWith("--") ? a.substring(1) : a;
                if (opt.equals("-4") || opt.equals("-6")) {
                    family = opt.equals("-4") ? "inet" : "inet6";
                    continue;
                }
                if (opt.equals("-0")) {
                    family = "link";
                    continue;
                }
                String name = opt.substring(1);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                // ip's order: -b is -batch, -br -brief, -c -color, -o -oneline, -a -all; but -h is
                // help here (ip reads it as -human, which is -hu here)
                String word = Keywords.resolve(name, "family", "help", "human", "human-readable", "stats", "statistics",
                        "details", "oneline", "Version", "force", "batch", "brief", "json", "pretty", "color",
                        "colour", "help", "netns", "all");
                if (word == null || (value != null && !word.startsWith("colo"))) {
                    throw new UsageException("Option \"" + a + "\" is unknown, try \"netns4j -help\".");
                }
                if (!whole && List.of("Version", "force", "batch", "help", "all").contains(word)) {
                    throw new UsageException("Option \"" + a + "\" cannot start a batch line: give it before"
                            + " -batch, on the command line.");
                }
                switch (word) {
                    case "family" -> family = family(value(args, ++i, a, "a family: inet, inet6, link"));
                    case "human", "human-readable" -> human = true;
                    case "stats", "statistics" -> stats++;
                    case "details" -> details = true;
                    case "oneline" -> oneline = true;
                    case "Version" -> version = true;
                    case "force" -> force = true;
                    case "batch" -> batch = value(args, ++i, a, "a file name, or - for standard input");
                    case "brief" -> brief = true;
                    case "json" -> json = true;
                    case "pretty" -> pretty = true;
                    case "color", "colour" -> colour = colourWord(value, a);
                    case "netns" -> netns = value(args, ++i, a, "a namespace name");
                    case "all" -> all = true;
                    default -> help = true;
                }
            }
            return i;
        }

        GlobalOptions options(List<String> rest, boolean terminal) {
            Colour c = colour == null ? Colour.NONE : Colour.choose(colour, json, terminal);
            return new GlobalOptions(netns, json, pretty, all, batch, force, version, help, stats, details, family,
                    brief, oneline, c, human, rest);
        }
    }

    private static String colourWord(String value, String option) throws UsageException {
        if (value == null || value.isEmpty()) {
            return "always";
        }
        if (!List.of("always", "auto", "never").contains(value)) {
            throw new UsageException("Option \"" + option + "\" takes always, auto or never, not \"" + value + "\".");
        }
        return value;
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

    /**
     * {@code args} led by {@code -4} or {@code -6} when a global family was given, for the
     * commands whose parsers take the family as their first word ({@code route}, {@code rule}).
     */
    List<String> withFamilyWord(List<String> args) {
        if (family == null || family.equals("link")) {
            return args;
        }
        List<String> all = new ArrayList<>(args.size() + 1);
        all.add(family.equals("inet6") ? "-6" : "-4");
        all.addAll(args);
        return all;
    }

    /** The same options with {@code -s} given {@code count} times. */
    GlobalOptions withStats(int count) {
        return new GlobalOptions(netns, json, pretty, all, batch, force, version, help, count, details, family, brief,
                oneline, colour, human, rest);
    }

    /** The same options with JSON output on or off. */
    GlobalOptions withJson(boolean on) {
        return new GlobalOptions(netns, on, pretty, all, batch, force, version, help, stats, details, family, brief,
                oneline, on ? Colour.NONE : colour, human, rest);
    }
}
