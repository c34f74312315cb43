package io.netns4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netns4j monitor} beside {@code ip monitor} on the same namespace while links,
 * addresses, routes, neighbours and rules come and go: the same lines, in the same order.
 */
@RequiresRoot
class MonitorCliTest {
    private final Scratch scratch = new Scratch();
    private String ns;
    private Process ipMonitor;
    private Path ipOut;

    @BeforeEach
    void namespace() throws Exception {
        ns = scratch.name("mon");
        assertEquals(0, CliRun.of("netns", "add", ns).exit());
        ipOut = Files.createTempFile("n4jt-monitor-", ".txt");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ipMonitor != null) {
            ipMonitor.destroy(); // our own child, by its handle
            ipMonitor.waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(ipOut);
        scratch.close();
    }

    private void changes() {
        ip("-n", ns, "link", "add", "m0", "type", "veth", "peer", "name", "m0p").ok();
        ip("-n", ns, "addr", "add", "10.77.0.1/24", "dev", "m0").ok();
        ip("-n", ns, "link", "set", "m0", "up").ok();
        ip("-n", ns, "route", "add", "10.78.0.0/16", "dev", "m0").ok();
        ip("-n", ns, "neigh", "add", "10.77.0.5", "lladdr", "02:00:00:00:00:05", "dev", "m0").ok();
        ip("-n", ns, "rule", "add", "pref", "555", "lookup", "55").ok();
        ip("-n", ns, "rule", "del", "pref", "555").ok();
        ip("-n", ns, "link", "del", "m0").ok();
    }

    /** Runs both monitors over {@link #changes()}; ours stops after as many events as ip printed. */
    private String[] both(String... ourOptions) throws Exception {
        ipMonitor = new ProcessBuilder("ip", "-n", ns, "monitor", "link", "address", "route", "neigh", "rule")
                .redirectOutput(ipOut.toFile()).redirectError(new File("/dev/null")).start();
        List<String> args = new java.util.ArrayList<>(List.of(ourOptions));
        args.addAll(List.of("-n", ns, "monitor", "link", "address", "route", "neigh", "rule", "count", "17"));
        CompletableFuture<CliRun> ours = CompletableFuture.supplyAsync(() -> CliRun.of(args.toArray(String[]::new)));
        Thread.sleep(1500); // both subscribed (ip has no ready signal to wait for)
        changes();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(ipOut).contains("Deleted 2: m0p") && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        CliRun r = ours.get(10, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.err());
        return new String[] {Files.readString(ipOut), r.out()};
    }

    @Test
    void textIsWhatIpMonitorPrints() throws Exception {
        String[] out = both();
        assertTrue(out[0].contains("Deleted 555:\tfrom all lookup 55"), out[0]);
        assertEquals(out[0], out[1]);
    }

    @Test
    void jsonIsOneObjectALineWithTheShowCommandsKeys() throws Exception {
        String[] out = both("-j");
        List<String> lines = out[1].lines().toList();
        assertEquals(17, lines.size(), out[1]);
        ObjectMapper json = new ObjectMapper();
        JsonNode firstAddress = null;
        int deleted = 0;
        for (String l : lines) {
            JsonNode n = json.readTree(l);
            if (n.has("local") && firstAddress == null) {
                firstAddress = n;
            }
            deleted += n.path("deleted").asBoolean() ? 1 : 0;
        }
        assertEquals("m0", firstAddress.get("dev").asText());
        assertEquals("10.77.0.1", firstAddress.get("local").asText());
        assertEquals(6, deleted, "rule, neighbour, address, local route, two links: " + out[1]);
    }

    @Test
    void badWordsAreUsageErrors() {
        assertTrue(CliRun.of("monitor", "links2").err().contains("Argument \"links2\" is unknown"));
        assertTrue(CliRun.of("monitor", "netconf").err().contains("\"monitor netconf\" is not supported"));
        assertEquals(2, CliRun.of("monitor", "count", "0").exit());
    }
}
