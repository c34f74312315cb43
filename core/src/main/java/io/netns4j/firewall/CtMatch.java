package io.netns4j.firewall;

import io.netns4j.types.InetPrefix;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A test of the packet's connection other than its state ({@link Match.CtState}): iptables'
 * {@code -m conntrack} options {@code --ctproto}, {@code --ctorigsrc}/{@code --ctorigdst}/{@code
 * --ctreplsrc}/{@code --ctrepldst}, the four {@code --ct...port}s, {@code --ctstatus}, {@code
 * --ctexpire} and {@code --ctdir}; nft's {@code ct original ...}, {@code ct status}, {@code ct
 * expiration}, {@code ct direction}. Consecutive tests of one rule in iptables' order (state,
 * protocol, addresses, ports, status, expiry, direction) are one {@code -m conntrack}.
 */
public sealed interface CtMatch extends Match permits CtMatch.Protocol, CtMatch.Address, CtMatch.Port,
        CtMatch.Status, CtMatch.Expire, CtMatch.Direction {

    /**
     * Where the test comes in iptables' order within one {@code -m conntrack} (the state is 0).
     *
     * @return 1 (protocol) to 13 (direction)
     */
    int order();

    /**
     * The connection's layer 4 protocol: nft {@code ct original protocol 6}; iptables {@code
     * --ctproto tcp} ({@code -S} prints the number).
     *
     * @param number  the protocol number, 1 to 255
     * @param negated {@code ! --ctproto}
     */
    record Protocol(int number, boolean negated) implements CtMatch {
        /**
         * Checks the number.
         *
         * @throws IllegalArgumentException when {@code number} is not 1 to 255
         */
        public Protocol {
            if (number < 1 || number > 255) {
                throw new IllegalArgumentException("A conntrack protocol is 1 to 255, not " + number);
            }
        }

        @Override
        public int order() {
            return 1;
        }

        @Override
        public String toNft() {
            return "ct original protocol " + (negated ? "!= " : "") + number;
        }
    }

    /**
     * An address of the connection's original or reply tuple: nft {@code ct original ip saddr
     * 10.0.0.0/8}; iptables {@code --ctorigsrc 10.0.0.0/8} ({@code --ctorigdst}, {@code
     * --ctreplsrc}, {@code --ctrepldst}).
     *
     * @param reply       the reply direction's tuple ({@code --ctrepl...})
     * @param destination the destination address ({@code ...dst})
     * @param prefix      the address and netmask (host bits kept: iptables stores them, the kernel masks them)
     * @param negated     {@code !}
     */
    record Address(boolean reply, boolean destination, InetPrefix prefix, boolean negated) implements CtMatch {

        @Override
        public int order() {
            return 2 + (reply ? 2 : 0) + (destination ? 1 : 0);
        }

        @Override
        public String toNft() {
            return "ct " + (reply ? "reply " : "original ") + (prefix.address().getAddress().length == 16 ? "ip6 " : "ip ")
                    + (destination ? "daddr " : "saddr ") + (negated ? "!= " : "") + prefix;
        }
    }

    /**
     * A port of the original or reply tuple: nft {@code ct original proto-dst 22}; iptables
     * {@code --ctorigdstport 22} ({@code --ctorigsrcport}, {@code --ctreplsrcport}, {@code
     * --ctrepldstport}; a range {@code A:B}).
     *
     * @param reply       the reply direction's tuple
     * @param destination the destination port
     * @param ports       the port or range
     * @param negated     {@code !}
     */
    record Port(boolean reply, boolean destination, PortRange ports, boolean negated) implements CtMatch {
        @Override
        public int order() {
            return 6 + (reply ? 2 : 0) + (destination ? 1 : 0);
        }

        @Override
        public String toNft() {
            return "ct " + (reply ? "reply " : "original ") + (destination ? "proto-dst " : "proto-src ")
                    + (negated ? "!= " : "") + (ports.single() ? Integer.toString(ports.first())
                    : ports.first() + "-" + ports.last());
        }
    }

    /** The connection's status bits, as iptables names them (IPS_EXPECTED ... IPS_CONFIRMED, bits 0 to 3). */
    enum StatusBit {
        /** An expected connection. */
        EXPECTED,
        /** Packets have been seen both ways. */
        SEEN_REPLY,
        /** The connection will not be dropped early. */
        ASSURED,
        /** The connection is in the table. */
        CONFIRMED
    }

    /**
     * The connection's status: nft {@code ct status assured}; iptables {@code --ctstatus
     * ASSURED} ({@code NONE}: no bit set, the empty set).
     *
     * @param bits    any one of them matches; empty for none set
     * @param negated {@code ! --ctstatus}
     */
    record Status(Set<StatusBit> bits, boolean negated) implements CtMatch {
        /** Copies the set. */
        public Status {
            bits = Collections.unmodifiableSet(bits.isEmpty() ? EnumSet.noneOf(StatusBit.class) : EnumSet.copyOf(bits));
        }

        @Override
        public int order() {
            return 10;
        }

        @Override
        public String toNft() {
            String names = bits.stream().map(b -> b.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(","));
            return "ct status " + (negated ? "!= " : "") + (bits.isEmpty() ? "0" : names);
        }
    }

    /**
     * The seconds left before the connection expires, in a range: nft {@code ct expiration
     * 10s-20s}; iptables {@code --ctexpire 10:20}.
     *
     * @param min     the least, 0 to 4294967295
     * @param max     the most
     * @param negated {@code ! --ctexpire}
     */
    record Expire(long min, long max, boolean negated) implements CtMatch {
        /**
         * Checks the numbers.
         *
         * @throws IllegalArgumentException when a number is not a 32-bit unsigned one
         */
        public Expire {
            if (min < 0 || max < 0 || min > Mark.ALL || max > Mark.ALL) {
                throw new IllegalArgumentException("A conntrack expiry is 0 to 4294967295 seconds, not " + min + ":" + max);
            }
        }

        @Override
        public int order() {
            return 11;
        }

        @Override
        public String toNft() {
            return "ct expiration " + (negated ? "!= " : "") + min + "s" + (min == max ? "" : "-" + max + "s");
        }
    }

    /**
     * The packet's direction in its connection: nft {@code ct direction original}; iptables
     * {@code --ctdir ORIGINAL} or {@code REPLY}.
     *
     * @param reply true for packets of the reply direction
     */
    record Direction(boolean reply) implements CtMatch {
        @Override
        public int order() {
            return 12;
        }

        @Override
        public String toNft() {
            return "ct direction " + (reply ? "reply" : "original");
        }
    }
}
