package io.netns4j.cli;

import io.netns4j.error.NetnsException;
import io.netns4j.firewall.Firewall;
import io.netns4j.firewall.NftOption;
import io.netns4j.firewall.NftResult;
import io.netns4j.firewall.NftablesException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code netns4j [-n NAME] nft [OPTIONS] COMMANDS | -f FILE}: the nft command language
 * (add, insert, replace, delete, list, flush of tables, chains, rules, sets, maps, ...),
 * run by libnftables inside the namespace, as {@code ip netns exec NAME nft ...} would.
 * Options come first, as with nft; the words after them are joined into one command line.
 * Exit status: 0, 1 when nft refused the commands (its error text is printed), 2 for bad
 * options.
 */
final class NftCommand implements ObjectCommand {
    static final String USAGE = """
            Usage: netns4j [-n NAME] nft [ OPTIONS ] [ -f FILE | COMMANDS ]
            Options (as nft's):
              -f, --file FILE            read commands from FILE ("-" for standard input)
              -c, --check                check only, change nothing
              -j, --json                 JSON output (netns4j -j and -p work too)
              -a, --handle               show rule handles
              -e, --echo                 echo what was added, inserted or replaced
              -s, --stateless            omit stateful information (counters)
              -t, --terse                omit the contents of sets
              -n, --numeric              numeric output everywhere
              -S, --service, -N, --reversedns, -u, --guid, -y, --numeric-priority,
              -p, --numeric-protocol, -T, --numeric-time
            Examples: netns4j -n blue nft list ruleset
                      netns4j -n blue nft add rule ip filter INPUT tcp dport 22 accept""";

    /** What the words ask for: help, the version, or commands (or a file) with options. */
    private record Request(String action, Set<NftOption> options, String file, String commands) {
    }

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        parse(args, options.json());
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        Request r = parse(args, ctx.json());
        if (r.action != null) {
            ctx.out.println(r.action);
            return ExitStatus.OK;
        }
        Firewall fw = Firewall.in(ctx.namespace());
        NftOption[] opts = r.options.toArray(NftOption[]::new);
        NftResult result;
        try {
            if (r.file == null) {
                result = fw.run(r.commands, opts);
            } else if (r.file.equals("-")) {
                result = fw.run(readStdin(), opts);
            } else {
                result = fw.runFile(Path.of(r.file), opts);
            }
        } catch (NftablesException e) {
            ctx.err.println(e.getMessage());
            return ExitStatus.FAILED;
        }
        if (!result.messages().isBlank()) {
            ctx.err.print(result.messages());
        }
        print(ctx, result.output(), r.options.contains(NftOption.JSON));
        return ExitStatus.OK;
    }

    /** nft's options come first (getopt with "+"); the words after them are the commands. */
    private static Request parse(List<String> args, boolean json) throws UsageException {
        Set<NftOption> options = EnumSet.noneOf(NftOption.class);
        if (json) {
            options.add(NftOption.JSON);
        }
        String file = null;
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
            switch (a) {
                case "-h", "--help" -> {
                    return new Request(USAGE, options, null, null);
                }
                case "-v", "--version" -> {
                    return new Request("netns4j " + Version.NUMBER + " nft (libnftables)", options, null, null);
                }
                case "-f", "--file" -> {
                    if (++i >= args.size()) {
                        throw new UsageException("nft: option \"" + a + "\" needs a file name, or - for standard input.");
                    }
                    file = args.get(i);
                }
                case "-i", "--interactive" -> throw new UsageException(
                        "nft: interactive mode (-i) is not supported by netns4j; give commands or -f FILE.");
                default -> options.add(option(a));
            }
        }
        List<String> words = args.subList(i, args.size());
        if (file != null && !words.isEmpty()) {
            throw new UsageException("nft: give either -f FILE or commands, not both (extra \"" + words.getFirst() + "\").");
        }
        if (file == null && words.isEmpty()) {
            throw new UsageException(USAGE);
        }
        return new Request(null, options, file, file == null ? String.join(" ", words) : null);
    }

    private static NftOption option(String a) throws UsageException {
        return switch (a) {
            case "-c", "--check" -> NftOption.DRY_RUN;
            case "-j", "--json" -> NftOption.JSON;
            case "-a", "--handle" -> NftOption.HANDLE;
            case "-e", "--echo" -> NftOption.ECHO;
            case "-s", "--stateless" -> NftOption.STATELESS;
            case "-t", "--terse" -> NftOption.TERSE;
            case "-n", "--numeric" -> NftOption.NUMERIC;
            case "-S", "--service" -> NftOption.SERVICE;
            case "-N", "--reversedns" -> NftOption.REVERSE_DNS;
            case "-u", "--guid" -> NftOption.GUID;
            case "-y", "--numeric-priority" -> NftOption.NUMERIC_PRIORITY;
            case "-p", "--numeric-protocol" -> NftOption.NUMERIC_PROTOCOL;
            case "-T", "--numeric-time" -> NftOption.NUMERIC_TIME;
            default -> throw new UsageException("nft: option \"" + a + "\" is unknown or not supported by netns4j,"
                    + " try \"netns4j nft --help\".");
        };
    }

    private static void print(Context ctx, String output, boolean json) {
        if (output.isEmpty()) {
            return;
        }
        if (json && ctx.options.pretty()) {
            for (String line : output.split("\n")) {
                if (!line.isBlank()) {
                    ctx.out.println(pretty(line.strip()));
                }
            }
            return;
        }
        ctx.out.print(output);
        if (!output.endsWith("\n")) {
            ctx.out.println();
        }
    }

    /** Indents compact JSON as {@code -p} does elsewhere (four spaces, {@code "key": value}). */
    static String pretty(String json) {
        StringBuilder sb = new StringBuilder(json.length() * 2);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                sb.append(c);
                if (c == '\\') {
                    sb.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    sb.append(c);
                }
                case '{', '[' -> {
                    char close = c == '{' ? '}' : ']';
                    int next = i + 1;
                    while (next < json.length() && json.charAt(next) == ' ') {
                        next++;
                    }
                    if (next < json.length() && json.charAt(next) == close) {
                        sb.append(c).append(close);
                        i = next;
                    } else {
                        sb.append(c).append('\n').append("    ".repeat(++depth));
                    }
                }
                case '}', ']' -> sb.append('\n').append("    ".repeat(--depth)).append(c);
                case ',' -> sb.append(",\n").append("    ".repeat(depth));
                case ':' -> sb.append(": ");
                case ' ', '\t', '\n', '\r' -> { }
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String readStdin() throws UsageException {
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("nft: cannot read standard input: " + e.getMessage());
        }
    }
}
