package io.netns4j.lab;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.ProcessSignals;
import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.model.Condition;
import io.netns4j.lab.model.ServiceState;
import io.netns4j.lab.model.ServiceStatus;
import io.netns4j.lab.model.Topology;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Tcp;
import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Services on lab nodes under the supervisor process, as the CLI runs them: restart after
 * {@code kill -9}, readiness before {@code up} returns, a service that never gets ready, stop,
 * start, pause, resume, a killed supervisor, IPv6 addresses usable when services start, and
 * nothing left behind (namespaces, processes, the lab directory's files).
 */
@RequiresRoot
class LabServicesTest {
    private final NetnsRegistry registry = NetnsRegistry.system();
    private final List<String> labs = new ArrayList<>();
    private Path labDir;
    private Lab.Options options;

    @BeforeEach
    void setUp() throws Exception {
        labDir = Files.createTempDirectory(TestNames.PREFIX + "svc-");
        options = Lab.Options.defaults().withLockDirectory(labDir);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String lab : labs) {
            Lab.down(lab, registry, options);
            assertTrue(registry.names().stream().noneMatch(n -> n.startsWith(lab + "-")), "namespaces left");
            assertTrue(processesOf(lab).isEmpty(), "processes of lab " + lab + " left: " + processesOf(lab));
        }
        try (Stream<Path> s = Files.walk(labDir)) {
            List<Path> left = s.filter(p -> !p.equals(labDir)).toList();
            assertEquals(List.of(), left, "files left in the lab directory");
        } finally {
            try (Stream<Path> s = Files.walk(labDir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Pids whose environment names the lab (its services), or whose command line names its supervisor. */
    static List<Long> processesOf(String lab) {
        return ProcessHandle.allProcesses().filter(h -> {
            try {
                String env = Files.readString(Path.of("/proc/" + h.pid() + "/environ"));
                String cmd = Files.readString(Path.of("/proc/" + h.pid() + "/cmdline"));
                return env.contains("NETNS4J_LAB=" + lab + "\0") || cmd.contains("SupervisorMain") && cmd.contains(lab);
            } catch (Exception e) {
                return false;
            }
        }).map(ProcessHandle::pid).toList();
    }

    private Topology lab(String tag, String body) throws Exception {
        String name = TestNames.unique(tag);
        labs.add(name);
        return TopologyFile.parse(tag + ".yaml", "name: " + name + "\n" + body);
    }

    private static final String TWO_NODES = """
            links:
              - endpoints:
                  - endpoint: n1:eth0
                    addresses: [10.91.0.1/24]
                  - endpoint: n2:eth0
                    addresses: [10.91.0.2/24]
            """;

    @Test
    void aKilledServiceComesBackUnderOnFailureWithOneRestartAndItsLog() throws Exception {
        Topology t = lab("rst", """
                nodes:
                  n1:
                    exec:
                      - name: talker
                        command: echo hello from $NODE_NAME; exec sleep 1000
                        restart: on-failure
                        backoff: 100ms
                        env: {NODE_NAME: n1}
                  n2: {}
                """ + TWO_NODES);
        Lab.Started s = Lab.up(t, registry, options);
        assertEquals(1, s.pids().size());
        LabService talker = LabServices.service(t.name(), "n1", "talker", options);
        long first = talker.pid();
        assertEquals(s.pids().getFirst(), first);
        assertTrue(talker.kill(ProcessSignals.number("KILL")));
        ServiceStatus again = talker.awaitNewProcess(first, Duration.ofSeconds(10));
        assertEquals(1, again.restarts(), "one restart");
        assertEquals(ServiceState.RUNNING, again.state());
        assertTrue(again.lastExit().contains("KILL"), again.lastExit());
        assertTrue(ProcessHandle.of(again.pid()).isPresent());
        List<String> log = talker.logs(50);
        assertEquals(2, log.stream().filter(l -> l.equals("hello from n1")).count(), "two runs logged: " + log);
        assertTrue(log.stream().anyMatch(l -> l.contains("restarted n1/talker")), log.toString());
    }

    @Test
    void upReturnsOnlyWhenTheReadinessPortsAnswer() throws Exception {
        Topology t = lab("rdy", """
                nodes:
                  n1:
                    exec:
                      - name: web
                        command: sleep 0.7; exec python3 -m http.server 8080 --bind 10.91.0.1
                        ready: tcp:8080
                  n2: {}
                """ + TWO_NODES);
        Lab.up(t, registry, options);
        try (Netns n2 = registry.open(t.namespace("n2"))) {
            assertTrue(Tcp.connects(n2, "10.91.0.1", 8080, 500), "the port answers as soon as up returns");
        }
        ServiceStatus web = LabServices.service(t.name(), "n1", "web", options).status();
        assertTrue(web.ready());
        LabServices.WaitOutcome o = LabServices.waitFor(t.name(), "n1", new Condition.TcpPort("", 8080),
                Optional.of("n2"), Duration.ofSeconds(2), registry, options);
        assertTrue(o.holds(), o.seen());
        assertTrue(o.seen().contains("10.91.0.1:8080"), o.seen());
        LabServices.WaitOutcome late = LabServices.waitFor(t.name(), "n2", new Condition.TcpPort("", 8080),
                Optional.empty(), Duration.ofMillis(300), registry, options);
        assertFalse(late.holds());
        assertTrue(late.seen().contains("nothing listens on TCP port 8080"), late.seen());
        assertTrue(LabServices.waitFor(t.name(), "n1", new Condition.ServiceReady("web"), Optional.empty(),
                Duration.ofSeconds(1), registry, options).holds());
    }

    @Test
    void aServiceThatNeverGetsReadyFailsUpWithItsNameAndLogAndLeavesNothing() throws Exception {
        Topology t = lab("nrd", """
                nodes:
                  n1:
                    exec:
                      - sleep 1000
                      - name: never
                        command: echo starting the never service; exec sleep 1000
                        ready: tcp:9
                        ready-timeout: 800ms
                  n2: {}
                """ + TWO_NODES);
        LabException e = assertThrows(LabException.class, () -> Lab.up(t, registry, options));
        assertTrue(e.getMessage().contains("service n1/never did not get ready"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing listens on TCP port 9"), e.getMessage());
        assertTrue(e.getMessage().contains("starting the never service"), e.getMessage());
        assertTrue(e.getMessage().contains("what it created was removed"), e.getMessage());
        assertTrue(registry.names().stream().noneMatch(n -> n.startsWith(t.name() + "-")), "namespaces left");
        assertTrue(processesOf(t.name()).isEmpty(), "processes left: " + processesOf(t.name()));
    }

    @Test
    void stopStartPauseResumeAndRestartChangeTheStateAsAsked() throws Exception {
        Topology t = lab("ctl", """
                nodes:
                  n1:
                    exec: [sleep 1000, sleep 2000]
                  n2: {}
                """ + TWO_NODES);
        Lab.up(t, registry, options);
        List<ServiceStatus> ps = LabServices.list(t.name(), options);
        assertEquals(List.of("n1/sleep", "n1/sleep-2"), ps.stream().map(ServiceStatus::id).toList());
        assertEquals(1, LabServices.pause(t.name(), "n1/sleep", options));
        assertEquals(ServiceState.PAUSED, state(t, "n1/sleep"));
        long pid = LabServices.list(t.name(), options).getFirst().pid();
        assertTrue(Files.readString(Path.of("/proc/" + pid + "/stat")).matches("\\d+ \\(.*\\) T .*\\s*"),
                "stopped by SIGSTOP");
        assertEquals(1, LabServices.resume(t.name(), "n1/sleep", options));
        assertEquals(ServiceState.RUNNING, state(t, "n1/sleep"));
        LabServices.stop(t.name(), "n1", options);
        assertEquals(ServiceState.STOPPED, state(t, "n1/sleep"));
        assertEquals(ServiceState.STOPPED, state(t, "n1/sleep-2"));
        assertTrue(ProcessHandle.of(pid).isEmpty(), "the process is gone");
        LabServices.start(t.name(), "n1/sleep-2", options);
        assertEquals(ServiceState.RUNNING, state(t, "n1/sleep-2"));
        long before = LabServices.list(t.name(), options).get(1).pid();
        LabServices.restart(t.name(), "n1/sleep-2", options);
        long after = LabServices.list(t.name(), options).get(1).pid();
        assertNotEquals(before, after);
        assertEquals(0, LabServices.list(t.name(), options).get(1).restarts(), "a restart asked for is not counted");
        io.netns4j.error.NotFoundException missing = assertThrows(io.netns4j.error.NotFoundException.class,
                () -> LabServices.stop(t.name(), "n1/nope", options));
        assertTrue(missing.getMessage().contains("n1/sleep n1/sleep-2"), missing.getMessage());
    }

    @Test
    void aKilledSupervisorLeavesNothingDownCannotRemoveAndUpAdoptsTheServices() throws Exception {
        Topology t = lab("sup", """
                nodes:
                  n1:
                    exec:
                      - name: s
                        command: sleep 1000
                        restart: always
                  n2: {}
                """ + TWO_NODES);
        Lab.up(t, registry, options);
        long service = LabServices.list(t.name(), options).getFirst().pid();
        long supervisor = Long.parseLong(Files.readString(labDir.resolve(t.name() + ".supervisor.pid")).strip());
        ProcessSignals.send(supervisor, 9);
        assertTrue(ProcessHandle.of(supervisor).map(h -> h.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                .handle((x, err) -> err == null).join()).orElse(true), "the supervisor ended");
        assertTrue(ProcessHandle.of(service).isPresent(), "its service outlives it");
        assertThrows(io.netns4j.error.NotFoundException.class, () -> LabServices.list(t.name(), options));
        Lab.Started again = Lab.up(t, registry, options);
        assertTrue(again.steps().isEmpty(), "nothing changed in the lab");
        ServiceStatus adopted = LabServices.list(t.name(), options).getFirst();
        assertEquals(service, adopted.pid(), "the running service is adopted, not started twice");
        assertEquals(1, processesOf(t.name()).stream().filter(p -> ProcessHandle.of(p).flatMap(h -> h.info().command())
                .map(c -> c.endsWith("sleep")).orElse(false)).count(), "one sleep");
    }

    @Test
    void anIpv6OnlyServiceBindingItsAddressAtStartComesUp() throws Exception {
        Topology t = lab("six", """
                nodes:
                  n1:
                    exec:
                      - name: bind6
                        command: exec python3 -c "import socket,time; s=socket.socket(socket.AF_INET6); s.bind(('fd00:91::1', 8081)); s.listen(); time.sleep(1000)"
                        ready: tcp:[fd00:91::1]:8081
                        ready-timeout: 10s
                  n2: {}
                links:
                  - endpoints:
                      - endpoint: n1:eth0
                        addresses: [fd00:91::1/64]
                      - endpoint: n2:eth0
                        addresses: [fd00:91::2/64]
                """);
        Lab.up(t, registry, options);
        ServiceStatus s = LabServices.list(t.name(), options).getFirst();
        assertTrue(s.ready() && s.state() == ServiceState.RUNNING, s.toString());
        assertEquals(0, s.restarts(), "it did not die with EADDRNOTAVAIL");
        try (Netns n2 = registry.open(t.namespace("n2"))) {
            assertTrue(Tcp.connects(n2, "fd00:91::1", 8081, 1000));
        }
    }

    @Test
    void anInProcessSupervisorRunsTheSameWay() throws Exception {
        Lab.Options inJvm = options.withInProcessSupervisor(true);
        Topology t = lab("jvm", """
                nodes:
                  n1:
                    exec:
                      - name: s
                        command: sleep 1000
                        restart: on-failure
                        backoff: 50ms
                  n2: {}
                """ + TWO_NODES);
        Lab.up(t, registry, inJvm);
        assertFalse(Files.exists(labDir.resolve(t.name() + ".supervisor.pid")), "no supervisor process");
        LabService s = LabServices.service(t.name(), "n1", "s", inJvm);
        long pid = s.pid();
        assertEquals(ProcessHandle.current().pid(), ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                .map(ProcessHandle::pid).orElse(0L), "this JVM is the service's parent");
        s.kill(9);
        assertEquals(1, s.awaitNewProcess(pid, Duration.ofSeconds(5)).restarts());
    }

    private ServiceState state(Topology t, String id) throws Exception {
        return LabServices.list(t.name(), options).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow()
                .state();
    }
}
