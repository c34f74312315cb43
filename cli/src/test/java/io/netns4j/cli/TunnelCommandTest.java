package io.netns4j.cli;

import io.netns4j.internal.netlink.Golden;
import io.netns4j.link.GreTunnel;
import io.netns4j.link.IpTunnel;
import io.netns4j.link.Link;
import io.netns4j.link.LinkKind;
import io.netns4j.link.Links;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import io.netns4j.types.InetPrefix;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tunnel add|change|del|show} (ip-tunnel(8)): ip's words read as the record that encodes to
 * the bytes ip sends for the same tunnel by rtnetlink (the link goldens: ip tunnel itself uses ioctls,
 * whose structures strace does not show), usage errors before anything is opened (exit 2), ip's
 * own messages for missing or foreign devices (exit 1), and the printer against ip's print_tunnel
 * formats (ip/iptunnel.c, ip/ip6tunnel.c), fed with the golden requests' IFLA_INFO_DATA.
 */
class TunnelCommandTest {
    private static TunnelWords words(boolean ipv6, String line) throws UsageException {
        return TunnelCommand.parse(GlobalOptions.parse(ipv6 ? List.of("-6", "tunnel") : List.of("tunnel")),
                List.of(line.split(" "))).words();
    }

    private static LinkKind kind(boolean ipv6, String line) throws UsageException {
        return words(ipv6, line).kind();
    }

    @Test
    void ipsWordsReadAsTheTunnelIpLinkAddMakes() throws Exception {
        Map<String, LinkKind> e = TunnelCliTest.EXPECTED;
        assertEquals(e.get("gre.hex"), kind(false, "add gre0 mode gre local 10.1.1.2 remote 10.1.1.1 ttl 64 tos 10 key 42"
                + " dev lo"));
        // no mode: ip takes it from the name (gre...)
        assertEquals(e.get("gre-flags.hex"), kind(false, "add gre1 remote 10.1.1.1 ikey 1 okey 1.2.3.4 csum seq"
                + " nopmtudisc"));
        assertEquals(e.get("vti.hex"), kind(false, "add vti0 mode vti local 10.1.1.2 remote 10.1.1.1 key 5 dev lo"));
        // ip's ioctl puts IPPROTO_IPIP in iph.protocol: mode ipip, not any
        assertEquals(((IpTunnel) e.get("ipip.hex")).withMode(IpTunnel.Mode.IPIP),
                kind(false, "add name ipip0 mode ipip local 10.1.1.2 remote 10.1.1.1 ttl 64 tos 0x10 dev lo"));
        assertEquals(IpTunnel.sit().withMode(IpTunnel.Mode.IP6IP).withRemote(InetPrefix.parseAddress("10.1.1.1"))
                .withTtl(64), kind(false, "add s0 mode sit remote 10.1.1.1 ttl 64"));
        assertEquals(e.get("ip6tnl.hex"), kind(true, "add ip6t0 mode ip6ip6 local 2001:db8::2 remote 2001:db8::1"
                + " hoplimit 32 encaplimit 2 tclass 0x10 flowlabel 0x12345 dev lo"));
        assertEquals(e.get("ip6gre.hex"), kind(true, "add g6 mode ip6gre local 2001:db8::2 remote 2001:db8::1"
                + " hoplimit 32 encaplimit none key 5 dev lo"));
        assertEquals(e.get("vti6.hex"), kind(true, "add vti6a mode vti6 local 2001:db8::2 remote 2001:db8::1 key 5"
                + " dev lo"));
        // an IPv6 mode makes it "ip -6 tunnel" without -6, as in ip
        assertEquals(e.get("ip6gre.hex"), kind(false, "add g6 mode ip6gre local 2001:db8::2 remote 2001:db8::1"
                + " hoplimit 32 encaplimit none key 5 dev lo"));
        assertEquals(GreTunnel.of(GreTunnel.Type.GRE).withTos(0x11), kind(false, "add g mode gre tos inherit/10"));
    }

    @Test
    void changeKeepsTheOptionWordsForTheTunnelAsRead() throws Exception {
        TunnelWords w = words(false, "change gre0 mode gre ttl 3 key 5 nopmtudisc");
        assertEquals("gre0", w.name());
        assertEquals(List.of("ttl", "3", "key", "5", "nopmtudisc"), w.options());
        assertEquals("gre", w.modeKind("gre"));
    }

    private static void usage(String message, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
        assertEquals(message + "\n", r.err(), String.join(" ", args));
    }

    @Test
    void badWordsAreUsageErrorsBeforeAnythingIsOpened() {
        usage("Unknown tunnel mode \"foo\".", "tunnel", "add", "t1", "mode", "foo");
        usage("Keys are not allowed with ipip and sit tunnels.", "tunnel", "add", "t1", "mode", "ipip", "key", "1");
        usage("ttl != 0 and nopmtudisc are incompatible.", "tunnel", "add", "t1", "mode", "gre", "nopmtudisc", "ttl", "3");
        usage("Error: argument \"300\" is wrong: invalid TTL", "tunnel", "add", "t1", "mode", "gre", "ttl", "300");
        usage("Error: either \"name\" is duplicate, or \"t2\" is a garbage.", "tunnel", "add", "t1", "t2", "mode", "gre");
        usage("cannot determine tunnel mode (ipip, gre, vti or sit): add \"mode MODE\".", "tunnel", "add", "t1");
        usage("You managed to ask for more than one tunnel mode.", "tunnel", "add", "t1", "mode", "gre", "mode", "ipip");
        usage("mode isatap (sit with a potential router list) is not supported by netns4j yet.", "tunnel", "add", "t1",
                "mode", "isatap");
        usage("\"tunnel prl\" (the potential router list and 6rd of sit tunnels) is not supported by netns4j yet.",
                "tunnel", "prl", "dev", "sit1");
        usage("\"dscp\" of ip6 tunnels is not supported by netns4j yet.", "-6", "tunnel", "add", "t1", "dscp", "inherit");
        assertTrue(CliRun.of("tunnel", "add", "t1", "mode", "vti", "ttl", "3").err().startsWith("\"ttl\" of vti tunnels"
                + " is not supported by netns4j: only ip's ioctl sets it"));
        assertTrue(CliRun.of("tunnel", "add", "mode", "gre").err().startsWith("\"tunnel add\" needs the tunnel's NAME"));
        assertEquals(2, CliRun.of("tunnel", "del").exit());
        assertEquals(2, CliRun.of("-s", "tunnel", "show").exit());
    }

    @Test
    @RequiresRoot
    void missingAndForeignDevicesFailAsInIp() throws Exception {
        try (Scratch scratch = new Scratch()) {
            String ns = scratch.name("tnl");
            ip("netns", "add", ns).ok();
            for (String line : List.of("tunnel show gre0", "-6 tunnel show t1", "tunnel show mode gre lo",
                    "tunnel del t1", "tunnel del lo", "tunnel change t1 ttl 3", "tunnel change lo ttl 3")) {
                List<String> args = new java.util.ArrayList<>(List.of("-n", ns));
                args.addAll(List.of(line.split(" ")));
                CliRun ours = CliRun.of(args.toArray(String[]::new));
                var theirs = ip(args.toArray(String[]::new));
                assertEquals(1, ours.exit(), line + ": " + ours.err());
                assertEquals(theirs.err(), ours.err(), line);
            }
            for (String line : List.of("tunnel show", "-6 tunnel show", "tunnel", "tunnel show t1", "-j tunnel show")) {
                List<String> args = new java.util.ArrayList<>(List.of("-n", ns));
                args.addAll(List.of(line.split(" ")));
                CliRun ours = CliRun.of(args.toArray(String[]::new));
                assertEquals(0, ours.exit(), line + ": " + ours.err());
                assertEquals(ip(args.toArray(String[]::new)).ok().out(), ours.out(), line);
            }
        }
    }

    @Test
    @RequiresRoot
    void addOnAKernelWithoutTheDriverSaysWhy() throws Exception {
        try (Scratch scratch = new Scratch()) {
            String ns = scratch.name("tnl");
            ip("netns", "add", ns).ok();
            CliRun ours = CliRun.of("-n", ns, "tunnel", "add", "t1", "mode", "gre", "remote", "10.1.1.1");
            if (ours.exit() == 0) { // the kernel has gre: ip shows the same tunnel
                assertEquals(ip("-n", ns, "tunnel", "show", "t1").ok().out(), CliRun.of("-n", ns, "tunnel", "show",
                        "t1").out());
                return;
            }
            assertEquals(1, ours.exit());
            assertTrue(ours.err().startsWith("add tunnel \"t1\" failed: Error: Unknown device type. (this kernel has no"
                    + " \"gre\" links"), ours.err());
        }
    }

    private static String shown(String golden, boolean json) throws Exception {
        Link l = Links.decode(Golden.bytes("links/" + golden));
        TunnelShow.Out o = TunnelShow.print(TunnelShow.Parms.of(l), Map.of(1, "lo"), json);
        return json ? io.netns4j.internal.json.JsonWriter.write(o.json(), false) : o.text();
    }

    @Test
    void eachTunnelIsPrintedAsIpsPrintTunnel() throws Exception {
        Golden.assumeLittleEndian();
        assertEquals("gre0: gre/ip remote 10.1.1.1 local 10.1.1.2 dev lo ttl 64 tos 0x10 key 42", shown("gre.hex", false));
        assertEquals("gre1: gre/ip remote 10.1.1.1 local any ttl inherit nopmtudisc ikey 1 okey 16909060\n"
                + "  Drop packets out of sequence.\n  Checksum in received packet is required.\n"
                + "  Sequence packets on output.\n  Checksum output packets.", shown("gre-flags.hex", false));
        assertEquals("ipip0: any/ip remote 10.1.1.1 local 10.1.1.2 dev lo ttl 64 tos 0x10", shown("ipip.hex", false));
        assertEquals("sit0: ipv6/ip remote 10.1.1.1 local 10.1.1.2 ttl 64", shown("sit.hex", false));
        assertEquals("vti0: ip/ip remote 10.1.1.1 local 10.1.1.2 dev lo ttl inherit nopmtudisc key 5",
                shown("vti.hex", false));
        assertEquals("vti1: ip/ip remote 10.1.1.1 local any ttl inherit nopmtudisc ikey 1 okey 2",
                shown("vti-keys.hex", false));
        assertEquals("ip6t0: ipv6/ipv6 remote 2001:db8::1 local 2001:db8::2 dev lo encaplimit 2 hoplimit 32"
                + " tclass 0x10 flowlabel 0x12345 (flowinfo 0x01012345)", shown("ip6tnl.hex", false));
        assertEquals("g6: gre/ipv6 remote 2001:db8::1 local 2001:db8::2 dev lo encaplimit none hoplimit 32"
                + " tclass 0x00 flowlabel 0x00000 (flowinfo 0x00000000) key 5", shown("ip6gre.hex", false));
        assertEquals("{\"ifname\":\"gre0\",\"mode\":\"gre/ip\",\"remote\":\"10.1.1.1\",\"local\":\"10.1.1.2\","
                + "\"dev\":\"lo\",\"ttl\":64,\"tos\":\"0x10\",\"key\":42,\"flags\":[]}", shown("gre.hex", true));
        assertEquals("{\"ifname\":\"gre1\",\"mode\":\"gre/ip\",\"remote\":\"10.1.1.1\",\"local\":\"0.0.0.0\","
                + "\"nopmtudisc\":null,\"ikey\":1,\"okey\":16909060,\"flags\":[\"rx_drop_ooseq\",\"rx_csum\",\"tx_seq\","
                + "\"tx_csum\"]}", shown("gre-flags.hex", true));
    }

    /** Damaged tunnel data is printed or reported as malformed; nothing else is thrown. */
    @Test
    void damagedTunnelDataNeverBreaksThePrinter() throws Exception {
        java.util.Random random = new java.util.Random(14);
        List<String> files = List.of("gre.hex", "gre-flags.hex", "ipip.hex", "sit.hex", "vti.hex", "ip6tnl.hex",
                "ip6gre.hex", "vti6.hex");
        int printed = 0;
        for (int round = 0; round < 2000; round++) {
            byte[] m = Golden.bytes("links/" + files.get(random.nextInt(files.size()))).clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                m[32 + random.nextInt(m.length - 32)] = (byte) random.nextInt(256);
            }
            try {
                Link l = Links.decode(m);
                if (!TunnelShow.isClassicTunnel(l)) {
                    continue;
                }
                TunnelShow.print(TunnelShow.Parms.of(l), Map.of(1, "lo"), random.nextBoolean());
                io.netns4j.link.TunnelKinds.unmodelled(l.kind(), l.details().kindData());
                printed++;
            } catch (io.netns4j.error.MalformedMessageException e) {
                // said so: fine
            }
        }
        assertTrue(printed > 500, printed + " damaged tunnels printed");
    }
}
