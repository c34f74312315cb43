package io.netns4j.cli;

import io.netns4j.NetnsException;
import io.netns4j.NotFoundException;
import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Iptables;
import io.netns4j.firewall.IptablesLayout;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;

import java.util.List;

/**
 * {@code netns4j [-n NAME] iptables|ip6tables ...}: iptables' commands and its common rule
 * options, done in nftables with iptables-nft's layout (see {@link Iptables}), so that
 * {@code nft list ruleset} shows ordinary rules. Everything is parsed before anything is
 * read or changed; an option outside the subset is refused by name (exit 2).
 */
final class IptablesCommand implements ObjectCommand {
    private static final String COMMANDS = "-A -C -D -I -R -L -S -F -Z -N -X -P";
    private static final int ENOENT = 2;

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        String program = program(options.rest().getFirst());
        parse(args, family(program), program);
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        String program = program(ctx.options.rest().getFirst());
        Family family = family(program);
        Parsed p = parse(args, family, program);
        if (p.command.equals("-h")) {
            ctx.out.println(usage(program));
            return Main.OK;
        }
        if (p.command.equals("-V")) {
            ctx.out.println(program + " (netns4j " + Main.VERSION + ", nf_tables via libnftables)");
            return Main.OK;
        }
        Iptables ipt = Iptables.in(ctx.namespace(), family);
        try {
            return execute(ctx, ipt, p, program);
        } catch (IllegalArgumentException e) {
            ctx.err.println(program + ": " + e.getMessage() + ".");
            return Main.USAGE;
        } catch (NetnsException e) {
            ctx.err.println(program + ": " + e.getMessage() + (e.getMessage().endsWith(".") ? "" : "."));
            return Main.FAILED;
        }
    }

    /** iptables or ip6tables, from the object word (which may be abbreviated). */
    private static String program(String object) {
        return Keywords.matches(object, "ip6tables") && !Keywords.matches(object, "iptables") ? "ip6tables" : "iptables";
    }

    private static Family family(String program) {
        return program.equals("ip6tables") ? Family.IP6 : Family.IP;
    }

    /** One command line, parsed. */
    static final class Parsed {
        String command;
        String chain;
        Integer number;
        String policy;
        String table = "filter";
        boolean numeric;
        boolean verbose;
        boolean exact;
        boolean lineNumbers;
        IptablesRuleSpec spec;
        Rule rule;
    }

    static Parsed parse(List<String> args, Family family, String program) throws UsageException {
        Parsed p = new Parsed();
        p.spec = new IptablesRuleSpec(family, program);
        IptablesTokens t = new IptablesTokens(args, program);
        boolean negated = false;
        while (t.more()) {
            String a = t.next();
            if (a.equals("!")) {
                if (negated) {
                    throw new UsageException(program + ": multiple \"!\" flags not allowed");
                }
                negated = true;
                continue;
            }
            String command = command(a);
            if (command != null) {
                if (negated) {
                    throw new UsageException(program + ": unexpected ! flag before " + a);
                }
                if (p.command != null) {
                    throw new UsageException(program + ": only one command at a time: " + p.command + " and " + a);
                }
                p.command = command;
                commandArguments(p, t, program);
                continue;
            }
            switch (a) {
                case "-t", "--table" -> p.table = t.value(a, "filter or nat");
                case "-n", "--numeric" -> p.numeric = true;
                case "-v", "--verbose" -> p.verbose = true;
                case "-x", "--exact" -> p.exact = true;
                case "--line-numbers" -> p.lineNumbers = true;
                case "-w", "--wait" -> t.optionalNumber(); // nftables needs no xtables lock
                case "-W", "--wait-interval" -> t.value(a, "microseconds");
                case "-4", "--ipv4", "-6", "--ipv6" -> {
                    if (a.contains("6") != (family == Family.IP6)) {
                        throw new UsageException(program + ": " + a + " does not fit " + program);
                    }
                }
                default -> {
                    if (!a.startsWith("-") || !p.spec.option(a, negated, t)) {
                        throw new UsageException(program + ": Bad argument \"" + a + "\"" + (a.startsWith("-")
                                ? "" : " (commands: " + COMMANDS + ")"));
                    }
                }
            }
            negated = false;
        }
        if (negated) {
            throw new UsageException(program + ": \"!\" at the end: it must come before an option");
        }
        if (p.command == null) {
            throw new UsageException(program + ": no command specified (" + COMMANDS + "); try \"netns4j " + program
                    + " -h\"");
        }
        if (!p.command.equals("-h") && !p.command.equals("-V")) {
            checkShape(p, program);
        }
        return p;
    }

    private static String command(String a) {
        return switch (a) {
            case "-A", "--append" -> "-A";
            case "-C", "--check" -> "-C";
            case "-D", "--delete" -> "-D";
            case "-I", "--insert" -> "-I";
            case "-R", "--replace" -> "-R";
            case "-L", "--list" -> "-L";
            case "-S", "--list-rules" -> "-S";
            case "-F", "--flush" -> "-F";
            case "-Z", "--zero" -> "-Z";
            case "-N", "--new-chain", "--new" -> "-N";
            case "-X", "--delete-chain" -> "-X";
            case "-P", "--policy" -> "-P";
            case "-E", "--rename-chain" -> "-E";
            case "-h", "--help" -> "-h";
            case "-V", "--version" -> "-V";
            default -> null;
        };
    }

    private static void commandArguments(Parsed p, IptablesTokens t, String program) throws UsageException {
        switch (p.command) {
            case "-A", "-C", "-N" -> p.chain = t.value(p.command, "a chain");
            case "-D" -> {
                p.chain = t.value(p.command, "a chain");
                p.number = t.optionalNumber();
            }
            case "-I" -> {
                p.chain = t.value(p.command, "a chain");
                p.number = t.optionalNumber();
                if (p.number == null) {
                    p.number = 1;
                }
            }
            case "-R" -> {
                p.chain = t.value(p.command, "a chain");
                p.number = t.optionalNumber();
                if (p.number == null) {
                    throw new UsageException(program + ": -R needs a rule number: -R CHAIN NUMBER RULE");
                }
            }
            case "-L", "-S" -> {
                p.chain = t.optional();
                p.number = p.chain == null ? null : t.optionalNumber();
            }
            case "-F", "-X" -> p.chain = t.optional();
            case "-Z" -> {
                p.chain = t.optional();
                if (p.chain != null && t.optionalNumber() != null) {
                    throw new UsageException(program + ": zeroing one rule (-Z CHAIN NUMBER) is not supported by"
                            + " netns4j; use -Z CHAIN");
                }
            }
            case "-P" -> {
                p.chain = t.value(p.command, "a chain");
                p.policy = t.value(p.command, "ACCEPT or DROP");
            }
            case "-E" -> throw new UsageException(program + ": renaming chains (-E) is not supported by netns4j");
            default -> {
            }
        }
    }

    /** Which commands take a rule, and the rule's own checks; all before any system call. */
    private static void checkShape(Parsed p, String program) throws UsageException {
        boolean takesRule = switch (p.command) {
            case "-A", "-C", "-I", "-R" -> true;
            case "-D" -> p.number == null;
            default -> false;
        };
        String first = p.spec.firstOption();
        if (!takesRule && first != null) {
            throw new UsageException(program + ": Illegal option \"" + first + "\" with this command ("
                    + p.command + ")");
        }
        if (takesRule) {
            p.rule = p.spec.build();
        }
        if (p.number != null && p.number < 1 && !p.command.equals("-L") && !p.command.equals("-S")) {
            throw new UsageException(program + ": Invalid rule number \"" + p.number + "\": rules count from 1");
        }
        try {
            IptablesLayout.builtinChains(p.table);
        } catch (IllegalArgumentException e) {
            throw new UsageException(program + ": " + e.getMessage());
        }
        if (p.command.equals("-P") && !p.policy.equals("ACCEPT") && !p.policy.equals("DROP")) {
            throw new UsageException(program + ": Bad policy name \"" + p.policy + "\": ACCEPT or DROP");
        }
    }

    private static int execute(Context ctx, Iptables ipt, Parsed p, String program) throws NetnsException {
        switch (p.command) {
            case "-A" -> ipt.append(p.table, p.chain, p.rule);
            case "-I" -> ipt.insert(p.table, p.chain, p.number, p.rule);
            case "-R" -> ipt.replace(p.table, p.chain, p.number, p.rule);
            case "-D" -> {
                if (p.number != null) {
                    ipt.delete(p.table, p.chain, p.number);
                } else {
                    ipt.delete(p.table, p.chain, p.rule);
                }
            }
            case "-C" -> {
                if (!ipt.contains(p.table, p.chain, p.rule)) {
                    ctx.err.println(program + ": Bad rule (does a matching rule exist in that chain?).");
                    return Main.FAILED;
                }
            }
            case "-F" -> ipt.flush(p.table, p.chain);
            case "-Z" -> ipt.zero(p.table, p.chain);
            case "-N" -> ipt.newChain(p.table, p.chain);
            case "-X" -> ipt.deleteChain(p.table, p.chain);
            case "-P" -> ipt.policy(p.table, p.chain, Policy.valueOf(p.policy));
            case "-S" -> listRules(ctx, ipt, p);
            default -> list(ctx, ipt, p);
        }
        return Main.OK;
    }

    private static Table tableWith(Iptables ipt, Parsed p) throws NetnsException {
        Table table = ipt.list(p.table);
        if (p.chain != null && table.chain(p.chain).isEmpty()) {
            throw new NotFoundException("No chain/target/match by that name: chain " + p.chain
                    + " does not exist in table " + p.table, ENOENT, null);
        }
        return table;
    }

    private static void listRules(Context ctx, Iptables ipt, Parsed p) throws NetnsException {
        Table table = tableWith(ipt, p);
        IptablesText text = new IptablesText(ipt.family());
        List<Chain> chains = table.chains().stream().filter(c -> p.chain == null || c.name().equals(p.chain)).toList();
        if (p.number == null) {
            for (Chain c : chains) {
                ctx.out.println(text.saveChain(c, p.verbose));
            }
        }
        for (Chain c : chains) {
            for (int i = 0; i < c.rules().size(); i++) {
                if (p.number == null || p.number == i + 1) {
                    ctx.out.println(text.saveRule(c.name(), c.rules().get(i), p.verbose));
                }
            }
        }
    }

    private static void list(Context ctx, Iptables ipt, Parsed p) throws NetnsException {
        Table table = tableWith(ipt, p);
        IptablesText text = new IptablesText(ipt.family());
        IptablesText.Format f = new IptablesText.Format(p.numeric, p.verbose, p.exact, p.lineNumbers);
        boolean first = true;
        for (Chain c : table.chains()) {
            if (p.chain != null && !c.name().equals(p.chain)) {
                continue;
            }
            if (p.number == null) {
                if (!first) {
                    ctx.out.println();
                }
                first = false;
                ctx.out.println(text.header(c, table, f));
            }
            for (int i = 0; i < c.rules().size(); i++) {
                if (p.number == null || p.number == i + 1) {
                    ctx.out.println(text.listRule(i + 1, c.rules().get(i), f));
                }
            }
        }
    }

    private static String usage(String program) {
        return "Usage: netns4j [-n NAME] " + program + " [-t filter|nat] COMMAND [RULE]\n"
                + "Commands: -A CHAIN RULE | -I CHAIN [N] RULE | -R CHAIN N RULE | -D CHAIN N|RULE | -C CHAIN RULE\n"
                + "          -L [CHAIN [N]] [-n] [-v] [-x] [--line-numbers] | -S [CHAIN [N]] [-v] | -F [CHAIN]\n"
                + "          -Z [CHAIN] | -N CHAIN | -X [CHAIN] | -P CHAIN ACCEPT|DROP\n"
                + "RULE:     " + IptablesRuleSpec.SUPPORTED + "\n"
                + "Rules go to nftables in iptables-nft's layout (table " + (program.equals("ip6tables") ? "ip6" : "ip")
                + " filter/nat); see them with \"netns4j nft list ruleset\".";
    }
}
