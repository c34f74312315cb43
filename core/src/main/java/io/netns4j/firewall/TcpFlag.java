package io.netns4j.firewall;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A flag of the TCP header, as {@code tcp flags} tests it (iptables: {@code --tcp-flags}).
 * Declared in the header's bit order (FIN is bit 0), which is the order nft and iptables
 * list them in.
 */
public enum TcpFlag {
    /** {@code fin}: the sender has finished sending. */
    FIN,
    /** {@code syn}: synchronise sequence numbers (opens a connection). */
    SYN,
    /** {@code rst}: reset the connection. */
    RST,
    /** {@code psh}: push the data to the application. */
    PSH,
    /** {@code ack}: the acknowledgement number is valid. */
    ACK,
    /** {@code urg}: the urgent pointer is valid. */
    URG,
    /** {@code ecn} (ECE): ECN echo. iptables has no name for it. */
    ECE,
    /** {@code cwr}: congestion window reduced. iptables has no name for it. */
    CWR;

    /**
     * The flag's bit in the TCP header's flags byte.
     *
     * @return 0x01 for FIN up to 0x80 for CWR
     */
    public int bit() {
        return 1 << ordinal();
    }

    /**
     * The word nft uses.
     *
     * @return e.g. {@code syn}; {@code ecn} for {@link #ECE}
     */
    public String keyword() {
        return this == ECE ? "ecn" : name().toLowerCase(Locale.ROOT);
    }

    /**
     * The flag nft calls {@code word} (or iptables, in any case).
     *
     * @param word e.g. {@code syn}, {@code SYN}, {@code ecn}
     * @return the flag
     * @throws IllegalArgumentException when {@code word} names no flag
     */
    public static TcpFlag of(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        for (TcpFlag f : values()) {
            if (f.name().equals(w) || f.keyword().toUpperCase(Locale.ROOT).equals(w)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Unknown TCP flag \"" + word
                + "\": use FIN, SYN, RST, PSH, ACK, URG, ECE (ecn) or CWR");
    }

    /**
     * The flags whose bits are set in {@code bits}.
     *
     * @param bits a flags byte (bits above 0xff are ignored)
     * @return the flags, unmodifiable
     */
    public static Set<TcpFlag> fromBits(int bits) {
        Set<TcpFlag> out = EnumSet.noneOf(TcpFlag.class);
        for (TcpFlag f : values()) {
            if ((bits & f.bit()) != 0) {
                out.add(f);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * The flags byte with the bits of {@code flags} set.
     *
     * @param flags some flags
     * @return 0 to 0xff
     */
    public static int toBits(Set<TcpFlag> flags) {
        int bits = 0;
        for (TcpFlag f : flags) {
            bits |= f.bit();
        }
        return bits;
    }
}
