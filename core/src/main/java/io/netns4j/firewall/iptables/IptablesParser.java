package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Family;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.Rule;

import java.util.List;

/**
 * The words of one iptables command line to an {@link IptablesCommandLine}: the command and
 * its arguments, the table, the listing flags, and the rule (through {@link IptablesRuleSpec}).
 * Every check is made here, before anything is read or changed; an option outside netns4j's
 * subset is refused by name.
 */
final class IptablesParser {
    static final String COMMANDS = "-A -C -D -I -R -L -S -F -Z -N -X -P";

    private final Family family;
    private final String program;
    private final IptablesRuleSpec spec;
    private String command;
    private String chain;
    private Integer number;
    private String policy;
    private String table = "filter";
    private boolean numeric;
    private boolean verbose;
    private boolean exact;
    private boolean lineNumbers;

    private IptablesParser(Family family) {
        this.family = family;
        this.program = IptablesCommandLine.program(family);
        this.spec = new IptablesRuleSpec(family, program);
    }

    /** A refusal: {@code PROGRAM: TEXT}. */
    private IptablesSyntaxException syntax(String text) {
        return new IptablesSyntaxException(program + ": " + text);
    }

    static IptablesCommandLine parse(List<String> args, Family family) throws IptablesSyntaxException {
        return new IptablesParser(family).parse(args);
    }

    private IptablesCommandLine parse(List<String> args) throws IptablesSyntaxException {
        IptablesTokens t = new IptablesTokens(args, program);
        boolean negated = false;
        while (t.more()) {
            String a = t.next();
            if (a.equals("!")) {
                if (negated) {
                    throw syntax("multiple \"!\" flags not allowed");
                }
                negated = true;
                continue;
            }
            String c = command(a);
            if (c != null) {
                if (negated) {
                    throw syntax("unexpected ! flag before " + a);
                }
                if (command != null) {
                    throw syntax("only one command at a time: " + command + " and " + a);
                }
                command = c;
                commandArguments(t);
                continue;
            }
            switch (a) {
                case "-t", "--table" -> table = t.value(a, "filter or nat");
                case "-n", "--numeric" -> numeric = true;
                case "-v", "--verbose" -> verbose = true;
                case "-x", "--exact" -> exact = true;
                case "--line-numbers" -> lineNumbers = true;
                case "-w", "--wait" -> t.optionalNumber(); // nftables needs no xtables lock
                case "-W", "--wait-interval" -> t.value(a, "microseconds");
                case "-4", "--ipv4", "-6", "--ipv6" -> {
                    if (a.contains("6") != (family == Family.IP6)) {
                        throw syntax(a + " does not fit " + program);
                    }
                }
                default -> {
                    if (!a.startsWith("-") || !spec.option(a, negated, t)) {
                        throw syntax("Bad argument \"" + a + "\"" + (a.startsWith("-")
                                ? "" : " (commands: " + COMMANDS + ")"));
                    }
                }
            }
            negated = false;
        }
        if (negated) {
            throw syntax("\"!\" at the end: it must come before an option");
        }
        if (command == null) {
            throw syntax("no command specified (" + COMMANDS + "); try \"netns4j "
                    + program + " -h\"");
        }
        Rule rule = null;
        if (!command.equals("-h") && !command.equals("-V")) {
            rule = checkShape();
        }
        return new IptablesCommandLine(family, IptablesCommandLine.Command.of(command), table, chain, number,
                policy == null ? null : Policy.valueOf(policy), rule,
                new IptablesText.Format(numeric, verbose, exact, lineNumbers));
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

    private void commandArguments(IptablesTokens t) throws IptablesSyntaxException {
        switch (command) {
            case "-A", "-C", "-N" -> chain = t.value(command, "a chain");
            case "-D" -> {
                chain = t.value(command, "a chain");
                number = t.optionalNumber();
            }
            case "-I" -> {
                chain = t.value(command, "a chain");
                number = t.optionalNumber();
                if (number == null) {
                    number = 1;
                }
            }
            case "-R" -> {
                chain = t.value(command, "a chain");
                number = t.optionalNumber();
                if (number == null) {
                    throw syntax("-R needs a rule number: -R CHAIN NUMBER RULE");
                }
            }
            case "-L", "-S" -> {
                chain = t.optional();
                number = chain == null ? null : t.optionalNumber();
            }
            case "-F", "-X" -> chain = t.optional();
            case "-Z" -> {
                chain = t.optional();
                if (chain != null && t.optionalNumber() != null) {
                    throw syntax("zeroing one rule (-Z CHAIN NUMBER) is not supported"
                            + " by netns4j; use -Z CHAIN");
                }
            }
            case "-P" -> {
                chain = t.value(command, "a chain");
                policy = t.value(command, "ACCEPT or DROP");
            }
            case "-E" -> throw syntax("renaming chains (-E) is not supported by"
                    + " netns4j");
            default -> {
            }
        }
    }

    /** Which commands take a rule, and the rule's own checks; returns the rule, or null. */
    private Rule checkShape() throws IptablesSyntaxException {
        boolean takesRule = switch (command) {
            case "-A", "-C", "-I", "-R" -> true;
            case "-D" -> number == null;
            default -> false;
        };
        String first = spec.firstOption();
        if (!takesRule && first != null) {
            throw syntax("Illegal option \"" + first + "\" with this command ("
                    + command + ")");
        }
        Rule rule = takesRule ? spec.build() : null;
        if (number != null && number < 1 && !command.equals("-L") && !command.equals("-S")) {
            throw syntax("Invalid rule number \"" + number + "\": rules count from 1");
        }
        try {
            IptablesLayout.builtinChains(table);
        } catch (IllegalArgumentException e) {
            throw syntax(e.getMessage());
        }
        if (command.equals("-P") && !policy.equals("ACCEPT") && !policy.equals("DROP")) {
            throw syntax("Bad policy name \"" + policy + "\": ACCEPT or DROP");
        }
        if (rule != null) {
            checkInterfaces(rule);
        }
        return rule;
    }

    /** As iptables: no -o where no packet has an output interface yet, no -i where none has an input one. */
    private void checkInterfaces(Rule rule) throws IptablesSyntaxException {
        for (io.netns4j.firewall.Match m : rule.matches()) {
            if (m instanceof io.netns4j.firewall.Match.Iface i) {
                boolean bad = i.output() ? chain.equals("INPUT") || chain.equals("PREROUTING")
                        : chain.equals("OUTPUT") || chain.equals("POSTROUTING");
                if (bad) {
                    throw syntax("Can't use " + (i.output() ? "-o" : "-i") + " with " + chain
                            + " (packets there have no " + (i.output() ? "output" : "input") + " interface)");
                }
            }
        }
    }
}
