package io.netns4j.firewall.iptables;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Table;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * iptables-nft 1.8.9 as the oracle, in twin namespaces: each case of
 * core/src/test/resources/iptables/oracle-ip.txt and oracle-ip6.txt is given to the real
 * {@code iptables} (or {@code ip6tables}) in one namespace and to netns4j in the other. When
 * both take it: the same {@code nft list ruleset}, the same real {@code iptables -S} and
 * {@code iptables-save} in both, netns4j reads both namespaces as the same rules, netns4j's own
 * {@code -S} and {@code -L -n -v} of either namespace print what the real {@code iptables -S}
 * and {@code iptables -L -n -v} print, and the real
 * {@code iptables -D} of the rule removes netns4j's rule. When iptables refuses it, netns4j
 * must refuse it too; netns4j may refuse a rule iptables takes (an extension it lacks), with
 * a message. A case is one or more commands separated by {@code ;;} (the last one is compared).
 */
@RequiresRoot
class IptablesNftOracleTest {
    private static final Scratch SCRATCH = new Scratch();
    private static String real;
    private static String ours;
    private static Netns oursNs;
    private static Netns realNs;

    @BeforeAll
    static void twins() throws Exception {
        real = SCRATCH.name("ipt-real");
        ours = SCRATCH.name("ipt-ours");
        realNs = NetnsRegistry.system().add(real);
        oursNs = NetnsRegistry.system().add(ours);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (Netns n : new Netns[] {oursNs, realNs}) {
            if (n != null) {
                n.close();
            }
        }
        SCRATCH.close();
    }

    @Test
    void ipv4RulesAgreeWithIptablesNft() throws Exception {
        check(Family.IP, "iptables", Path.of("core/src/test/resources/iptables/oracle-ip.txt"));
    }

    @Test
    void ipv6RulesAgreeWithIp6tablesNft() throws Exception {
        check(Family.IP6, "ip6tables", Path.of("core/src/test/resources/iptables/oracle-ip6.txt"));
    }

    private void check(Family family, String tool, Path cases) throws Exception {
        int same = 0;
        int refusedByBoth = 0;
        int refusedByUs = 0;
        List<String> failures = new ArrayList<>();
        List<String> ourRefusals = new ArrayList<>();
        for (String line : Files.readAllLines(cases)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            exec(real, "nft", "flush", "ruleset");
            exec(ours, "nft", "flush", "ruleset");
            String[] commands = line.split(" ;; ");
            Ip.Result theirs = null;
            String ourError = null;
            for (String command : commands) {
                theirs = exec(real, tool + " " + command);
                try {
                    IptablesCommandLine.parse(command, family).apply(Iptables.in(oursNs, family));
                    ourError = null;
                } catch (Exception e) {
                    ourError = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }
            String last = commands[commands.length - 1];
            if (theirs.exit() != 0 && ourError != null) {
                refusedByBoth++;
            } else if (theirs.exit() != 0) {
                failures.add(line + "\n    iptables refuses (" + theirs.err().strip() + ") but netns4j took it");
            } else if (ourError != null) {
                refusedByUs++;
                ourRefusals.add(line + "\n    " + ourError);
                if (ourError.isBlank()) {
                    failures.add(line + "\n    refused without a message");
                }
            } else {
                String problem = compare(family, tool, last);
                if (problem == null) {
                    same++;
                } else {
                    failures.add(line + "\n    " + problem);
                }
            }
        }
        String report = family + ": " + same + " rules written and read alike, " + refusedByBoth
                + " refused by both, " + refusedByUs + " refused by netns4j only, " + failures.size() + " failures";
        System.out.println("IptablesNftOracleTest " + report);
        ourRefusals.forEach(r -> System.out.println("  netns4j refuses: " + r));
        assertTrue(failures.isEmpty(), report + ":\n" + String.join("\n", failures));
        assertTrue(same + refusedByBoth >= 20, "too few cases compared: " + report);
    }

    /** Null when both namespaces agree on every view of the rule; else what differs. */
    private static String compare(Family family, String tool, String command) throws Exception {
        for (String table : List.of("filter", "nat")) {
            String a = expressions(new IptablesNetlink(realNs, family), table);
            String b = expressions(new IptablesNetlink(oursNs, family), table);
            if (!a.equals(b)) {
                return "the kernel holds different expressions:\n--- iptables\n" + a + "\n--- netns4j\n" + b;
            }
        }
        for (String[] view : List.of(new String[] {"nft", "list", "ruleset"}, new String[] {tool + "-save"},
                new String[] {tool, "-S"}, new String[] {tool, "-t", "nat", "-S"})) {
            String a = scrub(exec(real, view).out());
            String b = scrub(exec(ours, view).out());
            if (!a.equals(b)) {
                return String.join(" ", view) + " differs:\n--- iptables wrote\n" + a + "--- netns4j wrote\n" + b;
            }
        }
        for (String table : List.of("filter", "nat")) {
            Table theirs = Iptables.in(realNs, family).list(table);
            Table mine = Iptables.in(oursNs, family).list(table);
            if (!withoutCounts(theirs).equals(withoutCounts(mine))) {
                return "netns4j reads the two differently:\n" + theirs + "\n" + mine;
            }
            String listed = exec(real, tool, "-t", table, "-S").out();
            String table2 = exec(real, tool, "-t", table, "-L", "-n", "-v").out();
            for (Table t : List.of(theirs, mine)) {
                String printed = listRules(t, family);
                if (!printed.equals(listed)) {
                    return "netns4j's own -t " + table + " -S of " + (t == theirs ? "iptables'" : "its")
                            + " rule differs:\n--- " + tool + " -S\n" + listed + "--- netns4j -S\n" + printed;
                }
                String shown = list(t, family);
                if (!shown.equals(table2)) {
                    return "netns4j's own -t " + table + " -L -n -v of " + (t == theirs ? "iptables'" : "its")
                            + " rule differs:\n--- " + tool + " -L -n -v\n" + table2 + "--- netns4j -L -n -v\n" + shown;
                }
            }
        }
        if (command.matches("(-t \\w+ )?-A .*")) {
            String spec = command.replaceFirst("-A ", "-D ");
            Ip.Result d = exec(ours, tool + " " + spec);
            if (d.exit() != 0) {
                return "the real " + tool + " " + spec + " fails on netns4j's rule: " + d.err().strip();
            }
            String left = exec(ours, tool + "-save").out();
            if (left.lines().anyMatch(l -> l.startsWith("-A "))) {
                return tool + " -D left a rule: " + left;
            }
        }
        return null;
    }

    private static String expressions(IptablesNetlink n, String table) throws Exception {
        StringBuilder b = new StringBuilder();
        try {
            for (var r : n.rawRules(table)) {
                b.append(r.chain()).append(' ').append(r.expressions().stream()
                        .map(e -> e instanceof io.netns4j.internal.netlink.nft.NftExpression.Counter ? "counter" : e.toString())
                        .toList()).append('\n');
            }
        } catch (io.netns4j.error.NotFoundException e) {
            b.append("no table");
        }
        return b.toString();
    }

    /** netns4j's {@code iptables -S} of a whole table, as its CLI prints it. */
    private static String listRules(Table t, Family family) {
        IptablesText text = new IptablesText(family);
        StringBuilder b = new StringBuilder();
        t.chains().forEach(c -> b.append(text.saveChain(c, false)).append('\n'));
        t.chains().forEach(c -> c.rules().forEach(r -> b.append(text.saveRule(c.name(), r, false)).append('\n')));
        return b.toString();
    }

    /** netns4j's {@code iptables -L -n -v} of a whole table, as its CLI prints it. */
    private static String list(Table t, Family family) {
        IptablesText text = new IptablesText(family);
        IptablesText.Format f = new IptablesText.Format(true, true, false, false);
        StringBuilder b = new StringBuilder();
        for (var c : t.chains()) {
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append(text.header(c, t, f)).append('\n');
            for (int i = 0; i < c.rules().size(); i++) {
                b.append(text.listRule(i + 1, c.rules().get(i).withoutCounts(), f)).append('\n');
            }
        }
        return b.toString();
    }

    private static String withoutCounts(Table t) {
        StringBuilder b = new StringBuilder();
        t.chains().forEach(c -> b.append(c.name()).append(c.hook()).append(c.rules().stream()
                .map(r -> r.withoutCounts().toString()).toList()).append('\n'));
        return b.toString();
    }

    /** Drops what differs between any two namespaces: save headers' dates, counters. */
    private static String scrub(String s) {
        StringBuilder b = new StringBuilder();
        for (String l : s.lines().toList()) {
            if (l.startsWith("# ")) {
                continue;
            }
            b.append(l.replaceAll("\\[\\d+:\\d+\\]", "[0:0]")).append('\n');
        }
        return b.toString();
    }

    private static Ip.Result exec(String ns, String commandLine) {
        List<String> words = new ArrayList<>(List.of("ip", "netns", "exec", ns, "sh", "-c", commandLine));
        return Ip.run(Map.of(), words.toArray(String[]::new));
    }

    private static Ip.Result exec(String ns, String... command) {
        List<String> words = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        words.addAll(List.of(command));
        return Ip.run(Map.of(), words.toArray(String[]::new));
    }
}
