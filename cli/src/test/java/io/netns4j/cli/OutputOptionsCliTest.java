package io.netns4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -br}, {@code -o}, {@code -c}, {@code -s -s} and {@code -human}: byte for byte what
 * {@code ip} prints for link and address, on a namespace with veths, a bridge and IPv6
 * (DAD off, so no address is tentative while the two tools look).
 */
@RequiresRoot
class OutputOptionsCliTest {
    private final Scratch scratch = new Scratch();
    private final ObjectMapper json = new ObjectMapper();
    private String a;
    private String b;

    @BeforeEach
    void topology() throws Exception {
        a = scratch.name("oa");
        b = scratch.name("ob");
        run(0, "netns", "add", a);
        run(0, "netns", "add", b);
        for (String ns : List.of(a, b)) {
            try (Netns n = NetnsRegistry.system().open(ns)) {
                n.sysctls().set("net.ipv6.conf.all.accept_dad", "0");
                n.sysctls().set("net.ipv6.conf.default.accept_dad", "0");
            }
        }
        run(0, "-n", a, "link", "set", "lo", "up");
        run(0, "-n", a, "link", "add", "br0", "up", "type", "bridge", "stp_state", "0");
        run(0, "-n", a, "link", "add", "v0", "up", "master", "br0", "type", "veth", "peer", "name", "eth0", "netns", b);
        run(0, "-n", a, "link", "add", "v1", "mtu", "1400", "type", "veth", "peer", "v1p");
        run(0, "-n", a, "link", "set", "v1", "alias", "spare");
        run(0, "-n", b, "link", "set", "eth0", "up");
        run(0, "-n", a, "address", "add", "10.0.0.1/24", "brd", "+", "dev", "br0");
        run(0, "-n", a, "address", "add", "2001:db8::1/64", "dev", "br0");
        run(0, "-n", a, "address", "add", "10.9.0.1", "peer", "10.9.0.2/32", "dev", "v1");
        run(0, "-n", b, "address", "add", "10.0.0.2/24", "dev", "eth0");
        ip("-n", b, "neigh", "add", "10.0.0.1", "lladdr", "02:00:00:00:00:01", "dev", "eth0").ok();
        // some traffic, so the counters have more than one digit
        ip("netns", "exec", b, "bash", "-c", "for i in $(seq 40); do echo x > /dev/udp/10.0.0.1/9; done").ok();
    }

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    private CliRun run(int expectedExit, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(expectedExit, r.exit(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    /** Runs {@code options} then {@code -n NS object...} with both tools and compares their output. */
    private void same(String ns, String options, String... command) {
        List<String> args = new ArrayList<>(Arrays.asList(options.split(" ")));
        args.add("-n");
        args.add(ns);
        args.addAll(List.of(command));
        String[] argv = args.toArray(String[]::new);
        String[] both = stable(argv);
        assertEquals(both[0], both[1], String.join(" ", argv));
    }

    /**
     * ip's output and ours, taken between two runs of ip that agree: a counter may move while
     * the tools look (the kernel's own IPv6 router solicitations and MLD reports).
     */
    private String[] stable(String... argv) {
        for (int attempt = 1; ; attempt++) {
            String before = ip(argv).ok().out();
            String ours = run(0, argv).out();
            String after = ip(argv).ok().out();
            if (before.equals(after) || attempt == 5) {
                return new String[] {before, ours};
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-br", "-o", "-c", "-c -br", "-c -o", "-br -4", "-br -6", "-o -6", "-o -4", "-c -6",
            "-s", "-s -s", "-o -s", "-c -s -s", "-brief", "-oneline", "-color=always", "-s -hu"})
    void linkAndAddressTextIsWhatIpPrints(String options) {
        for (String ns : List.of(a, b)) {
            same(ns, options, "link", "show");
            same(ns, options, "address", "show");
        }
        same(a, options, "link", "show", "dev", "v1");
        same(a, options, "address", "show", "dev", "br0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-br", "-s -s", "-br -6", "-s", "-o"})
    void jsonIsWhatIpPrints(String options) throws Exception {
        for (String object : List.of("link", "address")) {
            List<String> args = new ArrayList<>(List.of("-j"));
            args.addAll(Arrays.asList(options.split(" ")));
            args.addAll(List.of("-n", a, object, "show"));
            String[] argv = args.toArray(String[]::new);
            String[] both = stable(argv);
            String theirs = both[0];
            String ours = both[1];
            assertEquals(theirs.strip(), ours.strip(), String.join(" ", argv));
            assertEquals(json.readTree(theirs), json.readTree(ours));
        }
    }

    @Test
    void colourIsNeverInJsonAndNeverWhenAskedSo() {
        assertEquals(ip("-n", a, "link").ok().out(), run(0, "-color=never", "-n", a, "link").out());
        assertEquals(ip("-n", a, "link").ok().out(), run(0, "-color=auto", "-n", a, "link").out(),
                "auto: a pipe is no terminal");
        assertTrue(run(0, "-c", "-j", "-n", a, "link").out().indexOf('\u001b') < 0);
        assertTrue(run(2, "-color=pink", "link").err().contains("takes always, auto or never, not \"pink\""));
        assertTrue(run(2, "-brie=x", "link").err().contains("Option \"-brie=x\" is unknown"));
    }

    @Test
    void colorfgbgChoosesThePaletteAsIpDoes() {
        assertTrue(Colour.darkBackground("15;0"));
        assertTrue(Colour.darkBackground("15;default;8"));
        assertTrue(!Colour.darkBackground("0;15"));
        assertTrue(!Colour.darkBackground("0;10"));
        assertTrue(!Colour.darkBackground(null));
        assertEquals("\u001b[1;36mlo: \u001b[0m", Colour.DARK.ifname("lo: "));
    }

    @Test
    void abbreviationsResolveInIpsOrder() throws Exception {
        GlobalOptions o = GlobalOptions.parse(List.of("-br", "-o", "-c", "-hu", "-s", "-s", "link"), false);
        assertTrue(o.brief() && o.oneline() && o.human() && o.colour() == Colour.LIGHT || o.colour() == Colour.DARK);
        assertEquals(2, o.stats());
        assertEquals("x", GlobalOptions.parse(List.of("-b", "x"), false).batch(), "-b is -batch, as in ip");
        assertTrue(GlobalOptions.parse(List.of("-h"), false).help(), "-h stays help");
    }

    @Test
    void batchLinesTakeTheirOwnOptions() throws Exception {
        Path f = Files.createTempFile("n4jt-", ".batch");
        try {
            Files.writeString(f, "-n " + a + " -br link show dev v1\n"
                    + "-n " + a + " -j -6 address show dev br0\n"
                    + "-o -n " + b + " -4 addr show\n"
                    + "-n " + a + " -d link show dev lo\n");
            String expected = ip("-n", a, "-br", "link", "show", "dev", "v1").ok().out()
                    + ip("-n", a, "-j", "-6", "address", "show", "dev", "br0").ok().out()
                    + ip("-o", "-n", b, "-4", "addr", "show").ok().out()
                    + run(0, "-n", a, "-d", "link", "show", "dev", "lo").out();
            assertEquals(expected, run(0, "-batch", f.toString()).out());
            Files.writeString(f, "-n " + a + " -batch x\n");
            CliRun r = run(1, "-batch", f.toString());
            assertTrue(r.err().contains("Option \"-batch\" cannot start a batch line"), r.err());
            Files.writeString(f, "-n " + a + " -j\n");
            assertTrue(run(1, "-batch", f.toString()).err().contains("Nothing to run after \"-n " + a + " -j\""));
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void colourOfRoutesAndNeighboursIsWhatIpPrints() {
        run(0, "-n", b, "route", "add", "default", "via", "10.0.0.1");
        for (String ns : List.of(a, b)) {
            same(ns, "-c", "route", "show");
            same(ns, "-c", "route", "show", "table", "all");
            same(ns, "-c -6", "route", "show");
            same(ns, "-c", "neigh", "show");
        }
        same(b, "-c", "route", "get", "10.9.9.9");
        assertTrue(run(0, "-c", "-n", b, "route", "show").out().contains("via \u001b[35m10.0.0.1 \u001b[0m"));
    }
}
