package io.netns4j.rule;

import io.netns4j.route.RouteType;
import io.netns4j.types.KernelNumbered;



/** What a policy routing rule does when it matches ({@code ip rule}'s ACTION); names are {@code ip}'s. */
public enum RuleAction implements KernelNumbered {
    /** Look the packet up in the rule's table ({@code lookup TABLE}). The default. */
    TO_TABLE(1, "lookup"),
    /** Jump to the rule with priority {@code goto} ({@code goto PRIORITY}). */
    GOTO(2, "goto"),
    /** Do nothing ({@code nop}). */
    NOP(3, "nop"),
    /** Drop silently ({@code blackhole}). */
    BLACKHOLE(6, "blackhole"),
    /** Drop; the sender gets "network unreachable" ({@code unreachable}). */
    UNREACHABLE(7, "unreachable"),
    /** Drop; the sender gets "administratively prohibited" ({@code prohibit}). */
    PROHIBIT(8, "prohibit");

    private final int number;
    private final String ipName;

    RuleAction(int number, String ipName) {
        this.number = number;
        this.ipName = ipName;
    }

    /**
     * The kernel's FR_ACT_* number.
     *
     * @return the number
     */
    @Override
    public int number() {
        return number;
    }

    /**
     * The word {@code ip rule} prints.
     *
     * @return e.g. {@code lookup}
     */
    public String ipName() {
        return ipName;
    }

    /**
     * The action with an FR_ACT_* number.
     *
     * @param n the number
     * @return the action, or null for one the kernel may add later
     */
    public static RuleAction ofNumber(int n) {
        return KernelNumbered.byNumber(values(), n, null);
    }

    /**
     * The action a word of {@code ip rule add} names, with {@code ip}'s abbreviations.
     *
     * @param word {@code blackhole}, {@code unreachable}, {@code prohibit} or {@code nop} (or a prefix of one)
     * @return the action, or null when the word names none of these
     */
    public static RuleAction parse(String word) {
        if (!word.isEmpty() && "nop".startsWith(word)) {
            return NOP;
        }
        RouteType t = RouteType.parse(word);
        if (t == null) {
            return null;
        }
        return switch (t) {
            case BLACKHOLE -> BLACKHOLE;
            case UNREACHABLE -> UNREACHABLE;
            case PROHIBIT -> PROHIBIT;
            default -> null;
        };
    }
}
