package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Mark;
import io.netns4j.firewall.NatFlag;
import io.netns4j.firewall.PortRange;
import io.netns4j.firewall.Redirect;
import io.netns4j.firewall.SetConnMark;
import io.netns4j.firewall.Verdict;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which target takes which option, and the options of the CONNMARK, REDIRECT and MASQUERADE
 * targets and the NAT flags ({@code --random}, {@code --random-fully}, {@code --persistent}) as
 * libxt_CONNMARK, libxt_REDIRECT, libxt_MASQUERADE, libxt_SNAT and libxt_DNAT parse and print
 * them.
 */
final class IptablesTargetOptions {
    private static final List<String> MARK_OPS = List.of("--set-xmark", "--set-mark", "--and-mark", "--or-mark",
            "--xor-mark");
    private static final List<String> CONNMARK_OPS = List.of("--set-xmark", "--set-mark", "--and-mark", "--or-mark",
            "--xor-mark", "--save-mark", "--restore-mark");
    /** Target -> its options; the order gives the owner named in "needs -j X" errors. */
    private static final Map<String, Set<String>> OPTIONS = new LinkedHashMap<>();
    /** Options that take no value. */
    static final Set<String> FLAGS = Set.of("--save-mark", "--restore-mark", "--random", "--random-fully",
            "--persistent", "--log-tcp-sequence", "--log-tcp-options", "--log-ip-options", "--log-uid",
            "--log-macdecode");

    /** The LOG flags among the options. */
    static Set<io.netns4j.firewall.LogFlag> logFlags(List<String> options) {
        Set<io.netns4j.firewall.LogFlag> flags = EnumSet.noneOf(io.netns4j.firewall.LogFlag.class);
        for (int i = 0; i < options.size(); i += 2) {
            switch (options.get(i)) {
                case "--log-tcp-sequence" -> flags.add(io.netns4j.firewall.LogFlag.TCP_SEQUENCE);
                case "--log-tcp-options" -> flags.add(io.netns4j.firewall.LogFlag.TCP_OPTIONS);
                case "--log-ip-options" -> flags.add(io.netns4j.firewall.LogFlag.IP_OPTIONS);
                case "--log-uid" -> flags.add(io.netns4j.firewall.LogFlag.UID);
                case "--log-macdecode" -> flags.add(io.netns4j.firewall.LogFlag.MACDECODE);
                default -> { }
            }
        }
        return flags;
    }

    /** {@code -S}: {@code " --log-tcp-sequence --log-uid"}; {@code -L} without {@code -n}: {@code " tcp-sequence uid"}. */
    static String logFlags(Set<io.netns4j.firewall.LogFlag> flags, boolean save) {
        StringBuilder b = new StringBuilder();
        for (io.netns4j.firewall.LogFlag f : flags) {
            String word = f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            b.append(save ? " --log-" : " ").append(word);
        }
        return b.toString();
    }

    static {
        OPTIONS.put("REJECT", Set.of("--reject-with"));
        OPTIONS.put("LOG", Set.of("--log-prefix", "--log-level", "--log-tcp-sequence", "--log-tcp-options",
                "--log-ip-options", "--log-uid", "--log-macdecode"));
        OPTIONS.put("SNAT", Set.of("--to-source", "--random", "--random-fully", "--persistent"));
        OPTIONS.put("DNAT", Set.of("--to-destination", "--random", "--persistent"));
        OPTIONS.put("MASQUERADE", Set.of("--to-ports", "--random", "--random-fully"));
        OPTIONS.put("REDIRECT", Set.of("--to-ports", "--random"));
        OPTIONS.put("MARK", Set.copyOf(MARK_OPS));
        OPTIONS.put("CONNMARK", Set.of("--set-xmark", "--set-mark", "--and-mark", "--or-mark", "--xor-mark",
                "--save-mark", "--restore-mark", "--nfmask", "--ctmask", "--mask"));
    }

    private IptablesTargetOptions() {
    }

    /** Whether {@code opt} is a target's option. */
    static boolean isTargetOption(String opt) {
        return OPTIONS.values().stream().anyMatch(s -> s.contains(opt));
    }

    /** {@code target} when it takes {@code opt}, else the first target that does. */
    static String owner(String opt, String target) {
        if (OPTIONS.getOrDefault(target, Set.of()).contains(opt)) {
            return target;
        }
        return OPTIONS.entrySet().stream().filter(e -> e.getValue().contains(opt)).map(Map.Entry::getKey)
                .findFirst().orElse("?");
    }

    /** The options of {@code target} that exclude each other (null when none do). */
    static List<String> exclusive(String target) {
        return switch (target) {
            case "MARK" -> MARK_OPS;
            case "CONNMARK" -> CONNMARK_OPS;
            default -> null;
        };
    }

    /**
     * {@code -j CONNMARK} with its options ({@code [option, value or null, ...]}) as libxt_CONNMARK
     * revision 2 computes the kernel's (ctmark, ctmask, nfmask, mode), the options in order:
     * the masks start at 0xffffffff, {@code --set-mark V/M} sets the ctmask to {@code M|V}.
     */
    static SetConnMark connmark(List<String> options, String program) throws IptablesSyntaxException {
        SetConnMark.Mode mode = null;
        long value = 0;
        long ctMask = Mark.ALL;
        long nfMask = Mark.ALL;
        for (int i = 0; i < options.size(); i += 2) {
            String opt = options.get(i);
            String v = options.get(i + 1);
            switch (opt) {
                case "--save-mark" -> mode = SetConnMark.Mode.SAVE;
                case "--restore-mark" -> mode = SetConnMark.Mode.RESTORE;
                case "--nfmask" -> nfMask = number(v, opt, program);
                case "--ctmask" -> ctMask = number(v, opt, program);
                case "--mask" -> {
                    nfMask = number(v, opt, program);
                    ctMask = nfMask;
                }
                default -> {
                    mode = SetConnMark.Mode.SET;
                    io.netns4j.firewall.SetMark mark;
                    try {
                        mark = IptablesMarks.setMark(List.of(opt, v), program);
                    } catch (IptablesSyntaxException e) {
                        throw new IptablesSyntaxException(e.getMessage().replace(": MARK: ", ": CONNMARK: "));
                    }
                    value = mark.value();
                    ctMask = mark.mask();
                }
            }
        }
        if (mode == null) {
            throw syntax(program, "CONNMARK target: No operation specified (--set-xmark, --set-mark, --and-mark,"
                    + " --or-mark, --xor-mark, --save-mark or --restore-mark)");
        }
        return new SetConnMark(mode, value, ctMask, nfMask);
    }

    private static long number(String v, String opt, String program) throws IptablesSyntaxException {
        try {
            return IptablesMatchOptions.number(v, Mark.ALL, opt, program);
        } catch (IptablesSyntaxException e) {
            throw syntax(program, "CONNMARK: bad value for option \"" + opt + "\": \"" + v + "\", 0 to 0xffffffff");
        }
    }

    /** {@code --random}, {@code --random-fully}, {@code --persistent} among the options. */
    static Set<NatFlag> flags(List<String> options) {
        Set<NatFlag> flags = EnumSet.noneOf(NatFlag.class);
        for (int i = 0; i < options.size(); i += 2) {
            switch (options.get(i)) {
                case "--random" -> flags.add(NatFlag.RANDOM);
                case "--random-fully" -> flags.add(NatFlag.RANDOM_FULLY);
                case "--persistent" -> flags.add(NatFlag.PERSISTENT);
                default -> { }
            }
        }
        return flags;
    }

    /** {@code --to-ports P[-Q]} of REDIRECT and MASQUERADE: a dash, not a colon; needs a port protocol. */
    static PortRange toPorts(String value, String protocol, String program) throws IptablesSyntaxException {
        if (value == null) {
            return null;
        }
        if (protocol == null || !Set.of("tcp", "udp", "sctp", "dccp").contains(protocol)) {
            throw syntax(program, "Need TCP, UDP, SCTP or DCCP with port specification (-p tcp before --to-ports)");
        }
        if (value.indexOf(':') >= 0) {
            throw syntax(program, "Invalid port:port syntax - use dash (--to-ports " + value.replace(':', '-') + ")");
        }
        return IptablesNames.portRange(value.replace('-', ':'), protocol, program);
    }

    static Redirect redirect(String ports, List<String> options, String protocol, String program)
            throws IptablesSyntaxException {
        return new Redirect(toPorts(ports, protocol, program), flags(options).contains(NatFlag.RANDOM));
    }

    // ---- -S and -L ----

    /** {@code -S}: {@code " --random --random-fully --persistent"} as the flags are set. */
    static String saveFlags(Set<NatFlag> flags) {
        StringBuilder b = new StringBuilder();
        for (NatFlag f : flags) {
            b.append(switch (f) {
                case RANDOM -> " --random";
                case RANDOM_FULLY -> " --random-fully";
                case PERSISTENT -> " --persistent";
            });
        }
        return b.toString();
    }

    /** {@code -L}: {@code " random random-fully persistent"}. */
    static String listFlags(Set<NatFlag> flags) {
        return saveFlags(flags).replace(" --", " ");
    }

    static String ports(PortRange r) {
        return r.single() ? Integer.toString(r.first()) : r.first() + "-" + r.last();
    }

    static String save(Verdict v) {
        return switch (v) {
            case Redirect r -> " -j REDIRECT" + (r.ports() != null ? " --to-ports " + ports(r.ports()) : "")
                    + (r.random() ? " --random" : "");
            case Verdict.Masquerade m -> " -j MASQUERADE" + (m.ports() != null ? " --to-ports " + ports(m.ports()) : "")
                    + saveFlags(m.flags());
            case SetConnMark c -> " -j CONNMARK" + switch (c.mode()) {
                case SET -> " --set-xmark 0x" + Long.toHexString(c.value()) + "/0x" + Long.toHexString(c.ctMask());
                case SAVE -> " --save-mark --nfmask 0x" + Long.toHexString(c.nfMask()) + " --ctmask 0x"
                        + Long.toHexString(c.ctMask());
                case RESTORE -> " --restore-mark --nfmask 0x" + Long.toHexString(c.nfMask()) + " --ctmask 0x"
                        + Long.toHexString(c.ctMask());
            };
            default -> throw new IllegalArgumentException(v.toNft());
        };
    }

    static String list(Verdict v) {
        return switch (v) {
            case Redirect r -> (r.ports() != null ? " redir ports " + ports(r.ports()) : "") + (r.random() ? " random" : "");
            case Verdict.Masquerade m -> (m.ports() != null ? " masq ports: " + ports(m.ports()) : "")
                    + listFlags(m.flags());
            case SetConnMark c -> switch (c.mode()) {
                case SET -> IptablesMarks.list(new io.netns4j.firewall.SetMark(c.value(), c.ctMask()))
                        .replace(" MARK ", " CONNMARK ");
                case SAVE -> " CONNMARK save" + masks(c.nfMask(), c.ctMask(), "nfmask", "ctmask");
                case RESTORE -> " CONNMARK restore" + masks(c.ctMask(), c.nfMask(), "ctmask", "nfmask");
            };
            default -> throw new IllegalArgumentException(v.toNft());
        };
    }

    /** connmark_tg_print: nothing for whole masks, {@code mask M} for equal ones, else both. */
    private static String masks(long first, long second, String firstName, String secondName) {
        if (first == Mark.ALL && second == Mark.ALL) {
            return "";
        } else if (first == second) {
            return " mask 0x" + Long.toHexString(first);
        }
        return " " + firstName + " 0x" + Long.toHexString(first) + " " + secondName + " ~0x" + Long.toHexString(second);
    }

    private static IptablesSyntaxException syntax(String program, String text) {
        return new IptablesSyntaxException(program + ": " + text);
    }
}
