package io.netns4j.firewall;

import java.util.List;
import java.util.Set;

/**
 * What a rule does with a packet that matched: the last statement of the rule, iptables'
 * {@code -j TARGET}. {@link #NONE} lets the packet go on to the next rule (a rule that
 * only counts); {@link Log} and {@link SetMark} do too, as iptables' {@code LOG} and
 * {@code MARK} targets do, and {@link SetConnMark} as {@code CONNMARK} does. {@link SetMark},
 * {@link SetConnMark} and {@link Redirect} have files of their own.
 */
public sealed interface Verdict permits Verdict.Accept, Verdict.Drop, Verdict.Return, Verdict.None, Verdict.Jump,
        Verdict.Goto, Verdict.Reject, Verdict.Log, Verdict.Masquerade, Verdict.Nat, SetMark, SetConnMark, Redirect {
    /** {@code accept}; iptables {@code -j ACCEPT}. */
    Verdict ACCEPT = new Accept();
    /** {@code drop}; iptables {@code -j DROP}. */
    Verdict DROP = new Drop();
    /** {@code return}; iptables {@code -j RETURN}. */
    Verdict RETURN = new Return();
    /** No verdict: evaluation continues with the next rule (iptables: no {@code -j}). */
    Verdict NONE = new None();

    /**
     * The nft text of the verdict.
     *
     * @return e.g. {@code jump mychain}; empty for {@link #NONE}
     */
    String toNft();

    /** The {@code accept} verdict; use {@link #ACCEPT}. */
    record Accept() implements Verdict {
        @Override
        public String toNft() {
            return "accept";
        }
    }

    /** The {@code drop} verdict; use {@link #DROP}. */
    record Drop() implements Verdict {
        @Override
        public String toNft() {
            return "drop";
        }
    }

    /** The {@code return} verdict; use {@link #RETURN}. */
    record Return() implements Verdict {
        @Override
        public String toNft() {
            return "return";
        }
    }

    /** No verdict; use {@link #NONE}. */
    record None() implements Verdict {
        @Override
        public String toNft() {
            return "";
        }
    }

    /**
     * {@code jump CHAIN}; iptables {@code -j CHAIN}.
     *
     * @param chain the chain to jump to (it returns here at its end), in the same table
     */
    record Jump(String chain) implements Verdict {
        /**
         * Checks the chain name.
         *
         * @throws IllegalArgumentException when {@code chain} is not a valid chain name
         */
        public Jump {
            NftSyntax.identifier(chain, "chain");
        }

        @Override
        public String toNft() {
            return "jump " + chain;
        }
    }

    /**
     * {@code goto CHAIN}; iptables {@code -g CHAIN}.
     *
     * @param chain the chain to go to (it does not return here), in the same table
     */
    record Goto(String chain) implements Verdict {
        /**
         * Checks the chain name.
         *
         * @throws IllegalArgumentException when {@code chain} is not a valid chain name
         */
        public Goto {
            NftSyntax.identifier(chain, "chain");
        }

        @Override
        public String toNft() {
            return "goto " + chain;
        }
    }

    /**
     * {@code reject} ({@link #DEFAULT}: ICMP port unreachable, as iptables' {@code -j REJECT}),
     * {@code reject with tcp reset}, {@code reject with icmp type host-unreachable}.
     *
     * @param type {@code icmp}, {@code icmpv6}, {@code icmpx} or {@code tcp reset}; null for the default
     * @param code the ICMP code name, e.g. {@code host-unreachable}; null for tcp reset and the default
     */
    record Reject(String type, String code) implements Verdict {
        /** {@code reject}: ICMP port unreachable, as iptables' {@code -j REJECT}. */
        public static final Reject DEFAULT = new Reject(null, null);
        /** {@code reject with tcp reset}; iptables {@code -j REJECT --reject-with tcp-reset}. */
        public static final Reject TCP_RESET = new Reject("tcp reset", null);

        /**
         * Checks the type and code.
         *
         * @throws IllegalArgumentException when {@code type} is not one of the four, a code is given
         * with no type or with {@code tcp reset}, an ICMP type has no code, or the code is not a name
         */
        public Reject {
            if (type == null ? code != null : !List.of("icmp", "icmpv6", "icmpx", "tcp reset").contains(type)
                    || (type.equals("tcp reset") != (code == null))) {
                throw new IllegalArgumentException("Invalid reject: type " + type + " code " + code);
            }
            if (code != null && !code.matches("[a-z][a-z-]*")) {
                throw new IllegalArgumentException("Invalid ICMP reject code \"" + code + "\"");
            }
        }

        /**
         * {@code reject with TYPE type CODE}.
         *
         * @param type {@code icmp}, {@code icmpv6} or {@code icmpx}
         * @param code the ICMP code name, e.g. {@code host-unreachable}
         * @return the verdict
         * @throws IllegalArgumentException when the type or code is not valid
         */
        public static Reject icmp(String type, String code) {
            return new Reject(type, code);
        }

        @Override
        public String toNft() {
            if (type == null) {
                return "reject";
            }
            return code == null ? "reject with " + type : "reject with " + type + " type " + code;
        }
    }

    /**
     * {@code log prefix "TEXT" level LEVEL}, then the next rule; iptables {@code -j LOG}.
     *
     * @param prefix null for none
     * @param level  syslog level name ({@code emerg} ... {@code debug}); null for nft's and
     *               iptables' default, {@code warn}
     * @param flags  what else the line holds ({@code --log-tcp-sequence}, ...); empty for none
     */
    record Log(String prefix, String level, Set<LogFlag> flags) implements Verdict {
        /** The syslog level names nft takes, most severe first. */
        public static final List<String> LEVELS =
                List.of("emerg", "alert", "crit", "err", "warn", "notice", "info", "debug");

        /**
         * Without flags: iptables {@code -j LOG [--log-prefix P] [--log-level L]}.
         *
         * @param prefix null for none
         * @param level  a name of {@link #LEVELS}, null for {@code warn}
         * @throws IllegalArgumentException as the canonical constructor does
         */
        public Log(String prefix, String level) {
            this(prefix, level, Set.of());
        }

        /**
         * Checks the prefix and level; {@code warn}, the default, is kept as null; copies the flags.
         *
         * @throws IllegalArgumentException when {@code prefix} cannot be written (a double quote, a line
         * break, over 127 characters) or {@code level} is not in {@link #LEVELS}
         */
        public Log {
            flags = java.util.Collections.unmodifiableSet(flags == null || flags.isEmpty()
                    ? java.util.EnumSet.noneOf(LogFlag.class) : java.util.EnumSet.copyOf(flags));
            if (prefix != null) {
                NftSyntax.quotable(prefix, "log prefix", 127);
            }
            if ("warn".equals(level)) {
                level = null;
            }
            if (level != null && !LEVELS.contains(level)) {
                throw new IllegalArgumentException("Invalid log level \"" + level + "\": one of " + LEVELS);
            }
        }

        @Override
        public String toNft() {
            StringBuilder f = new StringBuilder();
            for (LogFlag x : flags) {
                f.append(" flags ").append(x.nft());
            }
            return "log" + (prefix != null ? " prefix " + NftSyntax.quote(prefix) : "")
                    + (level != null ? " level " + level : "") + f;
        }
    }

    /**
     * {@code masquerade [to :PORTS] [random,fully-random]}; iptables {@code -t nat -j MASQUERADE
     * [--to-ports P[-Q]] [--random] [--random-fully]}.
     *
     * @param ports null for any; needs a tcp/udp match in the rule
     * @param flags {@link NatFlag#RANDOM}, {@link NatFlag#RANDOM_FULLY} (iptables has no {@code --persistent} here)
     */
    record Masquerade(PortRange ports, Set<NatFlag> flags) implements Verdict {
        /** Plain {@code masquerade}; iptables {@code -j MASQUERADE}. */
        public Masquerade() {
            this(null, Set.of());
        }

        /** Copies the flags. */
        public Masquerade {
            flags = NatFlag.copy(flags);
        }

        @Override
        public String toNft() {
            return "masquerade" + (ports != null ? " to :" + ports : "") + NatFlag.nft(flags);
        }
    }

    /**
     * {@code snat to ADDRESS[:PORTS]} (source) or {@code dnat to ...} (destination);
     * iptables {@code -j SNAT --to-source}, {@code -j DNAT --to-destination}.
     *
     * @param source  true for snat, false for dnat
     * @param address an address or a range {@code A-B}, as nft prints it
     * @param ports   null for none; needs a tcp/udp match in the rule
     * @param flags   {@code --random}, {@code --random-fully} (SNAT only), {@code --persistent}
     */
    record Nat(boolean source, String address, PortRange ports, Set<NatFlag> flags) implements Verdict {
        /**
         * Without flags: iptables {@code -j SNAT --to-source ...} or {@code -j DNAT --to-destination ...}.
         *
         * @param source  true for snat, false for dnat
         * @param address an address or a range {@code A-B}
         * @param ports   null for none
         * @throws IllegalArgumentException when {@code address} is not an address or a range of two
         */
        public Nat(boolean source, String address, PortRange ports) {
            this(source, address, ports, Set.of());
        }

        /**
         * Checks the address and writes it as nft prints it (a range of one address, {@code A-A},
         * as {@code A}, which is how iptables lists it); copies the flags.
         *
         * @throws IllegalArgumentException when {@code address} is not an address or a range of two
         */
        public Nat {
            flags = NatFlag.copy(flags);
            if (address == null || !address.matches("[0-9A-Fa-f.:]+(-[0-9A-Fa-f.:]+)?")) {
                throw new IllegalArgumentException("Invalid NAT address \"" + address + "\": an address or A-B");
            }
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (String part : address.split("-")) {
                parts.add(NftSyntax.address(io.netns4j.types.InetPrefix.parseAddress(part)));
            }
            // A-A is the address A: iptables stores both ends alike and lists it as A
            address = parts.size() == 2 && parts.get(0).equals(parts.get(1)) ? parts.get(0) : String.join("-", parts);
        }

        @Override
        public String toNft() {
            String to = address;
            if (ports != null) {
                to = (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + ports;
            }
            return (source ? "snat to " : "dnat to ") + to + NatFlag.nft(flags);
        }
    }
}
