package io.netns4j.cli;

import io.netns4j.link.GreTunnel;
import io.netns4j.link.Ip6Tunnel;
import io.netns4j.link.IpTunnel;
import io.netns4j.link.LinkKind;
import io.netns4j.link.VtiTunnel;
import io.netns4j.types.InetPrefix;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of {@code ip tunnel add|change|del|show} (parse_args of ip/iptunnel.c and
 * ip/ip6tunnel.c) read into the fields of ip's {@code ip_tunnel_parm} / {@code ip6_tnl_parm2},
 * with its defaults (IPv4: pmtudisc; IPv6: mode ip6ip6, hoplimit 64, encaplimit 4), then turned into
 * the link kind that rtnetlink makes the same device with ({@link #kind()}).
 */
final class TunnelWords {
    static final int IPIP = 4;
    static final int GRE = 47;
    static final int IPV6 = 41;

    final boolean ipv6;
    String name;
    /** The protocol ip puts in iph.protocol (IPv4) or proto (IPv6); IPv4 0: not given. */
    int proto;
    boolean vti;
    boolean modeGiven;
    String modeWord;
    long ikey = -1;
    long okey = -1;
    boolean iseq, oseq, icsum, ocsum;
    boolean pmtudisc = true;
    InetAddress remote;
    InetAddress local;
    String dev;
    int ttl;
    int tos;
    int encapLimit = 4;
    int trafficClass;
    int flowLabel;
    /** Words given that only ioctls can set on a vti (ttl, tos, pmtudisc, hoplimit, ...): refused for vti. */
    final List<String> ioctlOnly = new ArrayList<>();
    /** The option words for {@code change}: all but the name and the mode. */
    final List<String> options = new ArrayList<>();

    private TunnelWords(boolean ipv6) {
        this.ipv6 = ipv6;
        this.proto = ipv6 ? IPV6 : 0;
        this.ttl = ipv6 ? 64 : 0;
    }

    String name() {
        return name;
    }

    List<String> options() {
        return options;
    }

    static TunnelWords parse(List<String> args, boolean ipv6, String verb) throws UsageException {
        TunnelWords t = new TunnelWords(ipv6);
        Words w = new Words(args, TunnelCommand.FORM);
        while (w.more()) {
            String a = w.next();
            int mark = t.options.size();
            t.options.add(a);
            switch (a) {
                case "mode" -> {
                    t.options.removeLast();
                    t.mode(w.value(a, "a mode"));
                }
                case "key" -> {
                    t.ikey = t.okey = key(w, a, t);
                }
                case "ikey" -> t.ikey = key(w, a, t);
                case "okey" -> t.okey = key(w, a, t);
                case "seq" -> t.iseq = t.oseq = true;
                case "iseq" -> t.iseq = true;
                case "oseq" -> t.oseq = true;
                case "csum" -> t.icsum = t.ocsum = true;
                case "icsum" -> t.icsum = true;
                case "ocsum" -> t.ocsum = true;
                case "remote" -> t.remote = t.address(w.value(a, "an address"), a, t);
                case "local" -> t.local = t.address(w.value(a, "an address"), a, t);
                case "dev" -> t.dev = LinkKindArgs.ifname(t.option(w, a, "a device name"));
                case "pmtudisc", "nopmtudisc" -> {
                    if (ipv6) {
                        t.name(a, mark);
                    } else {
                        t.pmtudisc = a.equals("pmtudisc");
                        t.ioctlOnly.add(a);
                    }
                }
                case "ttl", "hoplimit", "hlim" -> {
                    String v = t.option(w, a, "a TTL");
                    t.ttl = !ipv6 && v.equals("inherit") ? 0 : (int) number(v, a, "invalid TTL");
                    t.ioctlOnly.add(a);
                }
                case "tos", "tclass", "tc", "dsfield" -> {
                    if (a.equals("tc") && !ipv6) {
                        t.name(a, mark);
                        continue;
                    }
                    String v = t.option(w, a, "a TOS");
                    t.tos(v, a);
                    t.ioctlOnly.add(a);
                }
                case "encaplimit" -> ipv6Only(t, w, a, mark, () -> {
                    String v = t.option(w, a, "a limit");
                    t.encapLimit = v.equals("none") ? -1 : (int) number(v, a, "invalid ELIM");
                    t.ioctlOnly.add(a);
                });
                case "flowlabel", "fl" -> ipv6Only(t, w, a, mark, () -> {
                    String v = t.option(w, a, "a flow label");
                    t.flowLabel = v.equals("inherit") ? -1 : (int) hex(v, a, 0xfffff, "invalid Flowlabel");
                    t.ioctlOnly.add(a);
                });
                case "dscp", "allow-localremote" -> ipv6Only(t, w, a, mark, () -> {
                    throw new UsageException("\"" + a + "\" of ip6 tunnels is not supported by netns4j yet.");
                });
                case "noallow-localremote" -> ipv6Only(t, w, a, mark, () -> { });
                default -> t.name(a.equals("name") ? w.value(a, "a name") : a, mark);
            }
        }
        if (!ipv6 && t.proto == 0 && t.name != null) { // ip guesses the mode from the name
            for (String prefix : List.of("gre", "ipip", "sit", "isatap", "vti")) {
                if (t.name.startsWith(prefix)) {
                    t.mode(prefix.equals("isatap") ? "isatap" : prefix.equals("sit") ? "sit" : prefix);
                    t.modeGiven = false;
                    break;
                }
            }
        }
        if (!ipv6 && (t.ikey >= 0 || t.okey >= 0) && !t.vti && t.proto != GRE) {
            throw new UsageException("Keys are not allowed with ipip and sit tunnels.");
        }
        return t;
    }

    private interface Step {
        void run() throws UsageException;
    }

    private static void ipv6Only(TunnelWords t, Words w, String a, int mark, Step s) throws UsageException {
        if (t.ipv6) {
            s.run();
        } else {
            t.name(a, mark);
        }
    }

    /** A word that is no keyword is the name, once (ip's duparg2). */
    private void name(String word, int mark) throws UsageException {
        while (options.size() > mark) {
            options.removeLast();
        }
        if (name != null) {
            throw new UsageException("Error: either \"name\" is duplicate, or \"" + word + "\" is a garbage.");
        }
        if (word.equals("help") || (word.length() > 0 && "help".startsWith(word) && word.startsWith("h"))) {
            throw new UsageException("Usage: netns4j " + TunnelCommand.FORM);
        }
        name = LinkKindArgs.ifname(word);
    }

    private String option(Words w, String keyword, String what) throws UsageException {
        String v = w.value(keyword, what);
        options.add(v);
        return v;
    }

    private void mode(String m) throws UsageException {
        if (modeGiven && !ipv6) {
            throw new UsageException("You managed to ask for more than one tunnel mode.");
        }
        modeGiven = true;
        modeWord = m;
        if (ipv6) {
            switch (m) {
                case "ipv6/ipv6", "ip6ip6" -> proto = IPV6;
                case "vti6" -> {
                    proto = IPV6;
                    vti = true;
                }
                case "ip/ipv6", "ipv4/ipv6", "ipip6", "ip4ip6" -> proto = IPIP;
                case "ip6gre", "gre/ipv6" -> proto = GRE;
                case "any/ipv6", "any" -> proto = 0;
                default -> throw new UsageException("Unknown tunnel mode \"" + m + "\".");
            }
            return;
        }
        switch (m) {
            case "ipip", "ip/ip" -> proto = IPIP;
            case "gre", "gre/ip" -> proto = GRE;
            case "sit", "ipv6/ip" -> proto = IPV6;
            case "isatap" -> throw new UsageException("mode isatap (sit with a potential router list) is not"
                    + " supported by netns4j yet.");
            case "vti" -> {
                proto = IPIP;
                vti = true;
            }
            default -> throw new UsageException("Unknown tunnel mode \"" + m + "\".");
        }
    }

    private InetAddress address(String v, String keyword, TunnelWords t) throws UsageException {
        options.add(v);
        if (!ipv6 && v.equals("any")) {
            return null;
        }
        try {
            InetAddress a = InetPrefix.parseAddress(v);
            if ((a instanceof Inet6Address) != ipv6) {
                throw new UsageException("Error: " + (ipv6 ? "inet6" : "inet") + " address is expected rather than \""
                        + v + "\".");
            }
            return a.isAnyLocalAddress() ? null : a;
        } catch (IllegalArgumentException e) {
            throw new UsageException("Error: an " + (ipv6 ? "inet6" : "inet") + " address is expected rather than \""
                    + v + "\" (after \"" + keyword + "\").");
        }
    }

    /** {@code tos T}: hexadecimal, {@code inherit} (1) or, over IPv4, {@code inherit/T} (T with bit 0 set). */
    private void tos(String v, String keyword) throws UsageException {
        if (ipv6) {
            trafficClass = v.equals("inherit") ? -1 : (int) hex(v, keyword, 0xff, "invalid TClass");
            return;
        }
        if (v.equals("inherit")) {
            tos = 1;
        } else if (v.startsWith("inherit/")) {
            tos = 1 | (int) hex(v.substring(8), keyword, 0xff, "bad TOS value");
        } else {
            tos = (int) hex(v, keyword, 0xff, "bad TOS value");
        }
    }

    private static long key(Words w, String keyword, TunnelWords t) throws UsageException {
        String v = w.value(keyword, "a number or a dotted quad");
        t.options.add(v);
        if (v.contains(".")) {
            try {
                byte[] b = InetPrefix.parseAddress(v).getAddress();
                if (b.length == 4) {
                    return Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(b).getInt());
                }
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
        } else {
            try {
                long n = number(v, keyword, "");
                if (n <= 0xffffffffL) {
                    return n;
                }
            } catch (UsageException ignored) {
                // reported below
            }
        }
        throw new UsageException("invalid value for \"" + keyword + "\": \"" + v + "\"; it should be an unsigned"
                + " integer.");
    }

    /** A number as strtoul with base 0 reads it, 0 to 255 unless a key. */
    private static long number(String v, String keyword, String error) throws UsageException {
        try {
            long n = v.length() > 1 && v.startsWith("0") && !v.startsWith("0x") && !v.startsWith("0X")
                    ? Long.parseLong(v.substring(1), 8) : Long.decode(v);
            if (n >= 0 && (error.isEmpty() ? n <= 0xffffffffL : n <= 255)) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("Error: argument \"" + v + "\" is wrong: " + (error.isEmpty() ? keyword : error));
    }

    private static long hex(String v, String keyword, long max, String error) throws UsageException {
        try {
            long n = Long.parseLong(v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v, 16);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("Error: argument \"" + v + "\" is wrong: " + error + " (\"" + keyword
                + "\" takes a hexadecimal number up to 0x" + Long.toHexString(max) + ")");
    }

    /**
     * For {@code change}: the kind the mode (or ip's guess from the name) names, or null when none was
     * given; {@code current} is the link's kind, which an IPv6 {@code mode any} or ip6ip6 may keep.
     */
    String modeKind(String current) {
        if (!modeGiven) {
            return null;
        }
        return ipv6 ? (vti ? "vti6" : proto == GRE ? "ip6gre" : "ip6tnl")
                : (vti ? "vti" : proto == GRE ? "gre" : proto == IPV6 ? "sit" : "ipip");
    }

    /** The link kind {@code tunnel add} makes: ip's settings, refused where rtnetlink cannot give them. */
    LinkKind kind() throws UsageException {
        try {
            return ipv6 ? kind6() : kind4();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ".");
        }
    }

    private LinkKind kind4() throws UsageException {
        if (proto == 0) {
            throw new UsageException("cannot determine tunnel mode (ipip, gre, vti or sit): add \"mode MODE\".");
        }
        if (ttl != 0 && !pmtudisc) {
            throw new UsageException("ttl != 0 and nopmtudisc are incompatible.");
        }
        if (vti) {
            vtiOnly();
            return VtiTunnel.of(VtiTunnel.Type.VTI).withLocal(local).withRemote(remote).withDevice(dev)
                    .withInputKey(Math.max(ikey, 0)).withOutputKey(Math.max(okey, 0));
        }
        if (proto == GRE) {
            return GreTunnel.of(GreTunnel.Type.GRE).withLocal(local).withRemote(remote).withDevice(dev).withTtl(ttl)
                    .withTos(tos).withPmtuDiscovery(pmtudisc).withInputKey(ikey).withOutputKey(okey)
                    .withSequence(iseq, oseq).withChecksum(icsum, ocsum);
        }
        if (iseq || oseq || icsum || ocsum) {
            throw new UsageException("seq and csum are for gre tunnels.");
        }
        IpTunnel t = proto == IPV6 ? IpTunnel.sit().withMode(IpTunnel.Mode.IP6IP) : IpTunnel.ipip()
                .withMode(IpTunnel.Mode.IPIP);
        return t.withLocal(local).withRemote(remote).withDevice(dev).withTtl(ttl).withTos(tos)
                .withPmtuDiscovery(pmtudisc);
    }

    private LinkKind kind6() throws UsageException {
        if (vti) {
            vtiOnly();
            return VtiTunnel.of(VtiTunnel.Type.VTI6).withLocal(local).withRemote(remote).withDevice(dev)
                    .withInputKey(Math.max(ikey, 0)).withOutputKey(Math.max(okey, 0));
        }
        if (proto == GRE) {
            return GreTunnel.of(GreTunnel.Type.IP6GRE).withLocal(local).withRemote(remote).withDevice(dev)
                    .withTtl(ttl).withEncapLimit(encapLimit).withTrafficClass(trafficClass).withFlowLabel(flowLabel)
                    .withInputKey(ikey).withOutputKey(okey).withSequence(iseq, oseq).withChecksum(icsum, ocsum);
        }
        if (ikey >= 0 || okey >= 0 || iseq || oseq || icsum || ocsum) {
            throw new UsageException("keys, seq and csum are for ip6gre and vti6 tunnels (an ip6tnl tunnel ignores"
                    + " them).");
        }
        Ip6Tunnel.Mode mode = proto == IPIP ? Ip6Tunnel.Mode.IPIP6 : proto == 0 ? Ip6Tunnel.Mode.ANY
                : Ip6Tunnel.Mode.IP6IP6;
        return Ip6Tunnel.create().withMode(mode).withLocal(local).withRemote(remote).withDevice(dev)
                .withHopLimit(ttl).withEncapLimit(encapLimit).withTrafficClass(trafficClass).withFlowLabel(flowLabel);
    }

    private void vtiOnly() throws UsageException {
        if (!ioctlOnly.isEmpty()) {
            throw new UsageException("\"" + ioctlOnly.getFirst() + "\" of " + (ipv6 ? "vti6" : "vti") + " tunnels is not"
                    + " supported by netns4j: only ip's ioctl sets it, and netns4j makes tunnels by rtnetlink,"
                    + " which has no such setting for vti.");
        }
        if (iseq || oseq || icsum || ocsum) {
            throw new UsageException("seq and csum are for gre tunnels.");
        }
    }
}
