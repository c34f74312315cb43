package io.netns4j.cli;

import io.netns4j.internal.netlink.Golden;
import io.netns4j.link.GreTunnel;
import io.netns4j.link.Ip6Tunnel;
import io.netns4j.link.IpTunnel;
import io.netns4j.link.Link;
import io.netns4j.link.LinkKind;
import io.netns4j.link.Links;
import io.netns4j.link.TunnelKinds;
import io.netns4j.link.VtiTunnel;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code link add NAME type ipip|sit|ip6tnl|gre|gretap|ip6gre|ip6gretap|vti|vti6 ...}: the words of
 * each golden capture's own ip command read as the value that core's TunnelKindsTest encodes to
 * ip's bytes (so the same words send the same request), bad words refused before anything is
 * sent, and the kernel's answer where it lacks the driver.
 */
class TunnelCliTest {
    private static final InetAddress A1 = InetPrefix.parseAddress("10.1.1.1");
    private static final InetAddress A2 = InetPrefix.parseAddress("10.1.1.2");
    private static final InetAddress B1 = InetPrefix.parseAddress("2001:db8::1");
    private static final InetAddress B2 = InetPrefix.parseAddress("2001:db8::2");

    static final Map<String, LinkKind> EXPECTED = Map.ofEntries(
            Map.entry("ipip.hex", IpTunnel.ipip().withLocal(A2).withRemote(A1).withTtl(64).withTos(0x10).withDevice("lo")),
            Map.entry("ipip-default.hex", IpTunnel.ipip()),
            Map.entry("sit.hex", IpTunnel.sit().withMode(IpTunnel.Mode.IP6IP).withLocal(A2).withRemote(A1).withTtl(64)
                    .withFwmark(7)),
            Map.entry("ip6tnl.hex", Ip6Tunnel.create().withMode(Ip6Tunnel.Mode.IP6IP6).withLocal(B2).withRemote(B1)
                    .withHopLimit(32).withEncapLimit(2).withTrafficClass(0x10).withFlowLabel(0x12345).withDevice("lo")),
            Map.entry("ip6tnl-default.hex", Ip6Tunnel.create()),
            Map.entry("gre.hex", GreTunnel.of(GreTunnel.Type.GRE).withLocal(A2).withRemote(A1).withTtl(64).withTos(0x10)
                    .withKey(42).withDevice("lo")),
            Map.entry("gre-flags.hex", GreTunnel.of(GreTunnel.Type.GRE).withRemote(A1).withInputKey(1)
                    .withOutputKey(0x01020304L).withChecksum(true, true).withSequence(true, true).withPmtuDiscovery(false)),
            Map.entry("gretap.hex", GreTunnel.of(GreTunnel.Type.GRETAP).withLocal(A2).withRemote(A1).withKey(7)),
            Map.entry("ip6gre.hex", GreTunnel.of(GreTunnel.Type.IP6GRE).withLocal(B2).withRemote(B1).withTtl(32)
                    .withEncapLimit(-1).withKey(5).withDevice("lo")),
            Map.entry("ip6gretap.hex", GreTunnel.of(GreTunnel.Type.IP6GRETAP).withRemote(B1).withTrafficClass(0x10)
                    .withFlowLabel(1)),
            Map.entry("vti.hex", VtiTunnel.of(VtiTunnel.Type.VTI).withLocal(A2).withRemote(A1).withKey(5).withDevice("lo")),
            Map.entry("vti-keys.hex", VtiTunnel.of(VtiTunnel.Type.VTI).withRemote(A1).withInputKey(1).withOutputKey(2)
                    .withFwmark(0x10)),
            Map.entry("vti6.hex", VtiTunnel.of(VtiTunnel.Type.VTI6).withLocal(B2).withRemote(B1).withKey(5)
                    .withDevice("lo")));

    /** The words after {@code type} in the golden file's first line ({@code # ip -n NS link add NAME type ...}). */
    private static List<String> typeWords(String file) throws IOException {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/links/" + file)) {
            String first = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().findFirst().orElseThrow();
            List<String> words = Arrays.asList(first.substring(2).trim().split(" "));
            return words.subList(words.indexOf("type") + 1, words.size());
        }
    }

    @Test
    void ipsWordsReadAsTheValuesThatEncodeToIpsBytes() throws Exception {
        for (var e : EXPECTED.entrySet()) {
            List<String> words = typeWords(e.getKey());
            LinkKind parsed = LinkKindArgs.parse(words.getFirst(), new Words(words.subList(1, words.size()), "link add"),
                    null).kind();
            assertEquals(e.getValue(), parsed, e.getKey() + ": " + words);
        }
    }

    private static String refused(String... typeWords) {
        try {
            List<String> w = List.of(typeWords);
            LinkKindArgs.parse(w.getFirst(), new Words(w.subList(1, w.size()), "link add NAME type ..."), null);
            return "accepted";
        } catch (UsageException e) {
            return e.getMessage();
        }
    }

    @Test
    void badWordsAreRefusedWithWhatToDo() {
        assertEquals("ttl != 0 and nopmtudisc are incompatible: use ttl inherit (0).",
                refused("ipip", "ttl", "64", "nopmtudisc"));
        assertEquals("ipip takes an IPv4 address after \"remote\", not 2001:db8::1.",
                refused("ipip", "remote", "2001:db8::1"));
        assertEquals("Cannot guess tunnel mode \"ip6ip\": ipip takes ipip, mplsip or any.",
                refused("ipip", "mode", "ip6ip"));
        assertTrue(refused("gre", "key", "x").startsWith("invalid value for \"key\": \"x\""), refused("gre", "key", "x"));
        assertEquals("\"encap\" of gre tunnels is not supported by netns4j yet.", refused("gre", "encap", "fou"));
        assertTrue(refused("gre", "flowlabel", "1").startsWith("Unknown argument \"flowlabel\""));
        assertEquals("A broadcast tunnel requires a source address: add \"local ADDR\".",
                refused("gre", "remote", "239.1.1.1"));
        assertTrue(refused("ip6tnl", "flowlabel", "100000").contains("up to 0xfffff"), refused("ip6tnl", "flowlabel",
                "100000"));
        assertTrue(refused("vti", "ttl", "5").startsWith("Unknown argument \"ttl\""));
        assertEquals("accepted", refused("sit", "tos", "inherit", "ttl", "inherit", "remote", "any"));
    }

    /** The tunnel ip's golden request made, as the kernel would report it: its IFLA_INFO_DATA decoded. */
    private static LinkKind asRead(String golden) throws Exception {
        Link l = Links.decode(Golden.bytes("links/" + golden));
        return TunnelKinds.from(l.kind(), l.details().kindData(), i -> i == 1 ? "lo" : null);
    }

    private static LinkKind changed(LinkKind current, String... words) throws UsageException {
        return TunnelArgs.apply(current, new Words(List.of(words), "link set"));
    }

    @Test
    void linkSetAppliesTheWordsToTheTunnelAsRead() throws Exception {
        Golden.assumeLittleEndian();
        GreTunnel gre = (GreTunnel) EXPECTED.get("gre.hex");
        assertEquals(gre, asRead("gre.hex"));
        assertEquals(gre.withTtl(32), changed(asRead("gre.hex"), "ttl", "32"));
        assertEquals(gre.withInputKey(-1).withOutputKey(-1).withSequence(true, false),
                changed(asRead("gre.hex"), "nokey", "iseq"));
        // what the words leave alone stays: a bare ipip tunnel given ipip.hex's words is ipip.hex's tunnel
        assertEquals(EXPECTED.get("ipip.hex"), changed(asRead("ipip-default.hex"), typeWords("ipip.hex").subList(1, 11)
                .toArray(String[]::new)));
        assertEquals(((Ip6Tunnel) EXPECTED.get("ip6tnl.hex")).withEncapLimit(-1).withFlowLabel(-1),
                changed(asRead("ip6tnl.hex"), "encaplimit", "none", "flowlabel", "inherit"));
        assertEquals(((VtiTunnel) EXPECTED.get("vti-keys.hex")).withInputKey(9),
                changed(asRead("vti-keys.hex"), "ikey", "9"));
        assertEquals(((IpTunnel) EXPECTED.get("sit.hex")).withRemote(null), changed(asRead("sit.hex"), "remote", "any"));
    }

    @Test
    void linkSetOfATunnelChecksItsWordsFirst() {
        CliRun r = CliRun.of("link", "set", "gre0", "type", "gre", "ttl", "300");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("argument \"300\" is wrong"), r.err());
        assertEquals(2, CliRun.of("link", "set", "gre0", "type", "gre", "encap", "fou").exit());
    }

    @Test
    @RequiresRoot
    void linkSetOfATunnelNeedsATunnelOfThatKind() throws Exception {
        try (Scratch scratch = new Scratch()) {
            String ns = scratch.name("tun");
            assertEquals(0, CliRun.of("netns", "add", ns).exit());
            CliRun lo = CliRun.of("-n", ns, "link", "set", "lo", "type", "gre", "ttl", "5");
            assertEquals(1, lo.exit());
            assertEquals("\"lo\" is not a tunnel: nothing was changed.\n", lo.err());
            CliRun missing = CliRun.of("-n", ns, "link", "set", "nosuch", "type", "gre", "ttl", "5");
            assertEquals(1, missing.exit());
            assertTrue(missing.err().startsWith("Device \"nosuch\" does not exist"), missing.err());
        }
    }

    @Test
    @RequiresRoot
    void aKernelWithoutTheDriverSaysSoAndIpAgrees() throws Exception {
        try (Scratch scratch = new Scratch()) {
            String ns = scratch.name("tun");
            assertEquals(0, CliRun.of("netns", "add", ns).exit());
            for (String kind : List.of("ipip", "sit", "ip6tnl", "gre", "gretap", "ip6gre", "ip6gretap", "vti", "vti6")) {
                String remote = kind.contains("6") ? "2001:db8::1" : "10.1.1.1";
                CliRun ours = CliRun.of("-n", ns, "link", "add", "t0", "type", kind, "remote", remote);
                if (ours.exit() == 0) { // this kernel has the driver: ip sees the same link
                    assertEquals(kind, ip("-n", ns, "-j", "-d", "link", "show", "t0").ok().out().contains(
                            "\"info_kind\":\"" + kind + "\"") ? kind : "not " + kind);
                    ip("-n", ns, "link", "del", "t0").ok();
                    continue;
                }
                var theirs = ip("-n", ns, "link", "add", "t0", "type", kind, "remote", remote);
                assertEquals(1, ours.exit(), kind + ": " + ours.err());
                assertTrue(ours.err().startsWith(theirs.err().strip()), kind + ": " + ours.err() + " / ip: " + theirs.err());
                assertTrue(ours.err().contains("this kernel has no \"" + kind + "\" links"), ours.err());
            }
        }
    }
}
