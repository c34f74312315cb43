package io.netns4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netns4j neighbour ...} end to end, in a namespace of the test's own; ip is the oracle. */
@RequiresRoot
class NeighbourCliTest {
    private final Scratch scratch = new Scratch();
    private final ObjectMapper json = new ObjectMapper();
    private String ns;

    @BeforeEach
    void namespaceWithAVethPair() {
        ns = scratch.name("neighcli");
        ip("netns", "add", ns).ok();
        ip("-n", ns, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1").ok();
        ip("-n", ns, "link", "set", "veth0", "up").ok();
        ip("-n", ns, "link", "set", "veth1", "up").ok();
        ip("-n", ns, "addr", "add", "10.0.0.1/24", "dev", "veth0").ok();
    }

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    private CliRun run(String... words) {
        List<String> all = new ArrayList<>(List.of("-n", ns));
        all.addAll(List.of(words));
        return CliRun.of(all.toArray(String[]::new));
    }

    private void ok(String... words) {
        CliRun r = run(words);
        assertEquals(0, r.exit(), String.join(" ", words) + ": " + r.err());
    }

    private String ipOut(String... words) {
        List<String> all = new ArrayList<>(List.of("-n", ns));
        all.addAll(List.of(words));
        return ip(all.toArray(String[]::new)).ok().out();
    }

    private void addSome() {
        ok("neigh", "add", "10.0.0.2", "lladdr", "02:00:00:00:00:02", "dev", "veth0", "nud", "permanent");
        ok("neighbour", "add", "10.0.0.3", "lladdr", "02:00:00:00:00:03", "dev", "veth0", "nud", "stale");
        ok("n", "add", "10.0.0.4", "lladdr", "02:00:00:00:00:04", "dev", "veth0", "nud", "noarp");
        ok("neigh", "replace", "2001:db8::2", "lladdr", "02:00:00:00:00:06", "dev", "veth1", "nud", "reachable");
        ok("neigh", "add", "10.0.0.12", "lladdr", "02:00:00:00:00:12", "dev", "veth1", "nud", "perm", "router");
        ok("neigh", "add", "proxy", "10.0.0.9", "dev", "veth0");
    }

    private static final List<List<String>> SHOWS = List.of(List.of(), List.of("show", "dev", "veth0"),
            List.of("show", "proxy"), List.of("show", "nud", "all"), List.of("show", "nud", "stale"),
            List.of("show", "to", "10.0.0.0/24"), List.of("show", "nud", "noarp", "dev", "veth0"));

    @Test
    void textAndJsonAreWhatIpPrints() throws Exception {
        addSome();
        for (List<String> show : SHOWS) {
            List<String> words = new ArrayList<>(List.of("neigh"));
            words.addAll(show);
            String[] w = words.toArray(String[]::new);
            assertEquals(ipOut(w), run(w).out(), String.join(" ", show));
            words.addFirst("-j");
            String[] j = words.toArray(String[]::new);
            assertEquals(json.readTree(ipOut(j)), json.readTree(run(j).out()), "-j " + String.join(" ", show));
        }
        assertEquals(ip("-n", ns, "-6", "neigh").ok().out(), CliRun.of("-n", ns, "-6", "neigh").out());
    }

    @Test
    void changeDeleteAndFlushAsIpSeesThem() {
        addSome();
        ok("neigh", "change", "10.0.0.2", "lladdr", "02:00:00:00:00:22", "dev", "veth0");
        assertTrue(ipOut("neigh", "show", "10.0.0.2").contains("lladdr 02:00:00:00:00:22 PERMANENT"));
        ok("neigh", "del", "proxy", "10.0.0.9", "dev", "veth0");
        assertEquals("", ipOut("neigh", "show", "proxy"));
        ok("neigh", "flush", "dev", "veth0");
        String left = ipOut("neigh", "show", "nud", "all", "dev", "veth0");
        assertTrue(left.contains("10.0.0.2 ") && left.contains("10.0.0.4 "), "permanent and noarp entries stay: " + left);
        assertFalse(left.contains("10.0.0.3 "), left);
        ok("neigh", "delete", "10.0.0.2", "dev", "veth0");
        assertFalse(ipOut("neigh", "show", "dev", "veth0").contains("10.0.0.2 "));
    }

    @Test
    void failuresAndBadInputSayWhatToDo() {
        ok("neigh", "add", "10.0.0.2", "lladdr", "02:00:00:00:00:02", "dev", "veth0");
        CliRun dup = run("neigh", "add", "10.0.0.2", "lladdr", "02:00:00:00:00:02", "dev", "veth0");
        assertEquals(1, dup.exit());
        assertEquals("RTNETLINK answers: File exists\n", dup.err());

        CliRun noDev = run("neigh", "add", "10.0.0.7", "lladdr", "02:00:00:00:00:07");
        assertEquals(2, noDev.exit());
        assertTrue(noDev.err().contains("\"dev\" is missing"), noDev.err());

        CliRun badMac = run("neigh", "add", "10.0.0.7", "lladdr", "zz:00", "dev", "veth0");
        assertEquals(2, badMac.exit());
        assertTrue(badMac.err().contains("zz:00"), badMac.err());

        CliRun badState = run("neigh", "add", "10.0.0.7", "dev", "veth0", "nud", "sleepy");
        assertEquals(2, badState.exit());
        assertTrue(badState.err().contains("\"sleepy\"") && badState.err().contains("permanent"), badState.err());

        CliRun unknown = run("neigh", "add", "10.0.0.7", "lladdr", "02:00:00:00:00:07", "dev", "nope0");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("Device \"nope0\" does not exist") && unknown.err().contains(ns), unknown.err());

        CliRun missing = run("neigh", "del", "10.0.0.99", "dev", "veth0");
        assertEquals(1, missing.exit());
        assertEquals("RTNETLINK answers: No such file or directory\n", missing.err());

        assertEquals(2, run("neigh", "flush").exit(), "flush needs a selector, as in ip");
        assertFalse(ipOut("neigh", "show", "nud", "all").contains("10.0.0.7"), "refused commands changed nothing");
    }

    @Test
    void getAsksTheKernelForOneEntryAsIpDoes() throws Exception {
        addSome();
        for (List<String> get : List.of(List.of("get", "10.0.0.3", "dev", "veth0"),
                List.of("get", "2001:db8::2", "dev", "veth1"), List.of("get", "proxy", "10.0.0.9", "dev", "veth0"),
                List.of("get", "to", "10.0.0.12", "dev", "veth1"))) {
            List<String> words = new ArrayList<>(List.of("neigh"));
            words.addAll(get);
            String[] w = words.toArray(String[]::new);
            assertEquals(ipOut(w), run(w).out(), String.join(" ", get));
            words.addFirst("-s");
            String[] s = words.toArray(String[]::new);
            assertEquals(ipOut(s), run(s).out(), "-s " + String.join(" ", get));
        }
        // ip 6.1 prints text for "-j neigh get" (newer ip prints JSON, as netns4j does): compare the keys
        assertEquals(json.readTree(ipOut("-j", "neigh", "show", "10.0.0.3")),
                json.readTree(run("-j", "neigh", "get", "10.0.0.3", "dev", "veth0").out()));
        CliRun missing = run("neigh", "get", "10.0.0.99", "dev", "veth0");
        assertEquals(1, missing.exit());
        assertEquals(ip("-n", ns, "neigh", "get", "10.0.0.99", "dev", "veth0").err(), missing.err());
        CliRun noDev = run("neigh", "get", "10.0.0.3");
        assertEquals(2, noDev.exit());
        assertTrue(noDev.err().startsWith("Device and address are required arguments: \"dev\" is missing"));
    }

    @Test
    void statisticsAndWholeFamilySelectorsAreWhatIpPrints() throws Exception {
        addSome();
        for (List<String> show : List.of(List.of("-s", "neigh"), List.of("-s", "-s", "neigh", "show", "dev", "veth0"),
                List.of("neigh", "show", "all"), List.of("neigh", "show", "10/8"), List.of("-6", "neigh", "show", "any"),
                List.of("neigh", "show", "to", "10.0/16"))) {
            String[] w = show.toArray(String[]::new);
            assertEquals(ipOut(w), run(w).out(), String.join(" ", show));
        }
        assertEquals(json.readTree(ipOut("-j", "-s", "neigh")), json.readTree(run("-j", "-s", "neigh").out()));
    }

    @Test
    void flushAllTakesEveryFamilyOrTheOneGiven() {
        addSome();
        ok("neigh", "add", "10.0.0.5", "lladdr", "02:00:00:00:00:05", "dev", "veth1", "nud", "stale");
        ok("neigh", "add", "2001:db8::5", "lladdr", "02:00:00:00:00:05", "dev", "veth1", "nud", "stale");
        assertEquals(0, CliRun.of("-n", ns, "-6", "neigh", "flush", "all").exit());
        assertTrue(ipOut("neigh", "show", "10.0.0.5").contains("STALE"), "-6 leaves IPv4 alone");
        assertEquals("", ipOut("-6", "neigh", "show", "nud", "stale"));
        ok("neigh", "flush", "all");
        assertEquals("", ipOut("neigh", "show", "nud", "stale"));
        assertTrue(ipOut("neigh", "show", "nud", "all").contains("10.0.0.2 "), "permanent entries stay, as in ip");
    }
}
