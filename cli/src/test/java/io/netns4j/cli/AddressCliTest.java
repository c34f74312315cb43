package io.netns4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** {@code netns4j address ...} end to end, in a namespace of the test's own; ip is the oracle. */
@RequiresRoot
class AddressCliTest {
    private final Scratch scratch = new Scratch();
    private final ObjectMapper json = new ObjectMapper();
    private String ns;

    @BeforeEach
    void namespaceWithAVethPair() {
        ns = scratch.name("addrcli");
        ip("netns", "add", ns).ok();
        // no duplicate address detection in this namespace: a link-local address that stops
        // being "tentative" between ip's run and ours would make the outputs differ
        ip("netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0").ok();
        ip("-n", ns, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1").ok();
        ip("-n", ns, "link", "set", "veth0", "up").ok();
        ip("-n", ns, "link", "set", "veth1", "up").ok();
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

    /** Lifetimes that count down are compared as present, not by value (a second may pass). */
    private static String sameSecond(String text) {
        return text.replaceAll("\\d+sec", "Nsec");
    }

    private JsonNode parsed(String text) throws Exception {
        JsonNode tree = json.readTree(text);
        for (JsonNode link : tree) {
            for (JsonNode a : link.path("addr_info")) {
                for (String k : List.of("valid_life_time", "preferred_life_time")) {
                    if (a.get(k).asLong() != 4294967295L) {
                        ((ObjectNode) a).put(k, "counting");
                    }
                }
            }
        }
        return tree;
    }

    private void addSome() {
        ok("address", "add", "10.0.0.1/24", "dev", "veth0");
        ok("addr", "add", "10.0.0.5/24", "brd", "+", "dev", "veth0", "label", "veth0:x");
        ok("a", "add", "2001:db8::1/64", "dev", "veth0", "nodad");
        ok("addr", "add", "10.1.0.1", "peer", "10.1.0.2/32", "dev", "veth1", "valid_lft", "100", "preferred_lft", "50",
                "noprefixroute");
        ok("addr", "add", "10.2.0.1/24", "dev", "veth1", "scope", "link", "metric", "55");
    }

    @Test
    void textIsWhatIpPrints() {
        addSome();
        assertEquals(sameSecond(ipOut("addr", "show")), sameSecond(run("addr", "show").out()));
        assertEquals(sameSecond(ipOut("addr", "show", "dev", "veth1")), sameSecond(run("a", "s", "veth1").out()));
        for (List<String> filter : List.of(List.of("scope", "link"), List.of("secondary"), List.of("primary"),
                List.of("to", "10.0.0.0/24"), List.of("dynamic"), List.of("-tentative"), List.of("label", "veth0:*"))) {
            List<String> words = new ArrayList<>(List.of("addr", "show"));
            words.addAll(filter);
            String[] w = words.toArray(String[]::new);
            assertEquals(sameSecond(ipOut(w)), sameSecond(run(w).out()), String.join(" ", filter));
        }
        List<String> families = List.of("-4", "-6");
        for (String f : families) {
            assertEquals(sameSecond(ip("-n", ns, f, "addr").ok().out()),
                    sameSecond(CliRun.of("-n", ns, f, "addr").out()), f);
        }
    }

    @Test
    void jsonMatchesIpFieldByField() throws Exception {
        addSome();
        assertEquals(parsed(ipOut("-j", "addr", "show")), parsed(run("-j", "addr", "show").out()));
        assertEquals(parsed(ipOut("-j", "addr", "show", "dev", "veth0")), parsed(run("-j", "addr", "show", "dev", "veth0").out()));
        assertEquals(parsed(ip("-n", ns, "-j", "-6", "addr").ok().out()), parsed(CliRun.of("-n", ns, "-j", "-6", "addr").out()));
        JsonNode veth1 = parsed(run("-j", "addr", "show", "dev", "veth1").out()).get(0).get("addr_info");
        JsonNode peer = null;
        for (JsonNode a : veth1) {
            peer = a.get("local").asText().equals("10.1.0.1") ? a : peer;
        }
        assertEquals("10.1.0.2", peer.get("address").asText(), veth1.toString());
        assertTrue(peer.get("noprefixroute").asBoolean() && peer.get("dynamic").asBoolean(), peer.toString());
    }

    @Test
    void whatNetns4jAddsIpDeletesAndTheOtherWayRound() {
        ok("addr", "add", "10.3.0.1/24", "dev", "veth0");
        ip("-n", ns, "addr", "del", "10.3.0.1/24", "dev", "veth0").ok();
        ip("-n", ns, "addr", "add", "10.4.0.1/24", "dev", "veth0").ok();
        assertTrue(run("addr", "show", "dev", "veth0").out().contains("inet 10.4.0.1/24 scope global veth0"));
        ok("address", "del", "10.4.0.1/24", "dev", "veth0");
        assertFalse(ipOut("addr", "show", "dev", "veth0").contains("10.4.0.1"));
    }

    @Test
    void flushRemovesTheSelectedAddresses() {
        addSome();
        ok("addr", "flush", "dev", "veth0", "scope", "global");
        String left = ipOut("addr", "show", "dev", "veth0");
        assertFalse(left.contains("10.0.0.") || left.contains("2001:db8::1"), left);
        assertTrue(left.contains("fe80::"), "the link-local address has scope link");
        assertTrue(ipOut("addr", "show", "dev", "veth1").contains("10.2.0.1"), "another device is untouched");
    }

    @Test
    void failuresAndBadInputSayWhatToDo() {
        ok("addr", "add", "10.0.0.1/24", "dev", "veth0");
        CliRun dup = run("addr", "add", "10.0.0.1/24", "dev", "veth0");
        assertEquals(1, dup.exit());
        assertEquals("Error: ipv4: Address already assigned.\n", dup.err());

        CliRun prefix = run("addr", "add", "10.0.0.1/33", "dev", "veth0");
        assertEquals(2, prefix.exit());
        assertTrue(prefix.err().contains("10.0.0.1/33") && prefix.err().contains("0 to 32"), prefix.err());

        CliRun noDev = run("addr", "add", "10.0.0.9/24");
        assertEquals(2, noDev.exit());
        assertTrue(noDev.err().contains("\"dev\" argument is required"), noDev.err());

        CliRun unknown = run("addr", "add", "10.0.0.9/24", "dev", "nope0");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("Device \"nope0\" does not exist") && unknown.err().contains(ns), unknown.err());

        CliRun v4nodad = run("addr", "add", "10.0.0.9/24", "dev", "veth0", "nodad");
        assertEquals(2, v4nodad.exit());
        assertTrue(v4nodad.err().contains("only for IPv6"), v4nodad.err());

        CliRun lifetimes = run("addr", "add", "10.0.0.9/24", "dev", "veth0", "valid_lft", "10", "preferred_lft", "20");
        assertEquals(2, lifetimes.exit());
        assertTrue(lifetimes.err().contains("preferred_lft"), lifetimes.err());

        assertEquals(2, run("addr", "flush").exit(), "flush needs a selector, as in ip");
        assertEquals(2, run("addr", "frobnicate").exit());
        assertFalse(ipOut("addr", "show").contains("10.0.0.9"), "nothing was changed by the refused commands");
    }
}
