package io.netns4j;

import com.sun.net.httpserver.HttpServer;
import io.netns4j.error.NetnsException;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Java code inside namespaces, from one JVM: {@link Netns#call}, {@link Netns#executor}. */
@RequiresRoot
class RunInsideTest {
    private final Scratch scratch = new Scratch();
    private final NetnsRegistry registry = NetnsRegistry.system();
    private String a;
    private String b;

    @BeforeEach
    void pair() throws Exception {
        a = scratch.name("ra");
        b = scratch.name("rb");
        registry.add(a).close();
        registry.add(b).close();
        ip("-n", a, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b).ok();
        ip("-n", a, "addr", "add", "10.231.0.1/24", "dev", "va").ok();
        ip("-n", b, "addr", "add", "10.231.0.2/24", "dev", "vb").ok();
        for (String[] s : new String[][] {{a, "va"}, {b, "vb"}, {a, "lo"}, {b, "lo"}}) {
            ip("-n", s[0], "link", "set", s[1], "up").ok();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    @Test
    void anHttpServerInOneNamespaceAnswersAClientInAnother() throws Exception {
        try (Netns nsA = registry.open(a); Netns nsB = registry.open(b)) {
            HttpServer server = nsA.call(() -> HttpServer.create(new InetSocketAddress(8080), 0));
            server.createContext("/", x -> {
                byte[] body = "hello from a".getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
            server.start(); // served from ordinary threads: the socket stays in namespace a
            try {
                HttpClient client = nsB.call(() -> HttpClient.newHttpClient());
                HttpResponse<String> r = nsB.call(() -> client.send(
                        HttpRequest.newBuilder(URI.create("http://10.231.0.1:8080/")).build(),
                        HttpResponse.BodyHandlers.ofString()));
                assertEquals("hello from a", r.body());
                // the test's own namespace has no such server: its loopback refuses the port
                assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", 8080).close());
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void socketsOpenedInsideKeepWorkingFromOtherThreads() throws Exception {
        try (Netns nsA = registry.open(a); Netns nsB = registry.open(b)) {
            var listener = nsA.call(() -> new java.net.ServerSocket(9000));
            Socket client = nsB.call(() -> new Socket("10.231.0.1", 9000));
            try (listener; client; Socket accepted = listener.accept()) {
                client.getOutputStream().write(42);
                assertEquals(42, accepted.getInputStream().read());
            }
        }
    }

    @Test
    void nestedCallsExceptionsAndVirtualThreadsBehave() throws Exception {
        try (Netns nsA = registry.open(a); Netns nsB = registry.open(b); Netns here = Netns.current()) {
            NamespaceId before = here.id();
            String seen = nsA.call(() -> {
                String inner = nsB.call(() -> NetworkInterface.getByName("vb") != null ? "b" : "?");
                return inner + (NetworkInterface.getByName("va") != null ? "a" : "?");
            });
            assertEquals("ba", seen, "the inner call saw b, and the outer task is still in a afterwards");
            IOException boom = new IOException("boom");
            assertSame(boom, assertThrows(IOException.class, () -> nsA.call(() -> {
                throw boom;
            })));
            try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
                assertNotNull(virtual.submit(() -> nsA.call(() -> NetworkInterface.getByName("va"))).get());
            }
            try (Netns after = Netns.current()) {
                assertEquals(before, after.id(), "the calling thread never changed namespace");
            }
            assertNull(NetworkInterface.getByName("va"));
        }
    }

    @Test
    void manyTasksInDifferentNamespacesAtOnceEachSeeTheirOwn() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String n = scratch.name("pool" + i);
            registry.add(n).close();
            ip("-n", n, "link", "add", "own" + i, "type", "veth", "peer", "name", "ownp" + i).ok();
            // the JDK lists IPv4 interfaces with SIOCGIFCONF, which shows only those with an address
            ip("-n", n, "addr", "add", "10.232." + i + ".1/24", "dev", "own" + i).ok();
            names.add(n);
        }
        List<Netns> handles = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<String>> seen = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < names.size(); i++) {
                    if (round == 0) {
                        handles.add(registry.open(names.get(i)));
                    }
                    Netns ns = handles.get(i);
                    int me = i;
                    seen.add(pool.submit(() -> ns.call(() -> {
                        StringBuilder s = new StringBuilder();
                        for (int k = 0; k < names.size(); k++) {
                            s.append(NetworkInterface.getByName("own" + k) != null ? k : "-");
                        }
                        return me + ":" + s;
                    })));
                }
            }
            for (int k = 0; k < seen.size(); k++) {
                int me = k % names.size();
                String expected = me + ":" + "-".repeat(me) + me + "-".repeat(names.size() - me - 1);
                assertEquals(expected, seen.get(k).get());
            }
        } finally {
            handles.forEach(Netns::close);
        }
    }

    @Test
    void aNamespaceWhoseSocketsAndProcessesAreDoneIsFreedOnDelete() throws Exception {
        String c = scratch.name("rc");
        try (Netns ns = registry.add(c)) {
            ns.call(() -> {
                new java.net.ServerSocket(0).close(); // the JDK's own helper sockets must not end up here
                java.nio.channels.DatagramChannel.open().close();
                return null;
            });
            assertEquals(0, ns.start(new ProcessBuilder("true")).waitFor());
        }
        registry.delete(c, java.time.Duration.ofSeconds(20)); // throws if anything still holds it
        scratch.forget(c);
    }

    @Test
    void anExecutorsThreadsLiveInsideTheNamespace() throws Exception {
        ExecutorService inA;
        try (Netns nsA = registry.open(a)) {
            inA = nsA.executor(2);
        } // the executor holds the namespace itself
        try {
            for (int i = 0; i < 10; i++) {
                assertNotNull(inA.submit(() -> NetworkInterface.getByName("va")).get());
            }
        } finally {
            inA.shutdown();
        }
    }

    /**
     * A close from another thread while a task runs inside: the task keeps its namespace (the
     * descriptor is not freed under it, so its number cannot be reused by an open elsewhere),
     * the descriptor is released when the task ends, and later calls say the handle is closed.
     */
    @Test
    void closingAHandleWhileATaskRunsInsideWaitsForTheTask() throws Exception {
        Netns ns = registry.open(a);
        NamespaceId expected = ns.id();
        int fd = ns.fileDescriptor();
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch proceed = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<NamespaceId> inside = pool.submit(() -> ns.call(() -> {
                entered.countDown();
                proceed.await();
                return ProcWalk.idOf(java.nio.file.Path.of("/proc/thread-self/ns/net")); // still where it entered
            }));
            entered.await();
            ns.close();
            assertEquals(expected, ProcWalk.idOf(java.nio.file.Path.of("/proc/self/fd/" + fd)),
                    "the descriptor stays open while the task runs");
            assertThrows(NetnsException.class, () -> ns.call(() -> null), "no new use after close");
            proceed.countDown();
            assertEquals(expected, inside.get());
            assertThrows(java.io.IOException.class, () -> ProcWalk.idOf(java.nio.file.Path.of("/proc/self/fd/" + fd)),
                    "released when the task ended");
        } finally {
            pool.shutdownNow();
        }
    }
}
