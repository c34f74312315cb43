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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netns4j monitor nsid} and {@code monitor all} beside {@code ip monitor nsid} / {@code ip
 * monitor all} on one namespace while it gives ids to two others (a veth whose peer sits in
 * one, {@code netns set OTHER auto} for the other) and loses them (both deleted): the same lines.
 */
@RequiresRoot
class MonitorNsidCliTest {
    private final Scratch scratch = new Scratch();
    private String ns;
    private String peer;
    private String other;
    private Process ipMonitor;
    private Path ipOut;

    @BeforeEach
    void namespaces() throws Exception {
        ns = scratch.name("nsm");
        peer = scratch.name("nsp");
        other = scratch.name("nso");
        for (String n : List.of(ns, peer, other)) {
            assertEquals(0, CliRun.of("netns", "add", n).exit());
        }
        ipOut = Files.createTempFile("n4jt-monitor-nsid-", ".txt");
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
        ip("-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1", "netns", peer).ok();
        ip("-n", ns, "netns", "set", other, "auto").ok();
        ip("-n", ns, "link", "del", "v0").ok();
        ip("netns", "del", peer).ok();
        scratch.forget(peer);
        ip("netns", "del", other).ok();
        scratch.forget(other);
    }

    /** ip's and our output over {@link #changes()}, with {@code words} after monitor; ours stops after {@code count}. */
    private String[] both(List<String> options, List<String> words, int count) throws Exception {
        List<String> ipArgs = new ArrayList<>(List.of("ip", "-n", ns, "monitor"));
        ipArgs.addAll(words);
        ipMonitor = new ProcessBuilder(ipArgs).redirectOutput(ipOut.toFile()).redirectError(new File("/dev/null"))
                .start();
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-n", ns, "monitor"));
        args.addAll(words);
        args.addAll(List.of("count", String.valueOf(count)));
        CompletableFuture<CliRun> ours = CompletableFuture.supplyAsync(() -> CliRun.of(args.toArray(String[]::new)));
        Thread.sleep(1500); // both subscribed (ip has no ready signal to wait for)
        changes();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Files.readString(ipOut).split("Deleted nsid", -1).length < 3 && System.nanoTime() < end) {
            Thread.sleep(50); // the kernel frees a deleted namespace (RTM_DELNSID) a little later
        }
        CliRun r = ours.get(20, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.err());
        return new String[] {Files.readString(ipOut), r.out()};
    }

    @Test
    void nsidLinesAreIpMonitorNsids() throws Exception {
        String[] out = both(List.of(), List.of("nsid"), 4);
        assertTrue(out[0].startsWith("nsid 0 (iproute2 netns name: " + peer + ")\n"), out[0]);
        assertTrue(out[0].contains("Deleted nsid 1 (iproute2 netns name: " + other + ")\n"), out[0]);
        assertEquals(out[0], out[1]);
    }

    @Test
    void allIsIpsAllLessItsNetconfLines() throws Exception {
        String[] out = both(List.of(), List.of("all"), 6);
        String ipLines = out[0].lines().filter(l -> !l.startsWith("[NETCONF]"))
                .collect(Collectors.joining("\n", "", "\n"));
        assertTrue(ipLines.contains("[NSID]nsid 1 (iproute2 netns name: " + other + ")\n"), ipLines);
        assertTrue(ipLines.contains("[LINK]Deleted 2: v0@NONE"), ipLines);
        assertEquals(ipLines, out[1]);
    }

    @Test
    void jsonHasPrintNsidsKeys() throws Exception {
        String[] out = both(List.of("-j"), List.of("nsid"), 4);
        List<String> lines = out[1].lines().toList();
        assertEquals(4, lines.size(), out[1]);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.getFirst());
        assertEquals("{\"nsid\":0,\"name\":\"" + peer + "\"}", lines.getFirst());
        assertFalse(first.has("deleted"));
        int deleted = 0;
        for (String l : lines) {
            JsonNode n = json.readTree(l);
            deleted += n.path("deleted").asBoolean() ? 1 : 0;
            assertTrue(n.has("name"), l);
        }
        assertEquals(2, deleted, out[1]);
    }

    @Test
    void aPeerElsewhereWithOurIndexIsAtIfN() {
        ip("-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1", "netns", peer).ok();
        for (String o : List.of("", "-j")) {
            List<String> words = new ArrayList<>(o.isEmpty() ? List.of() : List.of(o));
            words.addAll(List.of("-n", ns, "link", "show", "v0"));
            String theirs = ip(words.toArray(String[]::new)).ok().out();
            assertTrue(theirs.contains(o.isEmpty() ? "v0@if2:" : "\"link_index\":2"), theirs);
            assertEquals(theirs, CliRun.of(words.toArray(String[]::new)).out());
        }
    }
}
