package io.netns4j.cli;

import io.netns4j.internal.netlink.Golden;
import io.netns4j.link.KindAttributes;
import io.netns4j.link.Link;
import io.netns4j.link.Links;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code -d} text of kinds this kernel lacks (the tunnels, geneve, ipvlan, vrf), against
 * ip 6.1's own printer: each RTM_NEWLINK (the golden requests, and hand-made ones that reach
 * the printers' other branches) is written to a file and read back by {@code ip -d monitor
 * file FILE}, which prints it as {@code ip -d link show} would; netns4j's line for the kind must
 * be the same. Needs ip, not root. (ip 6.1's {@code -j monitor} prints text, so the JSON keys
 * are checked against ip's source instead, in KindDetailsCliTest where the kernel has the kind.)
 */
class TunnelDetailsViewTest {
    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    private static byte[] attr(int type, byte[] payload) {
        int len = 4 + payload.length;
        ByteBuffer b = ByteBuffer.allocate((len + 3) & ~3).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) len).putShort((short) type).put(payload);
        return b.array();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] u8(int v) {
        return new byte[] {(byte) v};
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    private static byte[] u32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    private static byte[] be(long v, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (v >> (8 * (bytes - 1 - i)));
        }
        return b;
    }

    private static byte[] ip4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    private static byte[] ip6(int last) {
        byte[] b = new byte[16];
        b[0] = 0x20;
        b[1] = 0x01;
        b[2] = 0x0d;
        b[3] = (byte) 0xb8;
        b[15] = (byte) last;
        return b;
    }

    /**
     * An RTM_NEWLINK for link 7 named {@code name} of {@code kind} with {@code data} as its
     * IFLA_INFO_DATA (none when {@code data} is empty, as in ip's requests for a bare kind).
     */
    private static byte[] link(String name, String kind, byte[]... data) {
        byte[] body = cat(new byte[16], attr(3, (name + "\0").getBytes(StandardCharsets.US_ASCII)),
                attr(18, cat(attr(1, (kind + "\0").getBytes(StandardCharsets.US_ASCII)),
                        data.length == 0 ? new byte[0] : attr(2, cat(data)))));
        ByteBuffer b = ByteBuffer.allocate(16 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(16 + body.length).putShort((short) 16).putShort((short) 0).putInt(0).putInt(0);
        b.put(body);
        b.putInt(20, 7); // ifi_index
        return b.array();
    }

    private static final List<String> GOLDEN = List.of("ipip.hex", "ipip-default.hex", "sit.hex", "ip6tnl.hex",
            "ip6tnl-default.hex", "gre.hex", "gre-flags.hex", "gretap.hex", "ip6gre.hex", "ip6gretap.hex", "vti.hex",
            "vti-keys.hex", "vti6.hex", "vxlan.hex", "geneve.hex", "ipvlan.hex", "vrf.hex", "macvlan.hex", "vlan.hex",
            "bareudp.hex", "bareudp-ipv4.hex", "xfrm.hex", "xfrm-external.hex", "macsec.hex", "macsec-sci.hex",
            "macsec-address.hex", "wireguard.hex");

    private static Map<String, byte[]> handMade() {
        Map<String, byte[]> all = new java.util.HashMap<>(handMadeTunnels());
        all.putAll(Map.of(
                "macsec replay off, offload mac, an unknown cipher", link("ms9", "macsec", attr(5, u32(0xffffffffL)),
                        attr(12, u8(0)), attr(15, u8(2)), attr(4, cat(u32(5), u32(0))), attr(10, u8(1)), attr(11, u8(0)),
                        attr(13, u8(0))),
                "bareudp with an unnamed ethertype", link("bu9", "bareudp", attr(1, be(1, 2)), attr(2, be(0x1234, 2))),
                "xfrm with if_id 1 and a device", link("xf9", "xfrm", attr(2, u32(1)), attr(1, u32(1)))));
        return all;
    }

    private static Map<String, byte[]> handMadeTunnels() {
        return Map.of(
                "ipip inherit, nopmtudisc, fwmark, encap fou", link("t0", "ipip", attr(9, u8(4)), attr(4, u8(0)),
                        attr(5, u8(1)), attr(10, u8(0)), attr(20, u32(0x99)), attr(15, u16(1)), attr(16, u16(1)),
                        attr(17, be(0, 2)), attr(18, be(5555, 2))),
                "sit isatap and 6rd", link("t1", "sit", attr(9, u8(41)), attr(2, ip4(10, 0, 0, 1)), attr(8, u16(1)),
                        attr(11, cat(be(0x20020000L, 4), new byte[12])), attr(13, u16(16)), attr(12, ip4(10, 0, 0, 0)),
                        attr(14, u16(8)), attr(15, u16(2)), attr(16, u16(6)), attr(17, be(1000, 2)),
                        attr(18, be(6000, 2))),
                "ip6tnl external, ipip6, inherit flags", link("t2", "ip6tnl", attr(19, new byte[0]), attr(9, u8(4)),
                        attr(3, ip6(1)), attr(4, u8(0)), attr(6, u8(4)), attr(7, be(0x00312345L, 4)),
                        attr(8, u32(0x2 | 0x4 | 0x8 | 0x10 | 0x20 | 0x40)), attr(20, u32(5))),
                "ip6tnl plain flow information", link("t3", "ip6tnl", attr(9, u8(41)), attr(4, u8(200)),
                        attr(6, u8(0)), attr(7, be(0x0ab12345L, 4)), attr(8, u32(0)), attr(20, u32(0x10))),
                "gre external, ignore-df, iseq, ocsum", link("g0", "gre", attr(18, new byte[0]), attr(2, be(0x1000, 2)),
                        attr(3, be(0x8000, 2)), attr(4, be(0, 4)), attr(5, be(0, 4)), attr(8, u8(0)), attr(9, u8(1)),
                        attr(19, u8(1)), attr(20, u32(3)), attr(14, u16(2)), attr(15, u16(1)), attr(16, be(0, 2)),
                        attr(17, be(0, 2))),
                "ip6gre keys and flow information", link("g1", "ip6gre", attr(2, be(0x2000, 2)), attr(3, be(0x2000, 2)),
                        attr(4, be(0x01020304L, 4)), attr(5, be(9, 4)), attr(6, ip6(2)), attr(8, u8(0)),
                        attr(11, u8(7)), attr(12, be(0x01012345L, 4)), attr(13, u32(0x10)), attr(20, u32(0))),
                "vti without an input key", link("v0", "vti", attr(2, be(0, 4)), attr(3, be(0x01020304L, 4)),
                        attr(4, ip4(0, 0, 0, 0)), attr(5, ip4(10, 1, 1, 1)), attr(6, u32(0xff)), attr(1, u32(0))),
                "vti6 with an unspecified local", link("v1", "vti6", attr(2, be(7, 4)), attr(3, be(7, 4)),
                        attr(4, new byte[16]), attr(5, ip6(1))),
                "vlan with flags and QoS maps", link("vl1", "vlan", attr(5, be(0x8100, 2)), attr(1, u16(5)),
                        attr(2, cat(u32(0x1 | 0x2 | 0x10 | 0x100), u32(0xffffffffL))),
                        attr(4, cat(attr(1, cat(u32(0), u32(3))), attr(1, cat(u32(2), u32(5))))),
                        attr(3, cat(attr(1, cat(u32(1), u32(7)))))),
                "vlan without flags", link("vl2", "vlan", attr(1, u16(4094)), attr(2, cat(u32(0), u32(0)))));
    }

    /** The line of {@code text} that starts with the kind's word, with the lines that continue it (a vlan's maps). */
    private static String kindLine(String text, String kind) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("    " + kind + " ") || lines[i].equals("    " + kind)) {
                StringBuilder sb = new StringBuilder(lines[i]);
                for (int j = i + 1; j < lines.length && lines[j].startsWith("      "); j++) {
                    sb.append('\n').append(lines[j]);
                }
                return sb.toString();
            }
        }
        return "(no " + kind + " line in: " + text + ")";
    }

    private static String ipPrints(byte[] message, String kind) throws Exception {
        Path file = Files.createTempFile("netns4j-kind-", ".bin");
        try {
            Files.write(file, message);
            return kindLine(ip("-d", "monitor", "file", file.toString()).ok().out(), kind);
        } finally {
            Files.delete(file);
        }
    }

    private static String wePrint(byte[] message, String kind) throws Exception {
        Link link = Links.decode(message);
        Link lo = Links.decode(Golden.bytes("link-get-lo.hex"));
        LinkView view = new LinkView(List.of(lo, link), Map.of(), GlobalOptions.parse(List.of("-d", "link")));
        return kindLine(view.text(link), kind);
    }

    @Test
    void eachKindsLineIsWhatIpsPrinterPrints() throws Exception {
        List<String> compared = new ArrayList<>();
        for (String file : GOLDEN) {
            // ip writes the kind without its NUL in requests; the kernel's messages have it: rebuilt as the kernel's
            Link request = Links.decode(Golden.bytes("links/" + file));
            String kind = request.kind();
            KindAttributes data = request.details().kindData();
            List<byte[]> attrs = new ArrayList<>();
            for (int type : data.types()) {
                attrs.add(attr(type, data.bytes(type)));
            }
            byte[] m = link(request.name(), kind, attrs.toArray(byte[][]::new));
            assertEquals(ipPrints(m, kind), wePrint(m, kind), file);
            compared.add(file);
        }
        for (var e : handMade().entrySet()) {
            String kind = Links.decode(e.getValue()).kind();
            assertEquals(ipPrints(e.getValue(), kind), wePrint(e.getValue(), kind), e.getKey());
            compared.add(e.getKey());
        }
        assertEquals(GOLDEN.size() + handMade().size(), compared.size());
    }

    /** Damaged kind data (bytes changed, attributes cut short) is printed or said to be malformed; nothing throws. */
    @Test
    void damagedKindDataNeverBreaksThePrinter() throws Exception {
        java.util.Random random = new java.util.Random(14);
        Link lo = Links.decode(Golden.bytes("link-get-lo.hex"));
        List<byte[]> messages = new ArrayList<>(handMade().values());
        for (String file : GOLDEN) {
            messages.add(Golden.bytes("links/" + file));
        }
        int printed = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] m = messages.get(random.nextInt(messages.size())).clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                m[32 + random.nextInt(m.length - 32)] = (byte) random.nextInt(256);
            }
            Link link;
            try {
                link = Links.decode(m);
            } catch (io.netns4j.error.MalformedMessageException e) {
                continue;
            }
            LinkView view = new LinkView(List.of(lo, link), Map.of(), GlobalOptions.parse(List.of("-d", "link")));
            view.text(link);
            view.json(link);
            printed++;
        }
        assertEquals(true, printed > 1000, printed + " damaged messages printed");
    }
}
