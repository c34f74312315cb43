package io.netns4j.cli;


import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code netns4j} command: {@code ip}'s syntax, done in-process over netlink.
 *
 * <pre>netns4j [OPTIONS] OBJECT COMMAND [ARGS...]
 * netns4j [OPTIONS] -batch FILE</pre>
 *
 * Exit status: 0 success, 1 an operation failed, 2 bad usage (nothing was changed).
 */
public final class Main {

    /** iproute2's objects in its matching order; null marks one netns4j does not offer yet. */
    private static final Map<String, ObjectCommand> OBJECTS = new LinkedHashMap<>();

    static {
        for (String ip : List.of("address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour",
                "ntable", "ntbl", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tuntap", "tap", "token",
                "tcpmetrics", "tcp_metrics", "monitor", "xfrm", "mroute", "mrule", "netns", "netconf", "vrf", "sr",
                "nexthop", "mptcp", "ioam", "stats", "help")) {
            OBJECTS.put(ip, null);
        }
        OBJECTS.put("address", new AddressCommand());
        OBJECTS.put("route", new RouteCommand());
        OBJECTS.put("rule", new RuleCommand());
        OBJECTS.put("neighbor", new NeighbourCommand());
        OBJECTS.put("neighbour", new NeighbourCommand());
        OBJECTS.put("link", new LinkCommand());
        OBJECTS.put("tuntap", new TuntapCommand());
        OBJECTS.put("tunnel", new TunnelCommand());
        OBJECTS.put("monitor", new MonitorCommand());
        OBJECTS.put("tap", new TuntapCommand());
        OBJECTS.put("netns", new NetnsCommand());
        OBJECTS.put("tc", new TcCommand());
        OBJECTS.put("demo", new DemoCommand());
        OBJECTS.put("lab", new LabCommand());
        OBJECTS.put("nft", new NftCommand());
        OBJECTS.put("iptables", new IptablesCommand());
        OBJECTS.put("ip6tables", new IptablesCommand());
        OBJECTS.put("iptables-save", new IptablesSaveCommand());
        OBJECTS.put("ip6tables-save", new IptablesSaveCommand());
        OBJECTS.put("iptables-restore", new IptablesSaveCommand());
        OBJECTS.put("ip6tables-restore", new IptablesSaveCommand());
    }

    static final String USAGE_TEXT = """
            Usage: netns4j [ OPTIONS ] OBJECT { COMMAND | help }
                   netns4j [ -force ] -batch FILE
            where  OBJECT := { link | address | route | rule | neighbour | tunnel | tuntap | monitor | netns | tc | nft |
                               iptables | ip6tables | iptables-save | iptables-restore | ip6tables-save |
                               ip6tables-restore | lab | demo }
                   OPTIONS := { -n[etns] NAME | -j[son] | -p[retty] | -s[tatistics] | -d[etails] | -4 | -6 |
                                -f[amily] { inet | inet6 | link } | -br[ief] | -o[neline] | -hu[man] |
                                -c[olor][={always|auto|never}] | -a[ll] | -V[ersion] | -h[elp] }
            A batch line may start with options too ("-n NAME -j -6 ..."): they apply to that line.""";

    private Main() {
    }

    /**
     * The command line's entry point. It ends the JVM with {@link Runtime#halt} once the output
     * is flushed: the command is done, netns4j registers no shutdown hook on these paths (only
     * {@code lab serve}, which ends by signal), and {@link System#exit} would first set up the
     * JDK's logging to report the exit (JDK 17+ {@code Runtime.exit} logging), about 14 ms of
     * a 150 ms command on a 2-core machine (bench/README.md, "Start-up of everyday commands").
     */
    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err, NetnsRegistry.system(), true);
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /** As {@link #main}'s command line, without ending the JVM: for the AOT training run. */
    static int runAsWholeProcess(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, NetnsRegistry.system(), true);
    }

    /** Runs one command line; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, NetnsRegistry.system());
    }

    static int run(List<String> args, PrintStream out, PrintStream err, NetnsRegistry registry) {
        return run(args, out, err, registry, false);
    }

    /**
     * @param wholeProcess this command line is the whole process (from {@link #main}, not a
     *        batch): {@code netns exec} may then replace the process with its command
     */
    private static int run(List<String> args, PrintStream out, PrintStream err, NetnsRegistry registry,
                           boolean wholeProcess) {
        GlobalOptions options;
        try {
            options = GlobalOptions.parse(args);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return ExitStatus.USAGE;
        }
        if (options.version()) {
            out.println("netns4j " + Version.NUMBER);
            return ExitStatus.OK;
        }
        if (options.help()) {
            out.println(USAGE_TEXT);
            return ExitStatus.OK;
        }
        if (options.batch() != null) {
            return Batch.run(options, out, err, registry, Main::execute);
        }
        if (options.rest().isEmpty()) {
            err.println(USAGE_TEXT);
            return ExitStatus.USAGE;
        }
        return execute(options, out, err, registry, null, wholeProcess);
    }

    /** Runs one command (the object and its words in {@code options.rest()}). */
    static int execute(GlobalOptions options, PrintStream out, PrintStream err, NetnsRegistry registry) {
        return execute(options, out, err, registry, null, false);
    }

    /** As above, reusing the namespace handles a batch keeps open. */
    static int execute(GlobalOptions options, PrintStream out, PrintStream err, NetnsRegistry registry,
                       OpenNamespaces shared) {
        return execute(options, out, err, registry, shared, false);
    }

    private static int execute(GlobalOptions options, PrintStream out, PrintStream err, NetnsRegistry registry,
                               OpenNamespaces shared, boolean wholeProcess) {
        try (Context ctx = new Context(options, out, err, registry, shared, Main::execute, wholeProcess)) {
            String word = options.rest().getFirst();
            if (word.equals("ip")) {
                throw new UsageException(strayIp(options));
            }
            String object = OBJECTS.containsKey(word) ? word // a full name wins: "tc" is not "tcpmetrics"
                    : OBJECTS.keySet().stream().filter(k -> Keywords.matches(word, k)).findFirst().orElse(null);
            if (object == null) {
                throw new UsageException("Object \"" + word + "\" is unknown, try \"netns4j help\".");
            }
            if ((object.equals("demo") || object.equals("lab")) && !object.equals(word)) {
                object = null; // never start these from an abbreviation: "d" is no way to ask for namespaces
                throw new UsageException("Object \"" + word + "\" is unknown, try \"netns4j help\".");
            }
            if (object.equals("help")) {
                out.println(USAGE_TEXT);
                return ExitStatus.OK;
            }
            ObjectCommand command = OBJECTS.get(object);
            if (command == null) {
                throw new UsageException("Object \"" + object + "\" is not supported by netns4j yet; supported: "
                        + String.join(", ", supported()) + ".");
            }
            List<String> words = options.rest().subList(1, options.rest().size());
            command.check(options, words);
            ctx.openSelected();
            return command.run(ctx, words);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return ExitStatus.USAGE;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitStatus.USAGE;
        } catch (NetnsException e) {
            err.println(e.getMessage());
            return ExitStatus.FAILED;
        }
    }

    /** The seed's "ip -n NS ip route ..." mistake: say what to write instead. */
    private static String strayIp(GlobalOptions options) {
        List<String> rest = options.rest().subList(1, options.rest().size());
        String fixed = "netns4j " + (options.netns() != null ? "-n " + options.netns() + " " : "") + String.join(" ", rest);
        return "Stray \"ip\": netns4j already stands for ip, so the object comes next. Write: " + fixed.strip();
    }

    private static List<String> supported() {
        return OBJECTS.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
    }
}
