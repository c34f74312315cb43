package io.netns4j.firewall.iptables;

import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NetnsException;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.Rule;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.text.ShellWords;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One iptables command line, parsed: the words after {@code iptables} or {@code ip6tables},
 * such as {@code -A INPUT -i veth1 -p tcp --dport 80 -j ACCEPT}, with the subset, checks and
 * messages of {@code netns4j iptables}. Parsing reads and changes nothing; {@link #apply}
 * carries out a command that changes the ruleset through {@link Iptables}, in iptables-nft's
 * layout, as {@code ip netns exec NS iptables LINE} would:
 *
 * <pre>{@code
 * // iptables -A INPUT -p tcp --dport 22 -j ACCEPT
 * IptablesCommandLine.parse("-A INPUT -p tcp --dport 22 -j ACCEPT", Family.IP).apply(Iptables.in(ns, Family.IP));
 * }</pre>
 *
 * <p>{@code -L}, {@code -S}, {@code -C}, {@code -h} and {@code -V} change nothing, so
 * {@link #apply} refuses them; their callers read what they need here ({@link #table()},
 * {@link #chain()}, {@link #number()}, {@link #rule()}, {@link #listFormat()}) and list with
 * {@link Iptables#list} and {@link IptablesText}, or check with {@link Iptables#contains}.
 *
 * <p>Supported: the commands {@code -A -C -D -I -R -L -S -F -Z -N -X -P} (long forms too),
 * tables filter and nat, and the rule options of {@link #supportedRuleOptions()}; anything
 * else (for instance {@code -E}, {@code --syn}, {@code -m recent}, {@code -j QUEUE}) is an
 * {@link IptablesSyntaxException} that names it.
 */
public final class IptablesCommandLine {
    /** iptables' commands, by their short option. */
    public enum Command {
        /** {@code -A CHAIN RULE}. */
        APPEND("-A", true),
        /** {@code -C CHAIN RULE}: whether the rule exists. */
        CHECK("-C", false),
        /** {@code -D CHAIN NUMBER} or {@code -D CHAIN RULE}. */
        DELETE("-D", true),
        /** {@code -I CHAIN [NUMBER] RULE}; 1 when no number is given. */
        INSERT("-I", true),
        /** {@code -R CHAIN NUMBER RULE}. */
        REPLACE("-R", true),
        /** {@code -L [CHAIN [NUMBER]]}. */
        LIST("-L", false),
        /** {@code -S [CHAIN [NUMBER]]}. */
        LIST_RULES("-S", false),
        /** {@code -F [CHAIN]}. */
        FLUSH("-F", true),
        /** {@code -Z [CHAIN]}. */
        ZERO("-Z", true),
        /** {@code -N CHAIN}. */
        NEW_CHAIN("-N", true),
        /** {@code -X [CHAIN]}. */
        DELETE_CHAIN("-X", true),
        /** {@code -P CHAIN ACCEPT|DROP}. */
        POLICY("-P", true),
        /** {@code -h}. */
        HELP("-h", false),
        /** {@code -V}. */
        VERSION("-V", false);

        private final String option;
        private final boolean changesState;

        Command(String option, boolean changesState) {
            this.option = option;
            this.changesState = changesState;
        }

        /**
         * The short option.
         *
         * @return {@code -A}, {@code -L}, ...
         */
        public String option() {
            return option;
        }

        /**
         * Whether the command changes the ruleset (what {@link IptablesCommandLine#apply} carries out).
         *
         * @return true for {@code -A -D -I -R -F -Z -N -X -P}
         */
        public boolean changesState() {
            return changesState;
        }

        static Command of(String option) {
            for (Command c : values()) {
                if (c.option.equals(option)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(option);
        }
    }

    private final Family family;
    private final Command command;
    private final String table;
    private final String chain;
    private final Integer number;
    private final Policy policy;
    private final Rule rule;
    private final IptablesText.Format listFormat;

    IptablesCommandLine(Family family, Command command, String table, String chain, Integer number, Policy policy,
                        Rule rule, IptablesText.Format listFormat) {
        this.family = family;
        this.command = command;
        this.table = table;
        this.chain = chain;
        this.number = number;
        this.policy = policy;
        this.rule = rule;
        this.listFormat = listFormat;
    }

    /**
     * Parses the words after {@code iptables} ({@link Family#IP}) or {@code ip6tables}
     * ({@link Family#IP6}), as a shell would pass them: {@code ["-A", "INPUT", "-m", "comment",
     * "--comment", "web in", "-j", "ACCEPT"]}. getopt's forms are taken: {@code --dport=80},
     * bundled flags ({@code -nvL}).
     *
     * @param words the arguments, in order
     * @param family {@link Family#IP} or {@link Family#IP6}
     * @return the command line
     * @throws IptablesSyntaxException the words are not a command netns4j can carry out; the
     *         message starts with the program ({@code iptables: ...}) and names the problem
     * @throws IllegalArgumentException {@code family} is neither {@code IP} nor {@code IP6}
     */
    public static IptablesCommandLine parse(List<String> words, Family family) throws IptablesSyntaxException {
        program(family);
        return IptablesParser.parse(List.copyOf(words), family);
    }

    /**
     * Parses one line of iptables arguments, split into words as {@code ip -batch} and
     * {@code netns4j -batch} split lines: white space separates, single or double quotes group,
     * a backslash escapes the next character, a {@code #} that starts a word begins a comment.
     * {@code -A INPUT -m comment --comment "web in" -j ACCEPT} is the same command as the
     * shell's {@code iptables -A INPUT -m comment --comment "web in" -j ACCEPT}.
     *
     * @param line the arguments, one line
     * @param family {@link Family#IP} or {@link Family#IP6}
     * @return the command line
     * @throws IptablesSyntaxException as {@link #parse(List, Family)}, and for a quote left open
     * @throws IllegalArgumentException {@code family} is neither {@code IP} nor {@code IP6}
     */
    public static IptablesCommandLine parse(String line, Family family) throws IptablesSyntaxException {
        String program = program(family);
        List<String> words;
        try {
            words = ShellWords.split(line);
        } catch (IllegalArgumentException e) {
            throw new IptablesSyntaxException(program + ": " + e.getMessage());
        }
        return IptablesParser.parse(words, family);
    }

    /**
     * The rule options netns4j's iptables takes, as its usage text lists them.
     *
     * @return one line: {@code -p -s -d -i -o, -m tcp|udp|multiport|conntrack|... -j ACCEPT|DROP|...}
     */
    public static String supportedRuleOptions() {
        return IptablesRuleSpec.SUPPORTED;
    }

    /** {@code iptables} for {@link Family#IP}, {@code ip6tables} for {@link Family#IP6}. */
    static String program(Family family) {
        return switch (family) {
            case IP -> "iptables";
            case IP6 -> "ip6tables";
            default -> throw new IllegalArgumentException("iptables works on family ip (iptables) or ip6 (ip6tables),"
                    + " not " + family);
        };
    }

    /**
     * The family the line was parsed for.
     *
     * @return {@link Family#IP} (iptables) or {@link Family#IP6} (ip6tables)
     */
    public Family family() {
        return family;
    }

    /**
     * The program, as messages name it.
     *
     * @return {@code iptables} or {@code ip6tables}
     */
    public String program() {
        return program(family);
    }

    /**
     * The command.
     *
     * @return the command, not null
     */
    public Command command() {
        return command;
    }

    /**
     * Whether {@link #apply} carries the command out: {@code -A -I -R -D -F -Z -N -X -P}.
     *
     * @return whether the command changes the ruleset
     */
    public boolean changesState() {
        return command.changesState();
    }

    /**
     * {@code -t TABLE}.
     *
     * @return {@code filter} (the default) or {@code nat}
     */
    public String table() {
        return table;
    }

    /**
     * The chain the command names.
     *
     * @return the chain; empty for {@code -L}, {@code -S}, {@code -F}, {@code -Z}, {@code -X} without one
     */
    public Optional<String> chain() {
        return Optional.ofNullable(chain);
    }

    /**
     * The rule number (1 is first): {@code -I} (1 when not given), {@code -R}, {@code -D CHAIN
     * NUMBER}, {@code -L}/{@code -S CHAIN NUMBER}.
     *
     * @return the number; empty otherwise
     */
    public OptionalInt number() {
        return number == null ? OptionalInt.empty() : OptionalInt.of(number);
    }

    /**
     * {@code -P CHAIN POLICY}'s policy.
     *
     * @return the policy; empty for other commands
     */
    public Optional<Policy> policy() {
        return Optional.ofNullable(policy);
    }

    /**
     * The rule of {@code -A}, {@code -I}, {@code -R}, {@code -C} and {@code -D CHAIN RULE},
     * laid out as iptables-nft writes it (with a {@code counter}).
     *
     * @return the rule; empty for other commands
     */
    public Optional<Rule> rule() {
        return Optional.ofNullable(rule);
    }

    /**
     * The listing flags {@code -n}, {@code -v}, {@code -x}, {@code --line-numbers} (and {@code -S -v}).
     *
     * @return the flags, all false when none was given
     */
    public IptablesText.Format listFormat() {
        return listFormat;
    }

    /**
     * Carries out a command that changes the ruleset, through the {@link Iptables} verb of the
     * same name: {@code -A} {@link Iptables#append}, {@code -I} {@link Iptables#insert},
     * {@code -R} {@link Iptables#replace}, {@code -D} {@link Iptables#delete(String, String, int)}
     * or {@link Iptables#delete(String, String, Rule)}, {@code -F} {@link Iptables#flush},
     * {@code -Z} {@link Iptables#zero}, {@code -N} {@link Iptables#newChain}, {@code -X}
     * {@link Iptables#deleteChain}, {@code -P} {@link Iptables#policy}. Equivalent to
     * {@code ip netns exec NS iptables LINE}.
     *
     * @param iptables the verbs of the namespace, of the line's family
     * @throws InvalidRequestException the command changes nothing ({@code -L -S -C -h -V}: see
     *         {@link #changesState()}), or what the verb throws (a rule number too big, ...)
     * @throws IllegalArgumentException {@code iptables} is of the other family, or the verb
     *         refuses the combination (MASQUERADE outside table nat, a jump to a built-in
     *         chain, {@code -P} on a user chain, ...), as the verbs do
     * @throws NetnsException the verb's failures: a missing chain, libnftables' refusal, ...
     */
    public void apply(Iptables iptables) throws NetnsException {
        if (iptables.family() != family) {
            throw new IllegalArgumentException("An " + program() + " line cannot be applied through "
                    + program(iptables.family()) + " (family " + iptables.family() + "): parse it with family "
                    + iptables.family());
        }
        switch (command) {
            case APPEND -> iptables.append(table, chain, rule);
            case INSERT -> iptables.insert(table, chain, number, rule);
            case REPLACE -> iptables.replace(table, chain, number, rule);
            case DELETE -> {
                if (number != null) {
                    iptables.delete(table, chain, number);
                } else {
                    iptables.delete(table, chain, rule);
                }
            }
            case FLUSH -> iptables.flush(table, chain);
            case ZERO -> iptables.zero(table, chain);
            case NEW_CHAIN -> iptables.newChain(table, chain);
            case DELETE_CHAIN -> iptables.deleteChain(table, chain);
            case POLICY -> iptables.policy(table, chain, policy);
            default -> throw new InvalidRequestException(program() + " " + command.option() + " changes nothing, so"
                    + " there is nothing to apply: only -A, -I, -R, -D, -F, -Z, -N, -X and -P are", Errno.EINVAL, null);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IptablesCommandLine l && family == l.family && command == l.command
                && table.equals(l.table) && Objects.equals(chain, l.chain) && Objects.equals(number, l.number)
                && policy == l.policy && Objects.equals(rule, l.rule) && listFormat.equals(l.listFormat);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, command, table, chain, number, policy, rule, listFormat);
    }

    /**
     * The command as iptables words, rules in {@code iptables -S}'s form:
     * {@code iptables -t nat -A POSTROUTING -s 10.1.0.0/24 -o veth2 -j MASQUERADE}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(program());
        if (!table.equals("filter")) {
            sb.append(" -t ").append(table);
        }
        sb.append(' ').append(command.option());
        if (chain != null) {
            sb.append(' ').append(chain);
        }
        if (number != null) {
            sb.append(' ').append(number);
        }
        if (rule != null) {
            String saved = new IptablesText(family).saveRule(chain, rule, false);
            sb.append(saved, ("-A " + chain).length(), saved.length());
        }
        if (policy != null) {
            sb.append(' ').append(policy.name());
        }
        if (command == Command.LIST || command == Command.LIST_RULES) {
            sb.append(listFormat.numeric() ? " -n" : "").append(listFormat.verbose() ? " -v" : "")
                    .append(listFormat.exact() ? " -x" : "").append(listFormat.lineNumbers() ? " --line-numbers" : "");
        }
        return sb.toString();
    }
}
