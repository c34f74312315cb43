package io.netns4j.firewall;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A test of TCP flags: of the {@code examined} flags, exactly those in {@code set} are set
 * (the others examined are clear). nft {@code tcp flags & (fin | syn | rst | ack) == syn};
 * iptables {@code -p tcp --tcp-flags FIN,SYN,RST,ACK SYN}, which is also {@code --syn}
 * ({@link #syn()}). Negated ({@code !=}; iptables {@code ! --tcp-flags}), it matches any
 * other combination of the examined flags.
 *
 * <p>The text is {@code tcp flags & (...) == ...}, a form every nft reads; nft itself prints
 * the same test as {@code tcp flags syn / fin,syn,rst,ack}.
 *
 * @param examined the flags looked at, at least one (copied)
 * @param set      of those, the flags that must be set (copied); flags outside {@code examined} never match
 * @param negated  {@code !=}
 */
public record TcpFlags(Set<TcpFlag> examined, Set<TcpFlag> set, boolean negated) implements Match {
    private static final Set<TcpFlag> SYN_EXAMINED = EnumSet.of(TcpFlag.FIN, TcpFlag.SYN, TcpFlag.RST, TcpFlag.ACK);

    /**
     * Checks and copies the flags.
     *
     * @throws IllegalArgumentException when {@code examined} is empty (such a test has no meaning)
     */
    public TcpFlags {
        if (examined.isEmpty()) {
            throw new IllegalArgumentException("A TCP flags test needs at least one flag to examine"
                    + " (with none it would match every packet or none)");
        }
        examined = Collections.unmodifiableSet(EnumSet.copyOf(examined));
        set = set.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(set));
    }

    /**
     * {@code tcp flags & (EXAMINED) == SET}; iptables {@code -p tcp --tcp-flags EXAMINED SET}.
     *
     * @param examined the flags looked at, at least one
     * @param set      of those, the flags that must be set; empty for none ({@code NONE})
     * @return the match
     * @throws IllegalArgumentException when {@code examined} is empty
     */
    public static TcpFlags of(Set<TcpFlag> examined, Set<TcpFlag> set) {
        return new TcpFlags(examined, set, false);
    }

    /**
     * The first packet of a connection: SYN set, FIN, RST and ACK clear. nft {@code tcp flags
     * & (fin | syn | rst | ack) == syn}; iptables {@code -p tcp --syn}.
     *
     * @return the match ({@code negate()} for iptables' {@code ! --syn})
     */
    public static TcpFlags syn() {
        return new TcpFlags(SYN_EXAMINED, EnumSet.of(TcpFlag.SYN), false);
    }

    /**
     * Whether this is iptables' {@code --syn} test (or its negation).
     *
     * @return examined FIN, SYN, RST, ACK with SYN set
     */
    public boolean isSyn() {
        return examined.equals(SYN_EXAMINED) && set.equals(EnumSet.of(TcpFlag.SYN));
    }

    @Override
    public String toNft() {
        String mask = examined.size() == 1 ? examined.iterator().next().keyword() : "(" + words(examined) + ")";
        String value = set.isEmpty() ? "0" : set.size() == 1 ? set.iterator().next().keyword() : "(" + words(set) + ")";
        return "tcp flags & " + mask + (negated ? " != " : " == ") + value;
    }

    private static String words(Set<TcpFlag> flags) {
        return flags.stream().map(TcpFlag::keyword).collect(Collectors.joining(" | "));
    }

    @Override
    public TcpFlags negate() {
        return new TcpFlags(examined, set, !negated);
    }
}
