package io.netns4j.cli;

import io.netns4j.link.GreTunnel;
import io.netns4j.link.Ip6Tunnel;
import io.netns4j.link.IpTunnel;
import io.netns4j.link.LinkKind;
import io.netns4j.link.VtiTunnel;
import io.netns4j.types.InetPrefix;

import java.net.InetAddress;
import java.util.Set;

/**
 * Parses the options of {@code link add NAME type ipip|sit|ip6tnl|gre|gretap|ip6gre|ip6gretap|vti|vti6}
 * with ip 6.1's words (link_iptnl.c, link_ip6tnl.c, link_gre.c, link_gre6.c, link_vti.c,
 * link_vti6.c): the everyday ones; the encapsulation (fou/gue), 6rd, erspan and {@code external}
 * options are refused by name.
 */
final class TunnelArgs {
    /** Words ip takes for these kinds that netns4j does not encode yet. */
    private static final Set<String> NOT_YET = Set.of("encap", "noencap", "encap-sport", "encap-dport", "encap-csum",
            "noencap-csum", "encap-udp6-csum", "noencap-udp6-csum", "encap-remcsum", "noencap-remcsum", "external",
            "6rd-prefix", "6rd-relay_prefix", "6rd-reset", "isatap", "ignore-df", "noignore-df", "erspan",
            "erspan_ver", "erspan_dir", "erspan_hwid", "dscp", "allow-localremote", "noallow-localremote");

    private TunnelArgs() {
    }

    /** The kind for {@code kind}, or null when it is not a tunnel kind. */
    static LinkKind parse(String kind, Words w) throws UsageException {
        try {
            return switch (kind) {
                case "ipip" -> ip(w, IpTunnel.ipip());
                case "sit" -> ip(w, IpTunnel.sit());
                case "ip6tnl" -> ip6(w);
                case "gre" -> gre(w, GreTunnel.Type.GRE);
                case "gretap" -> gre(w, GreTunnel.Type.GRETAP);
                case "ip6gre" -> gre(w, GreTunnel.Type.IP6GRE);
                case "ip6gretap" -> gre(w, GreTunnel.Type.IP6GRETAP);
                case "vti" -> vti(w, VtiTunnel.Type.VTI);
                case "vti6" -> vti(w, VtiTunnel.Type.VTI6);
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ".");
        }
    }

    /**
     * The options of {@code link set DEV type KIND OPTIONS} applied to the tunnel's current settings
     * ({@code start}, read back from the kernel), as ip applies its words to what it read.
     */
    static LinkKind apply(LinkKind start, Words w) throws UsageException {
        try {
            return switch (start) {
                case IpTunnel t -> ip(w, t);
                case Ip6Tunnel t -> ip6(w, t);
                case GreTunnel t -> gre(w, t);
                case VtiTunnel t -> vti(w, t);
                default -> throw new IllegalStateException("not a tunnel: " + start.kindName());
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ".");
        }
    }

    private static UsageException unknown(Words w, String word, String kind) {
        return NOT_YET.contains(word) ? new UsageException("\"" + word + "\" of " + kind
                + " tunnels is not supported by netns4j yet.") : w.unknown(word);
    }

    private static IpTunnel ip(Words w, IpTunnel t) throws UsageException {
        String kind = t.kindName();
        while (w.more()) {
            String a = w.next();
            t = switch (a) {
                case "mode" -> t.withMode(ipMode(w.value(a, "a mode"), t.type()));
                case "remote" -> t.withRemote(address(w, a));
                case "local" -> t.withLocal(address(w, a));
                case "dev" -> t.withDevice(LinkKindArgs.ifname(w.value(a, "a device name")));
                case "ttl", "hoplimit", "hlim" -> t.withTtl(ttl(w, a));
                case "tos", "tclass", "tc", "dsfield" -> t.withTos(dsfield(w, a, 1));
                case "nopmtudisc" -> t.withPmtuDiscovery(false);
                case "pmtudisc" -> t.withPmtuDiscovery(true);
                case "fwmark" -> t.withFwmark((int) number(w, a, 0xffffffffL));
                default -> throw unknown(w, a, kind);
            };
        }
        return t;
    }

    private static IpTunnel.Mode ipMode(String m, IpTunnel.Type type) throws UsageException {
        return switch (m) {
            case "ipv6/ipv4", "ip6ip" -> {
                if (type != IpTunnel.Type.SIT) {
                    throw new UsageException("Cannot guess tunnel mode \"" + m + "\": ipip takes ipip, mplsip or any.");
                }
                yield IpTunnel.Mode.IP6IP;
            }
            case "ipv4/ipv4", "ipip", "ip4ip4" -> IpTunnel.Mode.IPIP;
            case "mpls/ipv4", "mplsip" -> IpTunnel.Mode.MPLSIP;
            case "any/ipv4", "any" -> IpTunnel.Mode.ANY;
            default -> throw new UsageException("Cannot guess tunnel mode \"" + m + "\": use ipip, "
                    + (type == IpTunnel.Type.SIT ? "ip6ip, " : "") + "mplsip or any.");
        };
    }

    private static Ip6Tunnel ip6(Words w) throws UsageException {
        return ip6(w, Ip6Tunnel.create());
    }

    private static Ip6Tunnel ip6(Words w, Ip6Tunnel t) throws UsageException {
        while (w.more()) {
            String a = w.next();
            t = switch (a) {
                case "mode" -> t.withMode(switch (w.value(a, "a mode")) {
                    case "ipv6/ipv6", "ip6ip6" -> Ip6Tunnel.Mode.IP6IP6;
                    case "ip/ipv6", "ipv4/ipv6", "ipip6", "ip4ip6" -> Ip6Tunnel.Mode.IPIP6;
                    case "any/ipv6", "any" -> Ip6Tunnel.Mode.ANY;
                    default -> throw new UsageException("Cannot guess tunnel mode: ip6tnl takes ip6ip6, ipip6 or any.");
                });
                case "remote" -> t.withRemote(address(w, a));
                case "local" -> t.withLocal(address(w, a));
                case "dev" -> t.withDevice(LinkKindArgs.ifname(w.value(a, "a device name")));
                case "ttl", "hoplimit", "hlim" -> t.withHopLimit(ttl(w, a));
                case "encaplimit" -> t.withEncapLimit(encapLimit(w, a));
                case "tos", "tclass", "tc", "dsfield" -> t.withTrafficClass(dsfield(w, a, -1));
                case "flowlabel", "fl" -> t.withFlowLabel(flowLabel(w, a));
                case "fwmark" -> t.withFwmark((int) number(w, a, 0xffffffffL));
                default -> throw unknown(w, a, "ip6tnl");
            };
        }
        return t;
    }

    private static GreTunnel gre(Words w, GreTunnel.Type type) throws UsageException {
        return gre(w, GreTunnel.of(type));
    }

    private static GreTunnel gre(Words w, GreTunnel t) throws UsageException {
        GreTunnel.Type type = t.type();
        while (w.more()) {
            String a = w.next();
            t = switch (a) {
                case "key" -> t.withKey(key(w, a));
                case "ikey" -> t.withInputKey(key(w, a));
                case "okey" -> t.withOutputKey(key(w, a));
                case "nokey" -> t.withInputKey(-1).withOutputKey(-1);
                case "noikey" -> t.withInputKey(-1);
                case "nookey" -> t.withOutputKey(-1);
                case "seq", "noseq" -> t.withSequence(!a.startsWith("no"), !a.startsWith("no"));
                case "iseq", "noiseq" -> t.withSequence(!a.startsWith("no"), t.outputSequence());
                case "oseq", "nooseq" -> t.withSequence(t.inputSequence(), !a.startsWith("no"));
                case "csum", "nocsum" -> t.withChecksum(!a.startsWith("no"), !a.startsWith("no"));
                case "icsum", "noicsum" -> t.withChecksum(!a.startsWith("no"), t.outputChecksum());
                case "ocsum", "noocsum" -> t.withChecksum(t.inputChecksum(), !a.startsWith("no"));
                case "pmtudisc", "nopmtudisc" -> {
                    if (type.ipv6) {
                        throw w.unknown(a);
                    }
                    yield t.withPmtuDiscovery(a.equals("pmtudisc"));
                }
                case "remote" -> t.withRemote(address(w, a));
                case "local" -> t.withLocal(address(w, a));
                case "dev" -> t.withDevice(LinkKindArgs.ifname(w.value(a, "a device name")));
                case "ttl", "hoplimit", "hlim" -> t.withTtl(ttl(w, a));
                case "tos", "tclass", "dsfield" -> type.ipv6 ? t.withTrafficClass(dsfield(w, a, -1))
                        : t.withTos(dsfield(w, a, 1));
                case "flowlabel", "fl" -> {
                    ip6Only(w, a, type);
                    yield t.withFlowLabel(flowLabel(w, a));
                }
                case "encaplimit" -> {
                    ip6Only(w, a, type);
                    yield t.withEncapLimit(encapLimit(w, a));
                }
                case "fwmark" -> t.withFwmark((int) number(w, a, 0xffffffffL));
                default -> throw unknown(w, a, type.kindName);
            };
        }
        return t;
    }

    private static void ip6Only(Words w, String a, GreTunnel.Type type) throws UsageException {
        if (!type.ipv6) {
            throw w.unknown(a);
        }
    }

    private static VtiTunnel vti(Words w, VtiTunnel.Type type) throws UsageException {
        return vti(w, VtiTunnel.of(type));
    }

    private static VtiTunnel vti(Words w, VtiTunnel t) throws UsageException {
        while (w.more()) {
            String a = w.next();
            t = switch (a) {
                case "key" -> t.withKey(key(w, a));
                case "ikey" -> t.withInputKey(key(w, a));
                case "okey" -> t.withOutputKey(key(w, a));
                case "remote" -> t.withRemote(address(w, a));
                case "local" -> t.withLocal(address(w, a));
                case "dev" -> t.withDevice(LinkKindArgs.ifname(w.value(a, "a device name")));
                case "fwmark" -> t.withFwmark((int) number(w, a, 0xffffffffL));
                default -> throw w.unknown(a);
            };
        }
        return t;
    }

    private static InetAddress address(Words w, String keyword) throws UsageException {
        String v = w.value(keyword, "an IP address");
        if (v.equals("any")) {
            return null;
        }
        try {
            return InetPrefix.parseAddress(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (after \"" + keyword + "\")");
        }
    }

    private static int ttl(Words w, String keyword) throws UsageException {
        if (w.more() && w.peek().equals("inherit")) {
            w.next();
            return 0;
        }
        return (int) number(w, keyword, 255);
    }

    private static int encapLimit(Words w, String keyword) throws UsageException {
        if (w.more() && w.peek().equals("none")) {
            w.next();
            return -1;
        }
        return (int) number(w, keyword, 255);
    }

    /** A TOS or traffic class: hexadecimal as ip reads it ({@code 10} is 0x10), or {@code inherit}. */
    private static int dsfield(Words w, String keyword, int inherit) throws UsageException {
        String v = w.value(keyword, "a hexadecimal value or \"inherit\"");
        if (v.equals("inherit")) {
            return inherit;
        }
        return (int) hex(v, keyword, 255);
    }

    private static int flowLabel(Words w, String keyword) throws UsageException {
        String v = w.value(keyword, "a hexadecimal flow label or \"inherit\"");
        if (v.equals("inherit")) {
            return -1;
        }
        return (int) hex(v, keyword, 0xfffff);
    }

    private static long hex(String v, String keyword, long max) throws UsageException {
        try {
            long n = Long.parseLong(v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v, 16);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("argument \"" + v + "\" is wrong: \"" + keyword + "\" takes a hexadecimal number"
                + " up to 0x" + Long.toHexString(max) + ".");
    }

    /** A number as C's strtoul with base 0 reads it (decimal, 0x hexadecimal, 0 octal). */
    private static long number(Words w, String keyword, long max) throws UsageException {
        return number(w.value(keyword, "a number"), keyword, max);
    }

    private static long number(String v, String keyword, long max) throws UsageException {
        try {
            long n = v.length() > 1 && v.startsWith("0") && !v.startsWith("0x") && !v.startsWith("0X")
                    ? Long.parseLong(v.substring(1), 8) : Long.decode(v);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("argument \"" + v + "\" is wrong: \"" + keyword + "\" takes a number from 0 to "
                + max + ".");
    }

    /** A GRE or VTI key: a number, or four dotted bytes ({@code 1.2.3.4}) as ip's tnl_parse_key takes it. */
    private static long key(Words w, String keyword) throws UsageException {
        String v = w.value(keyword, "a number or a dotted quad");
        if (v.contains(".")) {
            try {
                InetAddress a = InetPrefix.parseAddress(v);
                byte[] b = a.getAddress();
                if (b.length == 4) {
                    return Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(b).getInt());
                }
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
            throw new UsageException("invalid value for \"" + keyword + "\": \"" + v + "\"; it should be an unsigned"
                    + " integer or a dotted quad.");
        }
        try {
            return number(v, keyword, 0xffffffffL);
        } catch (UsageException e) {
            throw new UsageException("invalid value for \"" + keyword + "\": \"" + v + "\"; it should be an unsigned"
                    + " integer.");
        }
    }
}
