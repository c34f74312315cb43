package io.netns4j.firewall;


import io.netns4j.types.InetPrefix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One element of a rule before its verdict: a match ({@code tcp dport 80}) or a statement
 * that lets the packet go on ({@code counter}, {@code limit}). Values are kept in the form
 * nft prints them back, so a rule read from the kernel equals the rule that was written.
 * Each kind names its nft and iptables equivalents. The kinds are nested here, except newer
 * ones that have a file of their own ({@link TcpFlags}, {@link IcmpType}, {@link Mark}, {@link ConnMark},
 * {@link AddressRange}, {@link PacketLength}, {@link Ttl}, {@link PacketType}, {@link AddressType},
 * {@link CtMatch}).
 */
public sealed interface Match permits Match.Iface, Match.Address, Match.Protocol, Match.Port, Match.CtState,
        Match.Limit, Match.Counter, Match.Raw, Match.Unsupported, TcpFlags, IcmpType, Mark, ConnMark, AddressRange,
        PacketLength, Ttl, PacketType, AddressType, CtMatch {
    /**
     * The nft text of this element.
     *
     * @return e.g. {@code iifname "veth1"}
     */
    String toNft();

    /**
     * The same match, inverted ({@code !=}; iptables {@code !}).
     *
     * @return the inverted match
     * @throws UnsupportedOperationException for kinds that cannot be inverted (the default)
     */
    default Match negate() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be negated");
    }

    // ---- factories, named after what they match ----

    /**
     * {@code iifname "NAME"}; iptables {@code -i NAME} ({@code eth*} = iptables {@code eth+}).
     *
     * @param name the interface name, at most 16 characters, optionally ending in {@code *}
     * @return the match
     * @throws IllegalArgumentException when {@code name} is empty, has a {@code *} before its end, or cannot be written
     */
    static Iface inInterface(String name) {
        return new Iface(false, name, false);
    }

    /**
     * {@code oifname "NAME"}; iptables {@code -o NAME}.
     *
     * @param name the interface name, at most 16 characters, optionally ending in {@code *}
     * @return the match
     * @throws IllegalArgumentException when {@code name} is empty, has a {@code *} before its end, or cannot be written
     */
    static Iface outInterface(String name) {
        return new Iface(true, name, false);
    }

    /**
     * {@code ip saddr PREFIX} (or {@code ip6 saddr}); iptables {@code -s PREFIX}.
     *
     * @param prefix an address or prefix literal
     * @return the match, holding the prefix's network
     * @throws IllegalArgumentException when {@code prefix} does not parse
     */
    static Address source(String prefix) {
        return new Address(false, InetPrefix.parse(prefix), false);
    }

    /**
     * {@code ip daddr PREFIX} (or {@code ip6 daddr}); iptables {@code -d PREFIX}.
     *
     * @param prefix an address or prefix literal
     * @return the match, holding the prefix's network
     * @throws IllegalArgumentException when {@code prefix} does not parse
     */
    static Address destination(String prefix) {
        return new Address(true, InetPrefix.parse(prefix), false);
    }

    /**
     * {@code meta l4proto NAME}; iptables {@code -p NAME}.
     *
     * @param name a protocol name or number ({@code tcp}, {@code 17}, {@code icmpv6}), written as nft prints it
     * @return the match
     * @throws IllegalArgumentException when {@code name} is not a protocol word
     */
    static Protocol protocol(String name) {
        return new Protocol(name, false);
    }

    /**
     * {@code PROTO dport PORT}; iptables {@code -p PROTO --dport PORT}.
     *
     * @param protocol {@code tcp}, {@code udp}, {@code sctp}, {@code dccp} or {@code udplite}
     * @param port 0 to 65535
     * @return the match
     * @throws IllegalArgumentException when {@code protocol} has no ports or {@code port} is out of range
     */
    static Port destinationPort(String protocol, int port) {
        return new Port(protocol, true, List.of(PortRange.of(port)), false, false);
    }

    /**
     * {@code PROTO sport PORT}; iptables {@code -p PROTO --sport PORT}.
     *
     * @param protocol {@code tcp}, {@code udp}, {@code sctp}, {@code dccp} or {@code udplite}
     * @param port 0 to 65535
     * @return the match
     * @throws IllegalArgumentException when {@code protocol} has no ports or {@code port} is out of range
     */
    static Port sourcePort(String protocol, int port) {
        return new Port(protocol, false, List.of(PortRange.of(port)), false, false);
    }

    /**
     * {@code PROTO dport { A, B, ... }}; iptables {@code -p PROTO -m multiport --dports A,B}.
     *
     * @param protocol {@code tcp}, {@code udp}, {@code sctp}, {@code dccp} or {@code udplite}
     * @param ports the ports and ranges, at least one (sorted and merged as nft stores them)
     * @return the match
     * @throws IllegalArgumentException when {@code protocol} has no ports or no port is given
     */
    static Port destinationPorts(String protocol, PortRange... ports) {
        return new Port(protocol, true, List.of(ports), true, false);
    }

    /**
     * {@code ct state A,B}; iptables {@code -m conntrack --ctstate A,B}.
     *
     * @param first a state
     * @param more further states
     * @return the match
     */
    static CtState ctState(ConnState first, ConnState... more) {
        return new CtState(EnumSet.of(first, more), false);
    }

    /**
     * {@code counter}; iptables-nft puts one in every rule.
     *
     * @return a counter at zero
     */
    static Counter counter() {
        return new Counter(0, 0);
    }

    /**
     * Any nft expression, written as is: {@code Match.raw("ip dscp cs1")}.
     *
     * @param nft the expression, in nft's language (not checked until the kernel sees it)
     * @return the match
     * @throws IllegalArgumentException when {@code nft} is blank
     */
    static Raw raw(String nft) {
        return new Raw(nft);
    }

    private static String op(boolean negated) {
        return negated ? " != " : " ";
    }

    // ---- the kinds ----

    /**
     * {@code iifname}/{@code oifname} with a name; a trailing {@code *} matches any suffix.
     *
     * @param output  true for {@code oifname} (iptables {@code -o}), false for {@code iifname} ({@code -i})
     * @param name    the interface name, at most 16 characters, optionally ending in {@code *}
     * @param negated {@code !=}
     */
    record Iface(boolean output, String name, boolean negated) implements Match {
        /**
         * Checks the name.
         *
         * @throws IllegalArgumentException when {@code name} is empty, has a {@code *} before its end, or
         * cannot be written
         */
        public Iface {
            NftSyntax.quotable(name, "interface name", 16);
            if (name.isEmpty() || name.indexOf('*') >= 0 && name.indexOf('*') != name.length() - 1) {
                throw new IllegalArgumentException("Invalid interface name \"" + name
                        + "\": not empty, with at most one * at the end");
            }
        }

        @Override
        public String toNft() {
            return (output ? "oifname" : "iifname") + op(negated) + NftSyntax.quote(name);
        }

        @Override
        public Iface negate() {
            return new Iface(output, name, !negated);
        }
    }

    /**
     * {@code ip saddr}/{@code ip daddr} (IPv6: {@code ip6 ...}); the prefix is kept as its network.
     * A non-contiguous netmask (iptables {@code -s 10.0.0.0/255.0.255.0}, nft
     * {@code ip saddr & 255.0.255.0 == 10.0.0.0}) is held in {@code mask}, with the address
     * ANDed with it and a host-length prefix; a contiguous mask given that way becomes the prefix
     * length it is, and {@code mask} null.
     *
     * @param destination true for {@code daddr} (iptables {@code -d}), false for {@code saddr} ({@code -s})
     * @param prefix      the prefix; a host prefix matches one address
     * @param negated     {@code !=}
     * @param mask        a non-contiguous netmask of the prefix's family, or null for a plain prefix
     */
    record Address(boolean destination, InetPrefix prefix, boolean negated, java.net.InetAddress mask) implements Match {
        /**
         * Keeps the prefix's network (host bits cleared), as nft stores it; a contiguous mask becomes a prefix length.
         *
         * @throws IllegalArgumentException when the mask is not of the prefix's family
         */
        public Address {
            if (mask != null) {
                byte[] m = mask.getAddress();
                byte[] a = prefix.address().getAddress();
                if (m.length != a.length) {
                    throw new IllegalArgumentException("netmask " + mask.getHostAddress()
                            + " is not of the address's family");
                }
                for (int i = 0; i < a.length; i++) {
                    a[i] &= m[i];
                }
                int bits = contiguousLength(m);
                try {
                    java.net.InetAddress masked = a.length == 16 ? java.net.Inet6Address.getByAddress(null, a, null)
                            : java.net.InetAddress.getByAddress(a); // ::ffff:a.b.c.d stays IPv6
                    prefix = new InetPrefix(masked, bits < 0 ? a.length * 8 : bits);
                } catch (java.net.UnknownHostException e) {
                    throw new AssertionError(e);
                }
                mask = bits < 0 ? mask : null;
            }
            prefix = prefix.network();
        }

        /**
         * A plain prefix match (no netmask).
         *
         * @param destination true for {@code daddr}, false for {@code saddr}
         * @param prefix      the prefix
         * @param negated     {@code !=}
         */
        public Address(boolean destination, InetPrefix prefix, boolean negated) {
            this(destination, prefix, negated, null);
        }

        /**
         * The length of a contiguous netmask, or -1 when the mask has a one after a zero.
         *
         * @param mask the netmask's bytes
         * @return 0 to 8 times its length, or -1
         */
        public static int contiguousLength(byte[] mask) {
            int bits = 0;
            boolean zero = false;
            for (byte x : mask) {
                for (int i = 7; i >= 0; i--) {
                    boolean one = (x >> i & 1) == 1;
                    if (one && zero) {
                        return -1;
                    }
                    zero |= !one;
                    bits += one ? 1 : 0;
                }
            }
            return bits;
        }

        @Override
        public String toNft() {
            String ip = (prefix.isIpv6() ? "ip6" : "ip") + (destination ? " daddr" : " saddr");
            if (mask != null) {
                return ip + " & " + NftSyntax.address(mask) + (negated ? " != " : " == ")
                        + NftSyntax.address(prefix.address());
            }
            int max = prefix.isIpv6() ? 128 : 32;
            String value = NftSyntax.address(prefix.address()) + (prefix.length() == max ? "" : "/" + prefix.length());
            return ip + op(negated) + value;
        }

        @Override
        public Address negate() {
            return new Address(destination, prefix, !negated, mask);
        }
    }

    /**
     * {@code meta l4proto NAME}: the transport protocol ({@code ipv6-icmp} is nft's name for icmpv6).
     *
     * @param name    the protocol, as nft prints it (numbers of known protocols become names)
     * @param negated {@code !=}
     */
    record Protocol(String name, boolean negated) implements Match {
        /**
         * Writes the name as nft prints it.
         *
         * @throws IllegalArgumentException when {@code name} is not a protocol word
         */
        public Protocol {
            name = NftSyntax.protocol(name);
        }

        @Override
        public String toNft() {
            return "meta l4proto" + op(negated) + name;
        }

        @Override
        public Protocol negate() {
            return new Protocol(name, !negated);
        }
    }

    /**
     * {@code tcp dport 80}, {@code udp sport 1000-2000}, {@code tcp dport { 80, 443 }}. A set
     * ({@code set = true}) is sorted and, when it holds a range, merged as nft stores it; a
     * set of one port is a plain port.
     *
     * @param protocol    {@code tcp}, {@code udp}, {@code sctp}, {@code dccp} or {@code udplite}
     * @param destination true for {@code dport}, false for {@code sport}
     * @param ports       one port or range, or with {@code set} one or more
     * @param set         an anonymous set ({@code { ... }}; iptables {@code -m multiport})
     * @param negated     {@code !=}
     */
    record Port(String protocol, boolean destination, List<PortRange> ports, boolean set, boolean negated)
            implements Match {
        /**
         * Checks the protocol and ports and normalises a set.
         *
         * @throws IllegalArgumentException when {@code protocol} has no ports, no port is given, or several
         * without {@code set}
         */
        public Port {
            if (!List.of("tcp", "udp", "sctp", "dccp", "udplite").contains(protocol)) {
                throw new IllegalArgumentException("Ports need tcp, udp, sctp, dccp or udplite, not \"" + protocol + "\"");
            }
            if (ports.isEmpty() || (!set && ports.size() != 1)) {
                throw new IllegalArgumentException(set ? "A port set needs at least one port"
                        : "One port or range, or a set of them");
            }
            if (set) {
                ports = normalise(ports);
                if (ports.size() == 1 && ports.getFirst().single()) {
                    set = false;
                }
            } else {
                ports = List.copyOf(ports);
            }
        }

        private static List<PortRange> normalise(List<PortRange> in) {
            List<PortRange> sorted = new ArrayList<>(new java.util.TreeSet<>(in));
            if (sorted.stream().allMatch(PortRange::single)) {
                return List.copyOf(sorted);
            }
            List<PortRange> merged = new ArrayList<>();
            for (PortRange r : sorted) {
                PortRange last = merged.isEmpty() ? null : merged.getLast();
                if (last != null && r.first() <= last.last() + 1) {
                    merged.set(merged.size() - 1, new PortRange(last.first(), Math.max(last.last(), r.last())));
                } else {
                    merged.add(r);
                }
            }
            return List.copyOf(merged);
        }

        @Override
        public String toNft() {
            String value = set ? ports.stream().map(PortRange::toString).collect(Collectors.joining(", ", "{ ", " }"))
                    : ports.getFirst().toString();
            return protocol + (destination ? " dport" : " sport") + op(negated) + value;
        }

        @Override
        public Port negate() {
            return new Port(protocol, destination, ports, set, !negated);
        }
    }

    /**
     * {@code ct state established,related}; negated: {@code ct state != new} or {@code != { a, b }}.
     *
     * @param states  the states, at least one (copied)
     * @param negated {@code !=}
     * @param stateMatch written as iptables' {@code -m state --state} (the same test as
     *                   {@code -m conntrack --ctstate}, which iptables keeps apart)
     */
    record CtState(Set<ConnState> states, boolean negated, boolean stateMatch) implements Match {
        /**
         * Checks and copies the states.
         *
         * @throws IllegalArgumentException when {@code states} is empty
         */
        public CtState {
            if (states.isEmpty()) {
                throw new IllegalArgumentException("ct state needs at least one state");
            }
            states = Collections.unmodifiableSet(EnumSet.copyOf(states));
        }

        /**
         * {@code ct state ...} as {@code -m conntrack --ctstate}.
         *
         * @param states  the states, at least one (copied)
         * @param negated {@code !=}
         */
        public CtState(Set<ConnState> states, boolean negated) {
            this(states, negated, false);
        }

        @Override
        public String toNft() {
            List<String> words = states.stream().map(ConnState::keyword).toList();
            if (!negated) {
                return "ct state " + String.join(",", words);
            }
            return "ct state != " + (words.size() == 1 ? words.getFirst() : "{ " + String.join(", ", words) + " }");
        }

        @Override
        public CtState negate() {
            return new CtState(states, !negated, stateMatch);
        }
    }

    /**
     * {@code limit rate 5/minute burst 5 packets}; iptables {@code -m limit --limit 5/min}.
     *
     * @param rate  packets per {@code per}, above 0
     * @param per   {@code second}, {@code minute}, {@code hour}, {@code day} or {@code week}
     * @param burst packets let through at once before the rate applies, above 0
     */
    record Limit(long rate, String per, int burst) implements Match {
        /**
         * Checks the limit.
         *
         * @throws IllegalArgumentException when {@code per} is not a unit or a number is not above 0
         */
        public Limit {
            if (!List.of("second", "minute", "hour", "day", "week").contains(per)) {
                throw new IllegalArgumentException("Invalid limit unit \"" + per + "\": second, minute, hour, day, week");
            }
            if (rate <= 0 || burst <= 0) {
                throw new IllegalArgumentException("A limit needs a rate and a burst above 0");
            }
        }

        @Override
        public String toNft() {
            return "limit rate " + rate + "/" + per + " burst " + burst + " packets";
        }
    }

    /**
     * {@code counter}: counts packets and bytes that got this far. Values read from the
     * kernel are kept; written back they restore the counts ({@code counter packets N bytes M}).
     *
     * @param packets packets counted
     * @param bytes   bytes counted
     */
    record Counter(long packets, long bytes) implements Match {
        @Override
        public String toNft() {
            return packets == 0 && bytes == 0 ? "counter" : "counter packets " + packets + " bytes " + bytes;
        }
    }

    /**
     * An nft expression netns4j has no kind for, kept as nft text (written as is).
     *
     * @param text the expression, in nft's language
     */
    record Raw(String text) implements Match {
        /**
         * Checks the text.
         *
         * @throws IllegalArgumentException when {@code text} is blank
         */
        public Raw {
            if (text.isBlank()) {
                throw new IllegalArgumentException("An empty nft expression");
            }
        }

        @Override
        public String toNft() {
            return text;
        }
    }

    /**
     * An expression read from the kernel that netns4j can neither model nor write back as
     * text (its JSON form is kept). A ruleset holding one can be read and shown, but not
     * applied: its text, {@code <unsupported: JSON>}, is for people, not for nft.
     *
     * @param json the expression as libnftables' JSON
     */
    record Unsupported(String json) implements Match {
        @Override
        public String toNft() {
            return "<unsupported: " + json + ">";
        }
    }
}
