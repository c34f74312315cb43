package io.netns4j.link;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Golden;
import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tunnel kinds (ipip, sit, ip6tnl, gre, gretap, ip6gre, ip6gretap, vti, vti6): each request
 * byte for byte against what {@code ip link add ... type KIND ...} sent (golden/links/capture.sh;
 * this kernel has none of these drivers, the request is captured all the same), and each value
 * read back from the IFLA_INFO_DATA it wrote. No root needed.
 */
class TunnelKindsTest {
    private static final LinkResolver LO_IS_1 = LinkGoldens.LO_IS_1;

    private static final InetAddress A1 = InetPrefix.parseAddress("10.1.1.1");
    private static final InetAddress A2 = InetPrefix.parseAddress("10.1.1.2");
    private static final InetAddress B1 = InetPrefix.parseAddress("2001:db8::1");
    private static final InetAddress B2 = InetPrefix.parseAddress("2001:db8::2");

    /** Each golden file, the name of the link, and the value that must encode to it. */
    private static final Map<String, Map.Entry<String, LinkKind>> CASES = Map.ofEntries(
            Map.entry("ipip.hex", Map.entry("ipip0",
                    IpTunnel.ipip().withLocal(A2).withRemote(A1).withTtl(64).withTos(0x10).withDevice("lo"))),
            Map.entry("ipip-default.hex", Map.entry("ipip1", IpTunnel.ipip())),
            Map.entry("sit.hex", Map.entry("sit0", IpTunnel.sit().withMode(IpTunnel.Mode.IP6IP).withLocal(A2)
                    .withRemote(A1).withTtl(64).withFwmark(7))),
            Map.entry("ip6tnl.hex", Map.entry("ip6t0", Ip6Tunnel.create().withMode(Ip6Tunnel.Mode.IP6IP6).withLocal(B2)
                    .withRemote(B1).withHopLimit(32).withEncapLimit(2).withTrafficClass(0x10).withFlowLabel(0x12345)
                    .withDevice("lo"))),
            Map.entry("ip6tnl-default.hex", Map.entry("ip6t1", Ip6Tunnel.create())),
            Map.entry("gre.hex", Map.entry("gre0", GreTunnel.of(GreTunnel.Type.GRE).withLocal(A2).withRemote(A1)
                    .withTtl(64).withTos(0x10).withKey(42).withDevice("lo"))),
            Map.entry("gre-flags.hex", Map.entry("gre1", GreTunnel.of(GreTunnel.Type.GRE).withRemote(A1)
                    .withInputKey(1).withOutputKey(0x01020304L).withChecksum(true, true).withSequence(true, true)
                    .withPmtuDiscovery(false))),
            Map.entry("gretap.hex", Map.entry("gt0", GreTunnel.of(GreTunnel.Type.GRETAP).withLocal(A2).withRemote(A1)
                    .withKey(7))),
            Map.entry("ip6gre.hex", Map.entry("g6", GreTunnel.of(GreTunnel.Type.IP6GRE).withLocal(B2).withRemote(B1)
                    .withTtl(32).withEncapLimit(-1).withKey(5).withDevice("lo"))),
            Map.entry("ip6gretap.hex", Map.entry("g6t", GreTunnel.of(GreTunnel.Type.IP6GRETAP).withRemote(B1)
                    .withTrafficClass(0x10).withFlowLabel(1))),
            Map.entry("vti.hex", Map.entry("vti0", VtiTunnel.of(VtiTunnel.Type.VTI).withLocal(A2).withRemote(A1)
                    .withKey(5).withDevice("lo"))),
            Map.entry("vti-keys.hex", Map.entry("vti1", VtiTunnel.of(VtiTunnel.Type.VTI).withRemote(A1).withInputKey(1)
                    .withOutputKey(2).withFwmark(0x10))),
            Map.entry("vti6.hex", Map.entry("vti6a", VtiTunnel.of(VtiTunnel.Type.VTI6).withLocal(B2).withRemote(B1)
                    .withKey(5).withDevice("lo"))));

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    @Test
    void everyTunnelIsEncodedAsIpEncodesIt() throws Exception {
        LinkGoldens.assertEachAddsAsIp(CASES);
    }

    @Test
    void everyTunnelReadsBackAsTheSameValue() throws Exception {
        for (var c : CASES.entrySet()) {
            LinkKind kind = c.getValue().getValue();
            byte[] ours = LinkCodec.encodeAdd(LinkRequest.create(c.getValue().getKey(), kind), LO_IS_1);
            Link link = Links.decode(ours);
            assertEquals(kind.kindName(), link.kind(), c.getKey());
            assertEquals(kind, decode(kind, link.details().kindData()), c.getKey());
        }
    }

    private static LinkKind decode(LinkKind like, KindAttributes data) throws MalformedMessageException {
        java.util.function.IntFunction<String> names = i -> i == 1 ? "lo" : null;
        return switch (like) {
            case IpTunnel t -> IpTunnel.from(t.type(), data, names);
            case Ip6Tunnel t -> Ip6Tunnel.from(data, names);
            case GreTunnel t -> GreTunnel.from(t.type(), data, names);
            case VtiTunnel t -> VtiTunnel.from(t.type(), data, names);
            default -> throw new AssertionError(like);
        };
    }

    @Test
    void aBroadcastGreTunnelIsKeyedByItsGroupAsIpDoes() throws Exception {
        GreTunnel t = GreTunnel.of(GreTunnel.Type.GRE).withLocal(A2).withRemote(InetPrefix.parseAddress("239.1.2.3"));
        GreTunnel back = GreTunnel.from(GreTunnel.Type.GRE,
                Links.decode(LinkCodec.encodeAdd(LinkRequest.create("g", t), LO_IS_1)).details().kindData(), i -> null);
        assertEquals(0xef010203L, back.inputKey());
        assertEquals(0xef010203L, back.outputKey());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GreTunnel.of(GreTunnel.Type.GRE).withRemote(InetPrefix.parseAddress("239.1.2.3")));
        assertTrue(e.getMessage().contains("local"), e.getMessage());
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingIsSent() {
        List<Runnable> bad = List.of(() -> IpTunnel.ipip().withRemote(B1), () -> IpTunnel.ipip().withTtl(256),
                () -> IpTunnel.ipip().withMode(IpTunnel.Mode.IP6IP), () -> IpTunnel.ipip().withTtl(64).withPmtuDiscovery(false),
                () -> Ip6Tunnel.create().withLocal(A1), () -> Ip6Tunnel.create().withFlowLabel(0x100000),
                () -> GreTunnel.of(GreTunnel.Type.GRE).withTrafficClass(1), () -> GreTunnel.of(GreTunnel.Type.IP6GRE).withTos(1),
                () -> GreTunnel.of(GreTunnel.Type.GRE).withKey(1L << 32), () -> VtiTunnel.of(VtiTunnel.Type.VTI6).withRemote(A1),
                () -> VtiTunnel.of(VtiTunnel.Type.VTI).withKey(-1));
        for (Runnable r : bad) {
            assertThrows(IllegalArgumentException.class, r::run);
        }
    }

    @Test
    void shortAttributesFromTheKernelAreMalformed() throws Exception {
        byte[] ours = LinkCodec.encodeAdd(LinkRequest.create("gre0", CASES.get("gre.hex").getValue()), LO_IS_1);
        // cut IFLA_GRE_IKEY (the first attribute of IFLA_INFO_DATA) to 2 bytes: its header's length 8 -> 6
        int at = indexOf(ours, new byte[] {8, 0, 4, 0, 0, 0, 0, 0x2a});
        ours[at] = 6;
        KindAttributes data = Links.decode(ours).details().kindData();
        assertThrows(MalformedMessageException.class, () -> GreTunnel.from(GreTunnel.Type.GRE, data, i -> "lo"));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void theKindsAreNamedInErrors() {
        String s = LinkKind.supported();
        for (String k : List.of("ipip", "sit", "ip6tnl", "gre", "gretap", "ip6gre", "ip6gretap", "vti", "vti6")) {
            assertTrue(s.contains(k), s);
        }
    }
}
