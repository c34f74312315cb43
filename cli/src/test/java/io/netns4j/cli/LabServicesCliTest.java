package io.netns4j.cli;

import io.netns4j.NetnsRegistry;
import io.netns4j.internal.json.JsonReader;
import io.netns4j.lab.Lab;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lab ps|logs|stop|start|restart|kill|pause|resume|wait}: usage errors without root, and a lab's services as root. */
class LabServicesCliTest {
    @Test
    void badWordsExitTwoBeforeAnythingIsAsked() {
        CliRun sig = CliRun.of("lab", "kill", "-s", "BOGUS", "x", "n1/web");
        assertEquals(2, sig.exit());
        assertTrue(sig.err().contains("\"BOGUS\" is not a signal"), sig.err());
        CliRun cond = CliRun.of("lab", "wait", "x", "n1", "http:80");
        assertEquals(2, cond.exit());
        assertTrue(cond.err().contains("is not a condition; write tcp:PORT"), cond.err());
        CliRun from = CliRun.of("lab", "wait", "x", "n1", "udp:53", "--from", "n2");
        assertEquals(2, from.exit());
        assertTrue(from.err().contains("\"--from\" works with tcp: conditions only"), from.err());
        assertEquals(2, CliRun.of("lab", "ps", "a", "b").exit());
        assertEquals(2, CliRun.of("lab", "logs", "x").exit());
        assertEquals(2, CliRun.of("lab", "logs", "x", "n1/w/x").exit());
        assertEquals(2, CliRun.of("lab", "stop", "x", "n1/web", "--force").exit());
        assertEquals(2, CliRun.of("lab", "wait", "x", "n1", "tcp:80", "--timeout", "soon").exit());
        assertEquals(2, CliRun.of("lab", "logs", "-n", "many", "x", "n1/web").exit());
        CliRun help = CliRun.of("lab", "help");
        assertTrue(help.out().contains("netns4j lab ps [-j] [NAME]"), help.out());
    }

    @Test
    @RequiresRoot
    void aLabsServicesThroughTheCli() throws Exception {
        String name = TestNames.unique("svc");
        Path file = Files.createTempFile(TestNames.PREFIX, ".yaml");
        Files.writeString(file, """
                name: %s
                nodes:
                  n1:
                    exec:
                      - name: web
                        command: echo web starts; exec python3 -m http.server 8090 --bind 10.92.0.1
                        restart: on-failure
                        backoff: 100ms
                        ready: tcp:8090
                  n2: {}
                links:
                  - endpoints:
                      - {endpoint: "n1:eth0", addresses: [10.92.0.1/24]}
                      - {endpoint: "n2:eth0", addresses: [10.92.0.2/24]}
                """.formatted(name));
        try {
            CliRun up = CliRun.of("lab", "up", file.toString());
            assertEquals(0, up.exit(), up.err());
            assertTrue(up.out().contains("1 command started"), up.out());
            CliRun ps = CliRun.of("lab", "ps", name);
            assertEquals(0, ps.exit(), ps.err());
            assertTrue(ps.out().startsWith("NODE  SERVICE  PID"), ps.out());
            assertTrue(ps.out().lines().anyMatch(l -> l.matches("n1 +web +\\d+ +running +yes +0 .*")), ps.out());
            Object json = JsonReader.parse(CliRun.of("-j", "lab", "ps", name).out());
            Map<?, ?> web = (Map<?, ?>) ((List<?>) json).getFirst();
            assertEquals("running", web.get("state"));
            long pid = (Long) web.get("pid");
            assertTrue(CliRun.of("lab", "ps").out().contains(name + "  n1    web"), "every lab's services");
            assertTrue(CliRun.of("lab", "logs", name, "n1/web").out().contains("web starts"));
            CliRun wait = CliRun.of("lab", "wait", name, "n1", "tcp:8090", "--from", "n2");
            assertEquals(0, wait.exit(), wait.err());
            assertTrue(wait.out().contains("tcp:8090 holds on n1 from n2"), wait.out());
            CliRun late = CliRun.of("lab", "wait", name, "n2", "tcp:8090", "--timeout", "200ms");
            assertEquals(1, late.exit());
            assertTrue(late.err().contains("does not hold on n2 after") && late.err().contains("nothing listens"),
                    late.err());
            assertEquals(0, CliRun.of("lab", "kill", "-s", "KILL", name, "n1/web").exit());
            CliRun back = CliRun.of("lab", "wait", name, "n1", "service:web", "--timeout", "10s");
            assertEquals(0, back.exit(), back.err());
            Map<?, ?> again = (Map<?, ?>) ((List<?>) JsonReader.parse(CliRun.of("-j", "lab", "ps", name).out())).getFirst();
            assertTrue((Long) again.get("pid") != pid && (Long) again.get("restarts") == 1, again.toString());
            assertEquals(0, CliRun.of("lab", "pause", name, "n1").exit());
            assertTrue(CliRun.of("lab", "ps", name).out().contains("paused"));
            assertEquals(0, CliRun.of("lab", "resume", name, "n1/web").exit());
            assertEquals(0, CliRun.of("lab", "stop", name, "n1/web").exit());
            assertTrue(CliRun.of("lab", "ps", name).out().contains("stopped"));
            CliRun missing = CliRun.of("lab", "start", name, "n1/db");
            assertEquals(1, missing.exit());
            assertTrue(missing.err().contains("has no service \"n1/db\"; its services: n1/web"), missing.err());
            assertEquals(0, CliRun.of("lab", "restart", name, "n1/web").exit());
            CliRun down = CliRun.of("lab", "down", name);
            assertEquals(0, down.exit(), down.err());
            CliRun gone = CliRun.of("lab", "ps", name);
            assertEquals(1, gone.exit());
            assertTrue(gone.err().contains("has no supervisor answering"), gone.err());
        } finally {
            Lab.down(name, NetnsRegistry.system());
            Files.deleteIfExists(file);
        }
    }
}
