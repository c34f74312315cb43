package io.netns4j.cli;

import io.netns4j.link.Bareudp;
import io.netns4j.link.LinkKind;
import io.netns4j.link.Macsec;
import io.netns4j.link.Wireguard;
import io.netns4j.link.Xfrm;
import io.netns4j.types.MacAddress;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words of {@code link add NAME type wireguard|bareudp|xfrm|macsec} with ip 6.1's parsers
 * (iplink.c for the bare wireguard, iplink_bareudp.c, link_xfrm.c, ipmacsec.c's macsec_parse_opt)
 * and their errors.
 */
final class MoreKindArgs {
    /** ip's ll_proto names for bareudp's ethertype (the ones a bareudp link can carry, and ip's aliases). */
    private static final Map<String, Integer> ETHERTYPES = Map.of("ip", 0x0800, "ipv4", 0x0800, "ipv6", 0x86dd,
            "mpls_uc", 0x8847, "mpls_mc", 0x8848, "arp", 0x0806, "802.1q", 0x8100, "802.1ad", 0x88a8, "teb", 0x6558);

    private MoreKindArgs() {
    }

    /** The kind for {@code kind}, or null when it is none of these. */
    static LinkKind parse(String kind, Words w, String lower) throws UsageException {
        try {
            return switch (kind) {
                case "wireguard" -> wireguard(w);
                case "bareudp" -> bareudp(w);
                case "xfrm" -> xfrm(w);
                case "macsec" -> macsec(w, lower);
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ".");
        }
    }

    private static LinkKind wireguard(Words w) throws UsageException {
        if (w.more()) { // ip has no parser for wireguard: keys and peers are wg's
            throw new UsageException("Garbage instead of arguments \"" + w.next() + " ...\": a wireguard link takes no"
                    + " options here (set keys and peers with wg).");
        }
        return new Wireguard();
    }

    private static LinkKind bareudp(Words w) throws UsageException {
        Set<String> seen = new HashSet<>();
        int port = -1;
        int ethertype = -1;
        int srcPortMin = -1;
        boolean multiproto = false;
        while (w.more()) {
            String a = w.next();
            String k = Keywords.resolve(a, "dstport", "ethertype", "srcportmin", "multiproto", "nomultiproto");
            if (k == null) {
                throw new UsageException("bareudp: unknown command \"" + a + "\"? The form is \"... bareudp dstport PORT"
                        + " ethertype PROTO [srcportmin PORT] [[no]multiproto]\".");
            }
            String attr = k.equals("nomultiproto") ? "multiproto" : k;
            String v = k.endsWith("multiproto") ? a : w.value(a, "a value");
            if (!seen.add(attr)) {
                throw new UsageException("Error: either \"" + (k.endsWith("multiproto") ? a : k) + "\" is duplicate, or \""
                        + v + "\" is a garbage.");
            }
            switch (k) {
                case "dstport" -> port = (int) number(v, "dstport", 0xffff);
                case "ethertype" -> {
                    Integer e = ETHERTYPES.get(v.toLowerCase(Locale.ROOT));
                    ethertype = e != null ? e : (int) number(v, "ethertype", 0xffff);
                }
                case "srcportmin" -> srcPortMin = (int) number(v, "srcportmin", 0xffff);
                default -> multiproto = k.equals("multiproto");
            }
        }
        if (port < 0) {
            throw new UsageException("Error: argument \"dstport\" is required");
        }
        if (ethertype < 0) {
            throw new UsageException("Error: argument \"ethertype\" is required");
        }
        return Bareudp.of(port, ethertype).withSourcePortMin(srcPortMin).withMultiproto(multiproto);
    }

    private static LinkKind xfrm(Words w) throws UsageException {
        String dev = null;
        long ifId = 0;
        boolean external = false;
        while (w.more()) {
            String a = w.next();
            if (Keywords.matches(a, "dev")) {
                dev = LinkKindArgs.ifname(w.value(a, "a device name"));
            } else if (Keywords.matches(a, "if_id")) {
                String v = w.value(a, "an interface id");
                ifId = number(v, "if_id", 0xffffffffL);
                if (ifId == 0) {
                    throw new UsageException("Error: argument \"" + v + "\" is wrong: if_id value is invalid");
                }
            } else if (a.equals("external")) {
                external = true;
            } else {
                throw new UsageException("Unknown argument \"" + a + "\": the form is \"... xfrm dev [ PHYS_DEV ] [ if_id"
                        + " IF-ID ] [ external ]\".");
            }
        }
        if (external) {
            return new Xfrm(dev, ifId, true);
        }
        if (ifId == 0) {
            throw new UsageException("Error: argument \"IF_ID\" is required");
        }
        return Xfrm.ofId(ifId).withDevice(dev);
    }

    private static LinkKind macsec(Words w, String lower) throws UsageException {
        if (lower == null) {
            throw new UsageException("A macsec link sits on another device: add \"link DEV\" before \"type macsec\".");
        }
        Macsec m = Macsec.on(lower);
        if (w.more() && (w.peek().equals("sci") || w.peek().equals("port") || w.peek().equals("address"))) {
            String a = w.next();
            switch (a) {
                case "sci" -> {
                    String v = w.value(a, "an SCI (hexadecimal)");
                    try {
                        m = m.withSci(Long.parseUnsignedLong(v.startsWith("0x") ? v.substring(2) : v, 16));
                    } catch (NumberFormatException e) {
                        throw new UsageException("Error: argument \"" + v + "\" is wrong: expected sci");
                    }
                }
                case "port" -> m = m.withPort((int) number(w.value(a, "a port"), "expected port", 0xffff));
                default -> {
                    MacAddress mac;
                    try {
                        mac = MacAddress.parse(w.value(a, "a link-layer address"));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("Error: " + e.getMessage());
                    }
                    if (!w.more() || !w.next().equals("port")) {
                        throw new UsageException("Error: \"address LLADDR\" needs \"port PORT\" after it (expected port).");
                    }
                    long port = number(w.value("port", "a port"), "expected port", 0xffff);
                    long sci = 0;
                    for (byte b : mac.bytes()) {
                        sci = (sci << 8) | (b & 0xff);
                    }
                    m = m.withSci((sci << 16) | port);
                }
            }
        }
        boolean cipher = false;
        Boolean replay = null;
        long window = -1;
        while (w.more()) {
            String a = w.next();
            switch (a) {
                case "cipher" -> {
                    String v = w.value(a, "a cipher suite");
                    if (cipher) {
                        throw new UsageException("Error: duplicate \"cipher\": " + v + " is the second one.");
                    }
                    cipher = true;
                    m = m.withCipher(switch (v) {
                        case "default" -> Macsec.Cipher.DEFAULT;
                        case "gcm-aes-128", "GCM-AES-128" -> Macsec.Cipher.GCM_AES_128;
                        case "gcm-aes-256", "GCM-AES-256" -> Macsec.Cipher.GCM_AES_256;
                        case "gcm-aes-xpn-128", "GCM-AES-XPN-128" -> Macsec.Cipher.GCM_AES_XPN_128;
                        case "gcm-aes-xpn-256", "GCM-AES-XPN-256" -> Macsec.Cipher.GCM_AES_XPN_256;
                        default -> throw new UsageException("Error: argument \"" + v + "\" is wrong: expected: default,"
                                + " gcm-aes-128, gcm-aes-256, gcm-aes-xpn-128 or gcm-aes-xpn-256");
                    });
                }
                case "icvlen" -> m = m.withIcvLength((int) number(w.value(a, "a length"), "icvlen", 16));
                case "encrypt" -> m = m.with(Macsec.Option.ENCRYPT, onOff(w, a));
                case "send_sci" -> m = m.with(Macsec.Option.SEND_SCI, onOff(w, a));
                case "end_station" -> m = m.with(Macsec.Option.END_STATION, onOff(w, a));
                case "scb" -> m = m.with(Macsec.Option.SCB, onOff(w, a));
                case "protect" -> m = m.with(Macsec.Option.PROTECT, onOff(w, a));
                case "replay" -> replay = onOff(w, a) == 1;
                case "window" -> window = number(w.value(a, "a window"), "expected replay window size", 0xffffffffL);
                case "validate" -> m = m.with(Macsec.Option.VALIDATE, oneOf(w, a, "disabled", "check", "strict"));
                case "encodingsa" -> m = m.withEncodingSa((int) number(w.value(a, "an association number"),
                        "expected an { 0..3 }", 3));
                case "offload" -> m = m.with(Macsec.Option.OFFLOAD, oneOf(w, a, "off", "phy", "mac"));
                default -> throw new UsageException("macsec: unknown command \"" + a + "\"?");
            }
        }
        if (replay != null || window != -1) {
            m = new Macsec(m.lower(), m.sci(), m.port(), m.settings(), m.cipher(), m.icvLength(),
                    replay == null ? -1 : replay ? 1 : 0, window, m.encodingSa());
        }
        return m;
    }

    private static int onOff(Words w, String keyword) throws UsageException {
        String v = w.value(keyword, "on or off");
        return switch (v) {
            case "on" -> 1;
            case "off" -> 0;
            default -> throw new UsageException("Error: argument of \"" + keyword + "\" must be \"on\" or \"off\", not \""
                    + v + "\"");
        };
    }

    private static int oneOf(Words w, String keyword, String... names) throws UsageException {
        String v = w.value(keyword, String.join(", ", names));
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(v)) {
                return i;
            }
        }
        throw new UsageException("Error: argument of \"" + keyword + "\" must be one of " + String.join(", ", names)
                + ", not \"" + v + "\"");
    }

    /** A number as strtoul with base 0 reads it. */
    private static long number(String v, String what, long max) throws UsageException {
        try {
            long n = v.length() > 1 && v.startsWith("0") && !v.startsWith("0x") && !v.startsWith("0X")
                    ? Long.parseLong(v.substring(1), 8) : Long.decode(v);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("Error: argument \"" + v + "\" is wrong: " + what);
    }
}
