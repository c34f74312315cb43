package io.netns4j.cli;

import io.netns4j.link.Bridge;
import io.netns4j.link.BridgePort;

import java.util.Locale;

/**
 * The words of {@code type bridge ...} ({@code link add} and {@code link set}) and of
 * {@code link set DEV type bridge_slave ...}, with ip's keywords and value forms
 * ({@code on|off} for a port's flags, {@code 802.1Q|802.1ad} for {@code vlan_protocol}).
 */
final class BridgeArgs {
    static final String SLAVE_FORM = "link set DEV type bridge_slave [state N] [priority N] [cost N]"
            + " [hairpin|guard|root_block|fastleave|learning|flood|proxy_arp|mcast_flood|bcast_flood|..."
            + " on|off] [mcast_router N] [group_fwd_mask N]";

    private BridgeArgs() {
    }

    static Bridge bridge(Words w) throws UsageException {
        Bridge b = Bridge.defaults();
        while (w.more()) {
            String a = w.next();
            b = switch (a) {
                case "stp_state" -> b.withStpState(w.intValue(a, 0, 1) == 1);
                case "vlan_filtering" -> b.withVlanFiltering(w.intValue(a, 0, 1) == 1);
                case "ageing_time" -> b.withAgeingTime(w.intValue(a, 0, Integer.MAX_VALUE));
                case "forward_delay" -> b.withForwardDelay(w.intValue(a, 0, Integer.MAX_VALUE));
                case "hello_time" -> b.withHelloTime(w.intValue(a, 0, Integer.MAX_VALUE));
                case "max_age" -> b.withMaxAge(w.intValue(a, 0, Integer.MAX_VALUE));
                case "priority" -> b.withPriority(w.intValue(a, 0, 65535));
                case "vlan_protocol" -> b.with(Bridge.Option.VLAN_PROTOCOL, vlanProtocol(w.value(a, "802.1Q or 802.1ad")));
                default -> {
                    Bridge.Option o = option(a);
                    if (o == null) {
                        throw w.unknown(a);
                    }
                    yield b.with(o, number(w, a, o.max()));
                }
            };
        }
        return b;
    }

    private static Bridge.Option option(String word) {
        for (Bridge.Option o : Bridge.Option.values()) {
            if (o.word().equals(word)) {
                return o;
            }
        }
        return null;
    }

    private static long vlanProtocol(String v) throws UsageException {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "802.1q" -> 0x8100;
            case "802.1ad" -> 0x88a8;
            default -> throw new UsageException("argument \"" + v + "\" is wrong: \"vlan_protocol\" takes 802.1Q or"
                    + " 802.1ad.");
        };
    }

    static BridgePort port(Words w) throws UsageException {
        BridgePort p = BridgePort.none();
        while (w.more()) {
            String a = w.next();
            String word = a.equals("mcast_fast_leave") ? "fastleave" : a;
            BridgePort.Option o = null;
            for (BridgePort.Option c : BridgePort.Option.values()) {
                if (c.word().equals(word)) {
                    o = c;
                }
            }
            if (o == null) {
                throw new UsageException("Unknown argument \"" + a + "\": the form is \"" + SLAVE_FORM + "\".");
            }
            p = p.with(o, o.isFlag() ? onOff(w, a) : o == BridgePort.Option.STATE ? state(w.value(a, "a state"))
                    : number(w, a, o == BridgePort.Option.COST ? 0xFFFF_FFFFL : o == BridgePort.Option.MCAST_ROUTER
                    ? 3 : 65535));
        }
        return p;
    }

    /** {@code state}: a number as ip takes it, or the state's name. */
    private static long state(String v) throws UsageException {
        return switch (v) {
            case "0", "disabled" -> 0;
            case "1", "listening" -> 1;
            case "2", "learning" -> 2;
            case "3", "forwarding" -> 3;
            case "4", "blocking" -> 4;
            default -> throw new UsageException("argument \"" + v + "\" is wrong: \"state\" takes 0 to 4 (disabled,"
                    + " listening, learning, forwarding, blocking).");
        };
    }

    private static long onOff(Words w, String keyword) throws UsageException {
        String v = w.value(keyword, "on or off");
        return switch (v) {
            case "on" -> 1;
            case "off" -> 0;
            default -> throw new UsageException("argument \"" + v + "\" is wrong: \"" + keyword + "\" takes on or off.");
        };
    }

    private static long number(Words w, String keyword, long max) throws UsageException {
        String v = w.value(keyword, "a number");
        try {
            long n = Long.decode(v);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("argument \"" + v + "\" is wrong: \"" + keyword + "\" takes a number from 0 to "
                + max + ".");
    }
}
