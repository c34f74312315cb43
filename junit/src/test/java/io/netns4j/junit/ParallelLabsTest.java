package io.netns4j.junit;

import io.netns4j.NetnsRegistry;
import io.netns4j.lab.LabSpec;
import io.netns4j.lab.RunningLab;
import io.netns4j.lab.RunningNode;
import io.netns4j.testing.RequiresRoot;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** 100 test methods, each with a lab of its own, run by JUnit in parallel on 2 workers: each works, none is left. */
@RequiresRoot
class ParallelLabsTest {
    static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

    @LabTest(topology = "lab", perMethod = true)
    static class HundredLabsSample {
        static LabSpec lab() {
            return LabSpec.named("par").ipv4Pool("10.79.0.0/24").hosts("a", "b").link("a", "b");
        }

        @RepeatedTest(100)
        void ownLab(RunningLab lab, @Node("a") RunningNode a, @Node("b") RunningNode b) throws Exception {
            assertTrue(NAMES.add(lab.name()), "a lab of its own");
            try (ServerSocket s = a.sockets().serverSocket(7200); Socket c = b.sockets().socket()) {
                c.connect(new InetSocketAddress(a.address(), 7200), 1000);
            }
        }
    }

    @Test
    void hundredMethodsEachWithItsOwnLabInParallelLeaveNothing() throws Exception {
        NAMES.clear();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request().selectors(selectClass(HundredLabsSample.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .build(), summary);
        var s = summary.getSummary();
        assertEquals(100, s.getTestsSucceededCount(), () -> s.getFailures().isEmpty() ? "" : s.getFailures().getFirst()
                .getException().toString());
        assertEquals(100, NAMES.size());
        for (String lab : NAMES) {
            assertTrue(NetnsRegistry.system().names().stream().noneMatch(n -> n.startsWith(lab + "-")), lab + " left");
        }
        try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(dirs.noneMatch(p -> p.getFileName().toString().startsWith("netns4j-junit-")), "lab directories left");
        }
    }
}
