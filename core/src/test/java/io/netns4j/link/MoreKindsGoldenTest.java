package io.netns4j.link;

import io.netns4j.internal.netlink.Golden;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * wireguard, bareudp, xfrm and macsec, each request byte for byte against what {@code ip link add
 * ... type KIND ...} 6.1 sent (golden/links/capture.sh; this kernel has none of these drivers, the
 * request is captured all the same). No root needed.
 */
class MoreKindsGoldenTest {
    private static final LinkResolver LO_IS_1 = LinkGoldens.LO_IS_1;

    /** Each golden file, the name of the link, and the value that must encode to it. */
    static final Map<String, Map.Entry<String, LinkKind>> CASES = Map.ofEntries(
            Map.entry("wireguard.hex", Map.entry("wg0", new Wireguard())),
            Map.entry("bareudp.hex", Map.entry("bu0", Bareudp.of(6635, Bareudp.ETH_P_MPLS_UC).withSourcePortMin(1000)
                    .withMultiproto(true))),
            Map.entry("bareudp-ipv4.hex", Map.entry("bu1", Bareudp.of(6636, Bareudp.ETH_P_IP))),
            Map.entry("xfrm.hex", Map.entry("xf0", Xfrm.ofId(0x10).withDevice("lo"))),
            Map.entry("xfrm-external.hex", Map.entry("xf1", Xfrm.collectMetadata())),
            Map.entry("macsec.hex", Map.entry("ms0", Macsec.on("lo").withPort(11).with(Macsec.Option.ENCRYPT, 1)
                    .with(Macsec.Option.SEND_SCI, 1).withCipher(Macsec.Cipher.GCM_AES_256).withIcvLength(16)
                    .withReplay(true, 32).with(Macsec.Option.VALIDATE, 2).withEncodingSa(2)
                    .with(Macsec.Option.PROTECT, 1))),
            Map.entry("macsec-sci.hex", Map.entry("ms1", Macsec.on("lo").withSci(0x0102030405060708L)
                    .with(Macsec.Option.END_STATION, 0).with(Macsec.Option.SCB, 0).with(Macsec.Option.OFFLOAD, 0)
                    .with(Macsec.Option.VALIDATE, 1))),
            Map.entry("macsec-address.hex", Map.entry("ms2", Macsec.on("lo").withSci(0x0200000000010007L)
                    .withCipher(Macsec.Cipher.DEFAULT).withIcvLength(8))));

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    @Test
    void eachKindIsEncodedAsIpEncodesIt() throws Exception {
        LinkGoldens.assertEachAddsAsIp(CASES);
    }

    @Test
    void badOptionsAreRefusedAsIpRefusesThem() {
        assertThrows(IllegalArgumentException.class, () -> Xfrm.collectMetadata().withDevice("lo"));
        assertThrows(IllegalArgumentException.class, () -> Xfrm.ofId(0));
        assertThrows(IllegalArgumentException.class, () -> Bareudp.of(70000, Bareudp.ETH_P_IP));
        assertThrows(IllegalArgumentException.class, () -> Macsec.on("lo").withIcvLength(17));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Macsec.on("lo").withReplay(true, -1)).getMessage()
                .startsWith("replay protection enabled, but no window set"));
        assertEquals("invalid combination of send_sci/end_station/scb", assertThrows(IllegalArgumentException.class,
                () -> Macsec.on("lo").with(Macsec.Option.END_STATION, 1).with(Macsec.Option.SCB, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Macsec.on("lo").withSci(5).with(Macsec.Option.SCB, 1));
    }

    @Test
    void theKindsAreNamedInErrors() {
        assertTrue(LinkKind.supported().endsWith("wireguard, bareudp, xfrm, macsec"), LinkKind.supported());
    }
}
