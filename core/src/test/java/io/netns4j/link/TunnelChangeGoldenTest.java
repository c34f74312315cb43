package io.netns4j.link;

import io.netns4j.internal.netlink.Golden;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ip link set DEV type TUNNEL OPTIONS}: ip reads the tunnel's IFLA_INFO_DATA and sends every
 * attribute again, in the order of its add request (one code path in link_iptnl.c, link_gre.c, ...,
 * after the parsing). So a tunnel read back from ip's golden add request and sent as a change must
 * carry exactly ip's IFLA_LINKINFO; and a tunnel at its defaults still sends all of it (an add of
 * the defaults sends none). {@link TunnelKinds#unmodelled} names what a record would lose.
 */
class TunnelChangeGoldenTest {
    private static final LinkResolver LO_IS_1 = name -> 1;

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    /** The IFLA_LINKINFO attribute (type 18) among a link message's top-level attributes. */
    private static byte[] linkInfo(byte[] message) {
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        int at = 32; // nlmsghdr + ifinfomsg
        while (at + 4 <= message.length) {
            int len = b.getShort(at) & 0xffff;
            if ((b.getShort(at + 2) & 0x3fff) == 18) {
                return Arrays.copyOfRange(message, at, at + len);
            }
            at += (len + 3) & ~3;
        }
        return null;
    }

    @Test
    void aTunnelReadBackIsSentAgainAsIpSendsIt() throws Exception {
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (String golden : List.of("ipip.hex", "sit.hex", "ip6tnl.hex", "gre.hex", "gre-flags.hex", "gretap.hex",
                "ip6gre.hex", "ip6gretap.hex", "vti.hex", "vti-keys.hex", "vti6.hex")) {
            byte[] ip = Golden.bytes("links/" + golden);
            Link read = Links.decode(ip);
            LinkKind kind = TunnelKinds.from(read.kind(), read.details().kindData(), i -> i == 1 ? "lo" : null);
            assertEquals(List.of(), TunnelKinds.unmodelled(read.kind(), read.details().kindData()), golden);
            byte[] ours = LinkCodec.encodeSetByName(LinkRequest.change(read.name()).withKindOptions(kind), LO_IS_1);
            assertEquals(hex.formatHex(linkInfo(ip)), hex.formatHex(linkInfo(ours)), golden);
        }
    }

    @Test
    void aChangeSendsEveryAttributeEvenAtTheDefaults() throws Exception {
        byte[] add = LinkCodec.encodeAdd(LinkRequest.create("t0", IpTunnel.ipip()), LO_IS_1);
        assertTrue(Links.decode(add).details().kindData().types().isEmpty(), "ip sends no data for a bare add");
        byte[] set = LinkCodec.encodeSetByName(LinkRequest.change("t0").withKindOptions(IpTunnel.ipip()), LO_IS_1);
        KindAttributes data = Links.decode(set).details().kindData();
        assertEquals(java.util.Set.of(1, 4, 5, 9, 10, 15, 16, 17, 18, 20), data.types()); // no endpoints: "any"
        byte[] gre = LinkCodec.encodeSetByName(LinkRequest.change("g0").withKindOptions(GreTunnel.of(GreTunnel.Type.GRE)),
                LO_IS_1);
        assertTrue(Links.decode(gre).details().kindData().has(GreTunnel.TTL));
    }

    @Test
    void settingsARecordCannotHoldAreNamed() throws Exception {
        byte[] one16 = {1, 0};
        byte[] zero16 = {0, 0};
        assertEquals(List.of(15), TunnelKinds.unmodelled("ipip", KindAttributes.of(Map.of(15, one16, 16, zero16))));
        assertEquals(List.of(8), TunnelKinds.unmodelled("sit", KindAttributes.of(Map.of(8, one16)))); // isatap
        assertEquals(List.of(19), TunnelKinds.unmodelled("ipip", KindAttributes.of(Map.of(19, new byte[0])))); // external
        assertEquals(List.of(8), TunnelKinds.unmodelled("ip6tnl", KindAttributes.of(Map.of(8, new byte[] {0x10, 0, 0,
            0})))); // dscp inherit
        assertEquals(List.of(), TunnelKinds.unmodelled("ip6gre", KindAttributes.of(Map.of(15, new byte[] {2, 0}))));
        assertEquals(List.of(), TunnelKinds.unmodelled("sit", KindAttributes.of(Map.of(13, new byte[] {16, 0}))));
        assertNull(TunnelKinds.from("veth", KindAttributes.NONE, i -> null));
    }
}
