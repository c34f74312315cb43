package io.netns4j.e2e;

import io.netns4j.cli.Main;
import io.netns4j.testing.RequiresRoot;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's main job, {@code netns4j demo}: the seed walkthrough, corrected (both veth
 * ends in namespaces of its own), with a real TCP exchange, the seed's firewall rule checked
 * with real connections, the seed's three mistakes answered with usage errors, and nothing
 * left behind.
 */
@RequiresRoot
class SeedScenarioTest {
    @Test
    void theDemoBuildsShowsExchangesTrafficAndCleansUp() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            status = Main.run(List.of("demo"), o, o);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        String pid = Long.toString(ProcessHandle.current().pid());
        assertTrue(text.contains("Write: netns4j -n demo-example_ns-" + pid + " route add default via veth1"), text);
        assertTrue(text.contains("'veth1' is not an address; to send through an interface use 'dev veth1'"), text);
        assertTrue(text.contains("default via 10.200.1.1 dev veth1"), text);
        assertTrue(text.contains("inet 10.200.1.2/24 scope global veth1"), text);
        assertTrue(text.contains("server heard: hello from demo-example_ns-" + pid), text);
        assertTrue(text.contains("client heard: hello 10.200.1.2, this is demo-host-" + pid), text);
        assertTrue(text.contains("is not a network namespace, it looks like a command"), text);
        assertTrue(text.contains("-A INPUT -i veth1 -p tcp -m tcp --dport 80 -j ACCEPT"), text);
        assertTrue(text.contains("port 80: connected; port 81: blocked"), text);
        String lab = "demo-db-" + pid;
        assertTrue(text.contains("lab \"" + lab + "\" is up: 4 namespaces"), text);
        assertTrue(text.contains("lab \"" + lab + "\" is up to date: nothing changed"), text);
        assertTrue(text.contains("db1 -> db3 (10.30.0.3:5432): connected"), text);
        assertTrue(text.contains("lab \"" + lab + "\" partitioned: db3 <-/-> db1, db3 <-/-> db2"), text);
        assertTrue(text.contains("db1 -> db3 (10.30.0.3:5432): no answer within 1 s"), text);
        assertTrue(text.contains("lab \"" + lab + "\" is down: 4 namespaces removed"), text);
        assertTrue(text.endsWith("demo finished: traffic flowed, the firewall held, the lab came up, was partitioned"
                + " and healed, and everything it made is gone\n"), text);
        try (var names = Files.list(Path.of("/run/netns"))) {
            assertTrue(names.noneMatch(p -> p.getFileName().toString().endsWith("-" + pid)
                    || p.getFileName().toString().startsWith(lab)), "nothing left behind");
        }
        assertFalse(Files.exists(Path.of("/run/netns4j/labs", lab + ".lock")), "no lock file left");
        assertFalse(Files.exists(Path.of("/run/netns4j/labs", lab + ".yaml")), "no state left");
        assertFalse(Files.exists(Path.of("/etc/netns", lab + "-db1")), "no hosts file left");
    }
}
