package io.netns4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netns4j link}: the same text and JSON as {@code ip link} for the same kernel state. */
@RequiresRoot
class LinkCliTest {
    private final Scratch scratch = new Scratch();
    private final ObjectMapper json = new ObjectMapper();
    private String a;
    private String b;

    @BeforeEach
    void topology() {
        a = scratch.name("ca");
        b = scratch.name("cb");
        assertEquals(0, CliRun.of("netns", "add", a).exit());
        assertEquals(0, CliRun.of("netns", "add", b).exit());
        run(0, "-n", a, "link", "add", "br0", "type", "bridge", "stp_state", "0");
        run(0, "-n", a, "link", "add", "v0", "up", "master", "br0", "type", "veth", "peer", "name", "eth0", "netns", b);
        run(0, "-n", a, "link", "add", "v1", "mtu", "1400", "type", "veth", "peer", "v1p");
        run(0, "-n", a, "link", "set", "br0", "up");
        run(0, "-n", a, "link", "set", "dev", "v1", "alias", "to the moon");
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

    @Test
    void textIsWhatIpPrints() {
        assertEquals(ip("-n", a, "link", "show").ok().out(), run(0, "-n", a, "link", "show").out());
        assertEquals(ip("-n", b, "link").ok().out(), run(0, "-n", b, "l").out());
        assertEquals(ip("-n", a, "link", "show", "master", "br0").ok().out(),
                run(0, "-n", a, "link", "show", "master", "br0").out());
        assertEquals(ip("-n", a, "link", "show", "type", "veth").ok().out(),
                run(0, "-n", a, "link", "show", "type", "veth").out());
    }

    @Test
    void jsonIsWhatIpPrints() throws Exception {
        assertEquals(json.readTree(ip("-j", "-n", a, "link", "show").ok().out()),
                json.readTree(run(0, "-j", "-n", a, "link", "show").out()));
        assertEquals(json.readTree(ip("-j", "-n", b, "link", "show").ok().out()),
                json.readTree(run(0, "-j", "-n", b, "link", "show").out()));
        assertEquals(json.readTree(ip("-j", "-s", "-n", a, "link", "show", "dev", "v0").ok().out()),
                json.readTree(run(0, "-j", "-s", "-n", a, "link", "show", "dev", "v0").out()));
    }

    @Test
    void detailsJsonAgreesOnTheKeysNetns4jPrints() throws Exception {
        JsonNode ours = json.readTree(run(0, "-j", "-d", "-n", a, "link", "show", "v0").out()).get(0);
        JsonNode theirs = json.readTree(ip("-j", "-d", "-n", a, "link", "show", "v0").ok().out()).get(0);
        for (var it = ours.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equals("linkinfo")) {
                assertEquals(theirs.get(key).get("info_kind"), ours.get(key).get("info_kind"));
                assertEquals(theirs.get(key).get("info_slave_kind"), ours.get(key).get("info_slave_kind"));
            } else {
                assertEquals(theirs.get(key), ours.get(key), key);
            }
        }
        assertTrue(((ObjectNode) ours).has("min_mtu"));
    }

    @Test
    void userMistakesAreUsageErrorsAndKernelRefusalsFailures() {
        assertTrue(run(2, "-n", a, "link", "add", "x", "type", "nosuchkind").err()
                .contains("Unknown link type \"nosuchkind\": netns4j supports veth, bridge"));
        assertTrue(run(2, "-n", a, "link", "add", "a-very-long-interface", "type", "veth").err()
                .contains("the kernel allows 15"));
        assertTrue(run(2, "-n", a, "link", "add", "x").err().contains("needs \"type TYPE\""));
        assertTrue(run(2, "-n", a, "link", "add", "mv", "type", "macvlan").err().contains("add \"link DEV\""));
        assertTrue(run(2, "-n", a, "link", "set", "v1", "mtu", "big").err().contains("\"mtu\" takes a number"));
        assertTrue(run(2, "-n", a, "link", "set", "v1", "type", "veth").err().contains("cannot change a link's type"));
        assertTrue(run(1, "-n", a, "link", "set", "nope", "up").err()
                .contains("Device \"nope\" does not exist in network namespace \"" + a + "\"."));
        assertTrue(run(1, "-n", a, "link", "add", "v1", "type", "veth").err().contains("File exists"));
        assertTrue(run(1, "-n", a, "link", "del", "nope").err().contains("does not exist"));
        assertEquals(List.of("lo", "br0", "v0", "v1p", "v1"), names(a), "nothing half-made");
    }

    @Test
    void batchBuildsAcrossNamespacesWithDashNLines() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("n4jt-", ".batch");
        try {
            java.nio.file.Files.writeString(f, "-n " + a + " link add v5 type veth peer name v5p netns " + b + "\n"
                    + "-n " + b + " link set v5p up\n");
            run(0, "-batch", f.toString());
            assertTrue(ip("-n", b, "link", "show", "v5p").ok().out().contains(",UP"));
        } finally {
            java.nio.file.Files.delete(f);
        }
    }

    private List<String> names(String ns) {
        return ip("-o", "-n", ns, "link", "show").ok().out().lines()
                .map(l -> l.split(":\\s+")[1].split("@")[0]).toList();
    }
}
