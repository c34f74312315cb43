package io.netns4j.lab.service;

import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.model.Condition;
import io.netns4j.lab.model.RestartPolicy;
import io.netns4j.lab.model.ServiceSpec;
import io.netns4j.lab.model.ServiceState;
import io.netns4j.lab.model.ServiceStatus;
import io.netns4j.lab.model.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Services without root: the file's {@code exec} forms, conditions, logs, the socket tables, the control protocol. */
class ServiceUnitsTest {
    @Test
    void execLinesAndMappingsBecomeNamedServices() throws Exception {
        Topology t = TopologyFile.parse("s.yaml", """
                name: s
                nodes:
                  a:
                    env: {A: "1", B: "2"}
                    exec:
                      - /usr/bin/etcd --name a
                      - etcd --name again
                      - X=1 run-something
                      - name: web
                        command: python3 -m http.server 80
                        restart: on-failure
                        backoff: 250ms
                        ready: [tcp:80, "cmd:test -e /tmp/x"]
                        ready-timeout: 5s
                        stop-signal: INT
                        stop-grace: 1.5s
                        env: {B: "3"}
                        dir: /tmp
                        log-size: 64KiB
                """);
        List<ServiceSpec> s = t.node("a").orElseThrow().services();
        assertEquals(List.of("etcd", "etcd-2", "exec", "web"), s.stream().map(ServiceSpec::name).toList());
        ServiceSpec web = s.get(3);
        assertEquals(RestartPolicy.ON_FAILURE, web.restart());
        assertEquals(Duration.ofMillis(250), web.backoff());
        assertEquals(List.of(new Condition.TcpPort("", 80), new Condition.CommandSucceeds("test -e /tmp/x")), web.ready());
        assertEquals(Duration.ofSeconds(5), web.readyTimeout());
        assertEquals(2, web.stopSignal());
        assertEquals(Duration.ofMillis(1500), web.stopGrace());
        assertEquals("/tmp", web.directory());
        assertEquals(64 * 1024, web.logBytes());
        assertEquals(Map.of("A", "1", "B", "3"), web.environmentOn(t.node("a").orElseThrow().env()), "the service's env wins");
        assertEquals(RestartPolicy.NEVER, s.getFirst().restart(), "a plain line is never restarted");
    }

    @Test
    void conditionsReadBackFromTheirWords() {
        for (String w : List.of("tcp:2379", "tcp:10.0.0.1:2379", "tcp:[fd00::1]:80", "tcp:n1:80", "udp:53",
                "cmd:etcdctl endpoint health", "service:etcd")) {
            assertEquals(w, Condition.parse(w).words());
        }
        assertEquals(new Condition.TcpPort("fd00::1", 80), Condition.parse("tcp:[fd00::1]:80"));
        for (String bad : List.of("tcp:", "tcp:0", "tcp:70000", "udp:x", "http:80", "cmd:", "tcp:fd00::1:80",
                "service:a b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Condition.parse(bad), bad);
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void restartPoliciesDecideByExitStatus() {
        assertFalse(RestartPolicy.NEVER.restartsAfter(1));
        assertFalse(RestartPolicy.ON_FAILURE.restartsAfter(0));
        assertTrue(RestartPolicy.ON_FAILURE.restartsAfter(137));
        assertTrue(RestartPolicy.ALWAYS.restartsAfter(0));
        assertEquals(RestartPolicy.ON_FAILURE, RestartPolicy.of("on-failure"));
        assertThrows(IllegalArgumentException.class, () -> RestartPolicy.of("sometimes"));
        assertEquals("killed by KILL (status 137)", ServiceRun.exitText(137));
        assertEquals("exit 3", ServiceRun.exitText(3));
    }

    @Test
    void aLogIsRotatedPastItsCapAndItsTailReadsAcrossTheRotation(@TempDir Path dir) throws Exception {
        ServiceLog log = new ServiceLog(dir.resolve("n1").resolve("web.log"), 4096);
        log.create();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            sb.append("line ").append(i).append('\n');
        }
        Files.writeString(log.file(), sb, StandardCharsets.UTF_8);
        assertTrue(log.rotateIfFull());
        assertEquals(0, Files.size(log.file()), "truncated: the writer goes on at the start");
        assertTrue(Files.readString(dir.resolve("n1/web.log.1")).endsWith("line 599\n"));
        Files.writeString(log.file(), "line 600\nline 601\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of("line 598", "line 599", "line 600", "line 601"), log.tail(4));
        assertFalse(log.rotateIfFull(), "below the cap");
        assertEquals(List.of("line 601"), log.tail(1));
    }

    @Test
    void listeningSocketsAreReadFromTheKernelsTables(@TempDir Path dir) throws Exception {
        Path tcp = dir.resolve("tcp");
        Files.writeString(tcp, """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
                   1: 0100590A:0950 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0
                   2: 0100590A:0950 0200590A:C350 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0
                garbage line
                """);
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), ConditionProbe.sockets(tcp, 8080, "0A"));
        assertEquals(List.of(InetAddress.getByName("10.89.0.1")), ConditionProbe.sockets(tcp, 2384, "0A"));
        Path tcp6 = dir.resolve("tcp6");
        Files.writeString(tcp6, "  sl  local_address                         remote_address                        st\n"
                + "   0: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A 0\n"
                + "   1: 0000FDFD000000000000000001000000:1F92 00000000000000000000000000000000:0000 0A 0\n");
        assertEquals(List.of(InetAddress.getByName("::")), ConditionProbe.sockets(tcp6, 8081, "0A"));
        assertEquals(List.of(InetAddress.getByName("fdfd::1")), ConditionProbe.sockets(tcp6, 8082, "0A"));
        assertEquals(List.of(), ConditionProbe.sockets(dir.resolve("missing"), 1, "0A"));
    }

    @Test
    void servicesAndStatusCrossTheControlSocketUnchanged() throws Exception {
        ServiceSpec spec = ServiceSpec.of("web", "python3 -m http.server").withRestart(RestartPolicy.ALWAYS)
                .withReady(List.of(new Condition.TcpPort("10.0.0.1", 80), new Condition.UdpPort(53)))
                .withEnv(Map.of("K", "V")).withDirectory("/srv").withStop(2, Duration.ofMillis(300))
                .withLogBytes(8192).withBackoff(Duration.ofMillis(50)).withReadyTimeout(Duration.ofSeconds(3));
        ServiceTarget t = new ServiceTarget("n1", "lab-n1", spec);
        Object json = io.netns4j.internal.json.JsonReader.parse(io.netns4j.internal.json.JsonWriter.write(
                ServiceJson.target(t)));
        assertEquals(t, ServiceJson.target(json));
        ServiceStatus st = new ServiceStatus("n1", "web", 42, ServiceState.BACKOFF, false, 3,
                Instant.parse("2026-12-02T10:00:00Z"), "exit 1", "ended: exit 1");
        assertEquals(st, ServiceJson.status(io.netns4j.internal.json.JsonReader.parse(
                io.netns4j.internal.json.JsonWriter.write(ServiceJson.status(st)))));
        assertThrows(ControlProtocolException.class, () -> ServiceJson.target(Map.of("name", 3)));
        assertThrows(ControlProtocolException.class, () -> ServiceJson.status(List.of()));
    }

    @Test
    void aSupervisorAnswersOnItsSocketAndRefusesWhatIsNotThere(@TempDir Path dir) throws Exception {
        try (Supervisor s = new Supervisor("u", dir, dir, ns -> {
            throw new io.netns4j.error.NotFoundException("no namespaces in this test", 2, null);
        }); SupervisorServer server = SupervisorServer.listen(s, SupervisorServer.socketFile(dir, "u"))) {
            SupervisorClient c = new SupervisorClient(SupervisorServer.socketFile(dir, "u"));
            assertTrue(SupervisorClient.answers(SupervisorServer.socketFile(dir, "u")));
            c.sync(List.of(new ServiceTarget("n1", "u-n1", ServiceSpec.of("x", "true"))), Set.of());
            ServiceStatus x = c.status().getFirst();
            assertEquals(ServiceState.FAILED, x.state(), "its namespace cannot be opened");
            assertTrue(x.problem().contains("no namespaces in this test"), x.problem());
            SupervisorClient.Refused r = assertThrows(SupervisorClient.Refused.class, () -> c.act("stop", "n1/y"));
            assertTrue(r.usage());
            assertTrue(r.getMessage().contains("its services: n1/x"), r.getMessage());
            assertThrows(java.io.IOException.class, () -> SupervisorServer.listen(s, SupervisorServer.socketFile(dir, "u")),
                    "a second supervisor on the same socket is refused");
        }
        assertFalse(Files.exists(SupervisorServer.socketFile(dir, "u")), "the socket file is removed");
    }

    /** What {@code lab serve} follows services with: ps that answers when something changed. */
    @Test
    void aWaitingPsAnswersWhenAServiceChangesAndNotBefore(@TempDir Path dir) throws Exception {
        try (Supervisor s = new Supervisor("w", dir, dir, ns -> {
            throw new io.netns4j.error.NotFoundException("no namespaces in this test", 2, null);
        }); SupervisorServer server = SupervisorServer.listen(s, SupervisorServer.socketFile(dir, "w"))) {
            SupervisorClient c = new SupervisorClient(SupervisorServer.socketFile(dir, "w"));
            SupervisorClient.Snapshot empty = c.statusAfter(-1, java.time.Duration.ZERO);
            assertTrue(empty.services().isEmpty());
            c.sync(List.of(new ServiceTarget("n1", "w-n1", ServiceSpec.of("x", "true"))), Set.of());
            SupervisorClient.Snapshot first = c.statusAfter(empty.version(), java.time.Duration.ofSeconds(10));
            assertTrue(first.version() > empty.version(), "the new service is a change");
            assertEquals(1, first.services().size());
            // nothing happens: the answer comes when the wait is over, with the same version
            SupervisorClient.Snapshot quiet = c.statusAfter(first.version(), java.time.Duration.ofMillis(300));
            assertEquals(first.version(), quiet.version());
            // a start attempt (it fails again here) changes the service's state: answered at once
            Thread starter = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(200);
                    c.act("start", "n1/x");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long t0 = System.nanoTime();
            SupervisorClient.Snapshot changed = c.statusAfter(quiet.version(), java.time.Duration.ofSeconds(30));
            long waited = (System.nanoTime() - t0) / 1_000_000;
            starter.join();
            assertTrue(changed.version() > quiet.version(), "the start is a change");
            assertTrue(waited < 20_000, "answered by the change, not by the end of the 30 s wait (" + waited + " ms)");
        }
    }
}
