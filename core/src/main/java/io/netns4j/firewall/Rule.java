package io.netns4j.firewall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a chain: matches and statements in order, then a verdict, and an optional
 * comment; {@code iifname "veth1" tcp dport 80 counter accept} in nft, the rule spec of
 * {@code iptables -A INPUT -i veth1 -p tcp --dport 80 -j ACCEPT}. Rules read from the kernel
 * and rules written by the library or translated from iptables syntax are the same objects
 * and compare equal when they mean the same thing.
 *
 * <p>As nft does, a {@code meta l4proto P} directly implied by a later {@code P sport/dport}
 * match (or {@code meta l4proto tcp} by a later {@code tcp flags} test, {@code icmp} by
 * {@code icmp type}) is dropped
 * ({@code tcp dport 80} carries it).
 *
 * @param matches the matches and statements, in order (copied)
 * @param verdict what the rule does; {@link Verdict#NONE} for none, never null
 * @param comment the rule's comment ({@code comment "TEXT"}), at most 128 characters, or null
 */
public record Rule(List<Match> matches, Verdict verdict, String comment) {
    /**
     * Checks the rule and drops implied protocol matches.
     *
     * @throws NullPointerException when {@code verdict} or a match is null
     * @throws IllegalArgumentException when {@code comment} cannot be written (a double quote, a line break, too long)
     */
    public Rule {
        matches = withoutImpliedProtocols(matches);
        Objects.requireNonNull(verdict, "verdict (use Verdict.NONE for none)");
        if (comment != null) {
            NftSyntax.quotable(comment, "comment", 128);
        }
    }

    /**
     * A rule of {@code matches} with {@code verdict} and no comment.
     *
     * @param verdict what the rule does
     * @param matches the matches, in order
     * @return the rule
     */
    public static Rule of(Verdict verdict, Match... matches) {
        return new Rule(Arrays.asList(matches), verdict, null);
    }

    /**
     * The same rule with {@code comment} ({@code comment "TEXT"}; iptables {@code -m comment --comment}).
     *
     * @param text the comment, or null for none
     * @return a new rule
     * @throws IllegalArgumentException when {@code text} cannot be written
     */
    public Rule withComment(String text) {
        return new Rule(matches, verdict, text);
    }

    /**
     * The same rule with its counters at zero: what identifies a rule, whatever it counted.
     *
     * @return a new rule
     */
    public Rule withoutCounts() {
        List<Match> zeroed = matches.stream().map(m -> m instanceof Match.Counter ? (Match) Match.counter() : m).toList();
        return new Rule(zeroed, verdict, comment);
    }

    /**
     * The rule's first counter, if it has one.
     *
     * @return the counter, or empty
     */
    public Optional<Match.Counter> counter() {
        return matches.stream().filter(Match.Counter.class::isInstance).map(Match.Counter.class::cast).findFirst();
    }

    /**
     * Whether every part can be written back ({@link Match.Unsupported} cannot).
     *
     * @return true when the rule has no unsupported part
     */
    public boolean writable() {
        return matches.stream().noneMatch(Match.Unsupported.class::isInstance);
    }

    /**
     * The nft text.
     *
     * @return e.g. {@code iifname "veth1" tcp dport 80 counter accept comment "web"}
     */
    public String toNft() {
        StringBuilder sb = new StringBuilder();
        for (Match m : matches) {
            append(sb, m.toNft());
        }
        append(sb, verdict.toNft());
        if (comment != null) {
            append(sb, "comment " + NftSyntax.quote(comment));
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String part) {
        if (!part.isEmpty()) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(part);
        }
    }

    private static List<Match> withoutImpliedProtocols(List<Match> in) {
        List<Match> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Match m = Objects.requireNonNull(in.get(i), "match");
            if (m instanceof Match.Protocol p && !p.negated() && impliedLater(in, i, p.name())) {
                continue;
            }
            out.add(m);
        }
        return List.copyOf(out);
    }

    private static boolean impliedLater(List<Match> in, int from, String protocol) {
        for (int j = from + 1; j < in.size(); j++) {
            if (in.get(j) instanceof Match.Port port && port.protocol().equals(protocol)
                    || in.get(j) instanceof TcpFlags && protocol.equals("tcp")
                    || in.get(j) instanceof IcmpType t && protocol.equals(t.ipv6() ? "ipv6-icmp" : "icmp")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return writable() ? toNft() : "Rule" + matches + " " + verdict;
    }
}
