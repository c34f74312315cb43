package io.netns4j.cli;

import io.netns4j.internal.netlink.Golden;
import io.netns4j.link.Bareudp;
import io.netns4j.link.LinkKind;
import io.netns4j.link.Macsec;
import io.netns4j.link.Wireguard;
import io.netns4j.link.Xfrm;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code link add ... type wireguard|bareudp|xfrm|macsec}: the words of each golden capture's own
 * ip command read as the value core's MoreKindsGoldenTest encodes to ip's bytes, bad words refused
 * as ip refuses them (exit 2), and the kernel's answer where it lacks the driver (exit 1).
 */
class MoreKindsCliTest {
    private static final Map<String, LinkKind> EXPECTED = Map.of(
            "wireguard.hex", new Wireguard(),
            "bareudp.hex", Bareudp.of(6635, Bareudp.ETH_P_MPLS_UC).withSourcePortMin(1000).withMultiproto(true),
            "bareudp-ipv4.hex", Bareudp.of(6636, Bareudp.ETH_P_IP),
            "xfrm.hex", Xfrm.ofId(0x10).withDevice("lo"),
            "xfrm-external.hex", Xfrm.collectMetadata(),
            "macsec.hex", Macsec.on("lo").withPort(11).with(Macsec.Option.ENCRYPT, 1).with(Macsec.Option.SEND_SCI, 1)
                    .withCipher(Macsec.Cipher.GCM_AES_256).withIcvLength(16).withReplay(true, 32)
                    .with(Macsec.Option.VALIDATE, 2).withEncodingSa(2).with(Macsec.Option.PROTECT, 1),
            "macsec-sci.hex", Macsec.on("lo").withSci(0x0102030405060708L).with(Macsec.Option.END_STATION, 0)
                    .with(Macsec.Option.SCB, 0).with(Macsec.Option.OFFLOAD, 0).with(Macsec.Option.VALIDATE, 1),
            "macsec-address.hex", Macsec.on("lo").withSci(0x0200000000010007L).withCipher(Macsec.Cipher.DEFAULT)
                    .withIcvLength(8));

    private static List<String> command(String file) throws Exception {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/links/" + file)) {
            String first = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().findFirst().orElseThrow();
            return Arrays.asList(first.substring(2).trim().split(" "));
        }
    }

    @Test
    void ipsWordsReadAsTheValuesThatEncodeToIpsBytes() throws Exception {
        for (var e : EXPECTED.entrySet()) {
            List<String> words = command(e.getKey());
            int type = words.indexOf("type");
            int add = words.indexOf("add");
            String lower = words.get(add + 1).equals("link") ? words.get(add + 2) : null; // "link add link DEV NAME"
            List<String> rest = words.subList(type + 2, words.size());
            LinkKind parsed = LinkKindArgs.parse(words.get(type + 1), new Words(rest, "link add"), lower).kind();
            assertEquals(e.getValue(), parsed, e.getKey() + ": " + words);
        }
    }

    private static String refused(String lower, String... typeWords) {
        try {
            List<String> w = List.of(typeWords);
            LinkKindArgs.parse(w.getFirst(), new Words(w.subList(1, w.size()), "link add NAME type ..."), lower);
            return "accepted";
        } catch (UsageException e) {
            return e.getMessage();
        }
    }

    @Test
    void badWordsAreRefusedAsIpRefusesThem() {
        assertEquals("Error: argument \"dstport\" is required", refused(null, "bareudp", "ethertype", "ipv4"));
        assertEquals("Error: argument \"ethertype\" is required", refused(null, "bareudp", "dstport", "1"));
        assertEquals("Error: either \"dstport\" is duplicate, or \"2\" is a garbage.",
                refused(null, "bareudp", "dstport", "1", "dstport", "2"));
        assertEquals("Error: argument \"IF_ID\" is required", refused(null, "xfrm", "dev", "lo"));
        assertEquals("xfrmi: both 'external' and if_id/link cannot be specified.",
                refused(null, "xfrm", "if_id", "1", "external"));
        assertEquals("Error: argument \"0\" is wrong: if_id value is invalid", refused(null, "xfrm", "if_id", "0"));
        assertEquals("replay protection enabled, but no window set. did you mean 'replay on window VALUE'?.",
                refused("lo", "macsec", "replay", "on"));
        assertEquals("invalid combination of send_sci/end_station/scb.",
                refused("lo", "macsec", "end_station", "on", "scb", "on"));
        assertEquals("Error: argument of \"encrypt\" must be \"on\" or \"off\", not \"yes\"",
                refused("lo", "macsec", "encrypt", "yes"));
        assertTrue(refused(null, "macsec").startsWith("A macsec link sits on another device"));
        assertTrue(refused(null, "wireguard", "private-key", "x").startsWith("Garbage instead of arguments"));
        assertTrue(refused(null, "netkit").contains("ip 6.1 does not know it either"));
        assertEquals(2, CliRun.of("link", "add", "nk0", "type", "netkit").exit());
    }

    @Test
    @RequiresRoot
    void aKernelWithoutTheDriverSaysSoAndIpAgrees() throws Exception {
        try (Scratch scratch = new Scratch()) {
            String ns = scratch.name("kinds");
            assertEquals(0, CliRun.of("netns", "add", ns).exit());
            for (List<String> words : List.of(List.of("wg0", "type", "wireguard"),
                    List.of("bu0", "type", "bareudp", "dstport", "6635", "ethertype", "mpls_uc"),
                    List.of("xf0", "type", "xfrm", "if_id", "5"), List.of("link", "lo", "ms0", "type", "macsec"))) {
                List<String> args = new java.util.ArrayList<>(List.of("-n", ns, "link", "add"));
                args.addAll(words);
                CliRun ours = CliRun.of(args.toArray(String[]::new));
                String kind = words.get(words.indexOf("type") + 1);
                if (ours.exit() == 0) { // this kernel has the driver: ip sees the same kind
                    assertTrue(ip("-n", ns, "-j", "-d", "link", "show", words.get(words.indexOf("type") - 1)).ok().out()
                            .contains("\"info_kind\":\"" + kind + "\""), kind);
                    continue;
                }
                var theirs = ip(args.toArray(String[]::new));
                assertEquals(1, ours.exit(), kind + ": " + ours.err());
                assertTrue(ours.err().startsWith(theirs.err().strip()), kind + ": " + ours.err() + " / ip: " + theirs.err());
            }
        }
    }
}
