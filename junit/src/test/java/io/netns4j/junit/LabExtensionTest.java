package io.netns4j.junit;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.lab.Lab;
import io.netns4j.lab.LabSpec;
import io.netns4j.lab.RunningLab;
import io.netns4j.lab.RunningNode;
import io.netns4j.lab.file.TopologyFile;
import io.netns4j.testing.RequiresRoot;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** {@link LabTest} run through the JUnit Platform on sample test classes, as a user's build runs them. */
@RequiresRoot
class LabExtensionTest {
    static final List<String> NAMES = Collections.synchronizedList(new ArrayList<>());
    static final Map<String, Boolean> SEEN = new ConcurrentHashMap<>();

    /** Runs {@code c} and returns its summary; report entries go to {@code entries}. */
    static TestExecutionSummary run(Class<?> c, List<ReportEntry> entries) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener reports = new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                entries.add(entry);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                result.getThrowable().ifPresent(t -> SEEN.put(id.getDisplayName() + ": " + t, true));
            }
        };
        launcher.execute(request().selectors(selectClass(c)).build(), summary, reports);
        return summary.getSummary();
    }

    @LabTest(topology = "lab")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClassSample {
        static LabSpec lab() {
            return LabSpec.named("jx").ipv4Pool("10.75.0.0/16").bridge("sw").hosts("n1", "n2").on("sw")
                    .node("n1", n -> n.exec("sleep 1000"));
        }

        @Test
        @Order(1)
        void partitionsAndLeavesItInPlace(RunningLab lab, @Node("n1") RunningNode n1, @Node("n2") Netns n2)
                throws Exception {
            NAMES.add(lab.name());
            try (ServerSocket s = n1.sockets().serverSocket(7100)) {
                assertTrue(connects(n2, n1, 7100));
                lab.partition("n1 / n2");
                assertFalse(connects(n2, n1, 7100), "cut");
                lab.node("n1").service("sleep").pause();
            }
        }

        @Test
        @Order(2)
        void findsTheLabPutBack(RunningLab lab, @Node("n1") RunningNode n1, @Node("n2") Netns n2) throws Exception {
            NAMES.add(lab.name());
            try (ServerSocket s = n1.sockets().serverSocket(7100)) {
                assertTrue(connects(n2, n1, 7100), "healed after the first test");
            }
            assertEquals("running", n1.service("sleep").status().state().word(), "resumed after the first test");
        }

        @Test
        @Order(3)
        void failsWithTheLabInItsReport(RunningLab lab) throws Exception {
            lab.partition("isolate n2");
            throw new AssertionError("deliberately failing");
        }
    }

    @LabTest(file = "labs/pair.yaml", perMethod = true)
    static class PerMethodSample {
        @Test
        void first(RunningLab lab) {
            NAMES.add(lab.name());
        }

        @Test
        void second(RunningLab lab) {
            NAMES.add(lab.name());
        }
    }

    static boolean connects(Netns from, RunningNode to, int port) throws Exception {
        try (Socket s = from.sockets().socket()) {
            s.connect(new InetSocketAddress(to.address(), port), 300);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void oneLabPerClassWithFaultsPutBackAfterEachTestAndTheLabInAFailuresReport() throws Exception {
        NAMES.clear();
        List<ReportEntry> entries = new ArrayList<>();
        java.nio.file.Path views = java.nio.file.Files.createTempDirectory("n4jt-views-");
        System.setProperty(LabDiagnostics.VIEWS_PROPERTY, views.toString());
        TestExecutionSummary s;
        try {
            s = run(PerClassSample.class, entries);
        } finally {
            System.clearProperty(LabDiagnostics.VIEWS_PROPERTY);
        }
        List<java.nio.file.Path> pictures;
        try (var files = java.nio.file.Files.list(views)) {
            pictures = files.toList();
        }
        try {
            assertEquals(1, pictures.size(), "the failing test's lab picture: " + pictures);
            String html = java.nio.file.Files.readString(pictures.getFirst());
            assertTrue(html.contains("window.NETNS4J_STATIC") && html.contains("\"partition\":[{"), "with its partition");
            assertTrue(entries.stream().anyMatch(e -> e.getKeyValuePairs().values().contains(pictures.getFirst().toString())),
                    "the report names the file");
        } finally {
            for (java.nio.file.Path p : pictures) {
                java.nio.file.Files.delete(p);
            }
            java.nio.file.Files.delete(views);
        }
        assertEquals(3, s.getTestsStartedCount());
        assertEquals(2, s.getTestsSucceededCount(), SEEN.keySet().toString());
        assertEquals(1, s.getTestsFailedCount());
        assertEquals(2, NAMES.size());
        assertEquals(NAMES.get(0), NAMES.get(1), "one lab for the class");
        assertTrue(NAMES.get(0).matches("jx-j" + ProcessHandle.current().pid() + "-\\d+"), NAMES.get(0));
        String report = entries.stream().flatMap(e -> e.getKeyValuePairs().values().stream()).reduce("", String::concat);
        assertTrue(report.contains("partition: n2 <-/-> n1") || report.contains("partition: n1 <-/-> n2"), report);
        assertTrue(report.contains("service n1/sleep: running"), report);
        assertTrue(NetnsRegistry.system().names().stream().noneMatch(n -> n.startsWith(NAMES.get(0) + "-")),
                "the lab is down after the class");
    }

    @Test
    void aLabPerMethodFromAFileOnTheClassPath() {
        NAMES.clear();
        TestExecutionSummary s = run(PerMethodSample.class, new ArrayList<>());
        assertEquals(2, s.getTestsSucceededCount(), SEEN.keySet().toString());
        assertNotEquals(NAMES.get(0), NAMES.get(1), "each method its own lab");
    }

    @Test
    void labsOfAJvmThatDiedAreSweptAndOthersAreNot() throws Exception {
        var dir = Files.createTempDirectory("n4jt-sweep-");
        Lab.Options options = Lab.Options.defaults().withLockDirectory(dir);
        String dead = "sw-j999999999-1";
        String alive = "sw-j" + ProcessHandle.current().pid() + "-99999";
        String text = "nodes: {a: {}, b: {}}\nlinks: [{endpoints: [a:eth0, b:eth0]}]\n";
        Lab.up(TopologyFile.parse("d.yaml", "name: " + dead + "\n" + text), NetnsRegistry.system(), options);
        Lab.up(TopologyFile.parse("a.yaml", "name: " + alive + "\n" + text), NetnsRegistry.system(), options);
        try {
            List<String> swept = LabNames.sweep(NetnsRegistry.system(), options);
            assertTrue(swept.contains(dead), swept.toString());
            assertFalse(swept.contains(alive), "this JVM's lab stays");
            assertTrue(NetnsRegistry.system().names().stream().noneMatch(n -> n.startsWith(dead + "-")));
        } finally {
            Lab.down(dead, NetnsRegistry.system(), options);
            Lab.down(alive, NetnsRegistry.system(), options);
            try (var f = Files.list(dir)) {
                for (var p : f.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
