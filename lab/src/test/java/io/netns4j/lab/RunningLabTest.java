package io.netns4j.lab;

import io.netns4j.NetnsRegistry;
import io.netns4j.lab.file.TopologyException;
import io.netns4j.lab.model.Condition;
import io.netns4j.lab.model.NodeKind;
import io.netns4j.lab.model.RestartPolicy;
import io.netns4j.lab.model.ServiceSpec;
import io.netns4j.lab.model.Topology;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Labs written in code ({@link LabSpec}) and run for the life of an object ({@link RunningLab}), with Java nodes. */
class RunningLabTest {
    @Test
    void aLabInCodeReadsAsItsFileWouldWithAutomaticAddresses() throws Exception {
        Topology t = LabSpec.named("code").ipv4Pool("10.71.0.0/16").hostsFile(true)
                .bridge("sw").hosts("n1", "n2", "n3").on("sw")
                .routers("r").link("n1", "r")
                .endpoint("n1:eth1", e -> e.addresses("10.72.0.1/30").mtu(1400).impair(Map.of("delay", "5ms")))
                .node("n2", n -> n.exec("sleep 100").env("K", "V").service(ServiceSpec.of("web", "python3 -m http.server")
                        .withRestart(RestartPolicy.ON_FAILURE).withReady(List.of(new Condition.TcpPort("", 8000)))))
                .topology();
        assertEquals(List.of("sw", "n1", "n2", "n3", "r"), t.nodes().stream().map(n -> n.name()).toList());
        assertEquals(NodeKind.BRIDGE, t.node("sw").orElseThrow().kind());
        assertEquals("10.71.0.1/24", t.endpoints("n1").getFirst().addresses().getFirst().toString(), "from the pool");
        assertEquals("10.72.0.1/30", t.endpoints("n1").get(1).addresses().getFirst().toString(), "as given");
        assertEquals(1400, t.endpoints("n1").get(1).mtu());
        assertEquals(List.of("sleep", "web"), t.node("n2").orElseThrow().services().stream().map(ServiceSpec::name)
                .toList());
        assertEquals(RestartPolicy.ON_FAILURE, t.node("n2").orElseThrow().services().get(1).restart());
        assertTrue(t.source().contains("\"members\""), "the text is kept, so the lab can be updated in place");
        TopologyException bad = assertThrows(TopologyException.class, () -> LabSpec.named("bad")
                .hosts("a").link("a:eth0", "b:eth0").endpoint("a:eth0", e -> e.addresses("10.0.0.300/24")).topology());
        assertTrue(bad.getMessage().contains("10.0.0.300"), bad.getMessage());
    }

    @Test
    @RequiresRoot
    void javaNodesTalkOverTheLabAndAPartitionCutsThem() throws Exception {
        Path dir = Files.createTempDirectory(TestNames.PREFIX + "rl-");
        String name = TestNames.unique("rl");
        Topology t = LabSpec.named(name).ipv4Pool("10.73.0.0/16").bridge("sw").hosts("n1", "n2").on("sw")
                .node("n2", n -> n.exec("sleep 1000")).topology();
        try (RunningLab lab = RunningLab.start(t, NetnsRegistry.system(), Lab.Options.defaults().withLockDirectory(dir))) {
            RunningNode n1 = lab.node("n1");
            ServerSocket server = n1.sockets().serverSocket(7000);
            JavaService echo = n1.startJava("echo", () -> {
                try (server) {
                    while (!Thread.currentThread().isInterrupted()) {
                        try (Socket s = server.accept(); InputStream in = s.getInputStream();
                             OutputStream out = s.getOutputStream()) {
                            out.write(in.readNBytes(5));
                        }
                    }
                }
            });
            assertTrue(echo.isRunning());
            RunningNode n2 = lab.node("n2");
            assertEquals("hello", exchange(n2, n1));
            lab.partition("n1 / n2");
            assertThrows(java.io.IOException.class, () -> exchange(n2, n1), "the partition drops n2 -> n1");
            lab.heal();
            assertEquals("hello", exchange(n2, n1));
            assertEquals(1, lab.services().size());
            assertTrue(n2.service("sleep").pid() > 0);
            server.close(); // accept() ends; the service loop sees the interrupt from stop()
            assertTrue(echo.stop(Duration.ofSeconds(2)));
            assertThrows(io.netns4j.error.NotFoundException.class, () -> lab.node("n9"));
        }
        assertTrue(NetnsRegistry.system().names().stream().noneMatch(n -> n.startsWith(name + "-")), "namespaces left");
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "files left");
        }
        Files.delete(dir);
    }

    private static String exchange(RunningNode from, RunningNode to) throws Exception {
        try (Socket s = from.sockets().socket()) {
            s.connect(new InetSocketAddress(to.address(), 7000), 500);
            s.setSoTimeout(1000);
            s.getOutputStream().write("hello".getBytes());
            return new String(s.getInputStream().readNBytes(5));
        }
    }
}
