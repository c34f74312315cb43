package io.netns4j.junit.nemesis;

import io.netns4j.NetnsRegistry;
import io.netns4j.junit.history.History;
import io.netns4j.junit.history.Op;
import io.netns4j.lab.Lab;
import io.netns4j.lab.LabSpec;
import io.netns4j.lab.RunningLab;
import io.netns4j.lab.model.ServiceSpec;
import io.netns4j.lab.model.RestartPolicy;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults put on a real lab and taken off: by hand, for a duration, on a seeded schedule; fault windows in the history. */
@RequiresRoot
class NemesisTest {
    @Test
    void faultsGoOnAndComeOffAndTheirWindowsAreInTheHistory() throws Exception {
        Path dir = Files.createTempDirectory(TestNames.PREFIX + "nem-");
        String name = TestNames.unique("nem");
        var t = LabSpec.named(name).ipv4Pool("10.76.0.0/16").bridge("sw").hosts("n1", "n2", "n3").on("sw")
                .node("n2", n -> n.service(ServiceSpec.of("s", "sleep 1000").withRestart(RestartPolicy.NEVER)))
                .topology();
        History h = History.create();
        try (RunningLab lab = RunningLab.start(t, NetnsRegistry.system(), Lab.Options.defaults().withLockDirectory(dir));
             Nemesis nemesis = Nemesis.on(lab, 7).recordingTo(h)) {
            nemesis.apply(Faults.isolateRandomNode(), Duration.ofMillis(200));
            assertTrue(Lab.currentPartition(lab.name(), lab.registry()).isEmpty(), "reverted after its duration");

            var grudge = nemesis.apply(Faults.grudge(Map.of("n1", Set.of("n2"))));
            assertEquals(1, Lab.currentPartition(lab.name(), lab.registry()).cuts().size(), "one way: n2 -> n1 only");
            nemesis.revert(grudge);

            var s = lab.node("n2").service("s");
            long pid = s.pid();
            var kill = nemesis.apply(Faults.kill("n2/s"));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (s.status().state().hasProcess() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(s.status().state().hasProcess(), "killed, and restart: never");
            nemesis.revert(kill);
            long again = s.awaitNewProcess(pid, Duration.ofSeconds(5)).pid();
            assertTrue(again != pid && again > 0, "the revert started it again");
            assertEquals(6, nemesis.log().size(), nemesis.logText());
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        List<String> fs = h.ops().stream().filter(o -> o.process() == Op.NEMESIS).map(Op::f).distinct().toList();
        assertTrue(fs.containsAll(List.of("start-partition", "stop-partition", "start-kill")), fs.toString());
        assertTrue(NetnsRegistry.system().names().stream().noneMatch(n -> n.startsWith(name + "-")), "lab down");
    }

    @Test
    void aSeededScheduleMakesTheSameChoicesTwice() throws Exception {
        Path dir = Files.createTempDirectory(TestNames.PREFIX + "nem-");
        List<List<String>> runs = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            String name = TestNames.unique("sch");
            var t = LabSpec.named(name).ipv4Pool("10.77.0.0/16").bridge("sw").hosts("a", "b", "c", "d").on("sw")
                    .topology();
            try (RunningLab lab = RunningLab.start(t, NetnsRegistry.system(),
                    Lab.Options.defaults().withLockDirectory(dir))) {
                Nemesis n = Nemesis.on(lab, 42).start(Schedule.of(Faults.randomHalves(), Faults.isolateRandomNode(),
                        Faults.randomMajoritiesRing()).withEvery(Duration.ofMillis(150)).withLasting(Duration.ofMillis(50)));
                Thread.sleep(1000);
                n.close();
                assertTrue(Lab.currentPartition(lab.name(), lab.registry()).isEmpty(), "close reverts");
                List<String> applied = n.log().stream().filter(e -> e.action().equals("apply"))
                        .map(e -> e.description().replace(name + "-", "")).limit(4).toList();
                assertTrue(applied.size() >= 3, n.logText());
                assertTrue(n.log().stream().allMatch(e -> e.failure().isEmpty()), n.logText());
                runs.add(applied);
            }
        }
        Files.deleteIfExists(dir);
        int n = Math.min(runs.get(0).size(), runs.get(1).size());
        assertEquals(runs.get(0).subList(0, n), runs.get(1).subList(0, n), "the same seed, the same faults");
        assertFalse(runs.get(0).isEmpty());
    }
}
