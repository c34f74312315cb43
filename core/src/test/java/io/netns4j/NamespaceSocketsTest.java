package io.netns4j;

import com.sun.net.httpserver.HttpServer;
import io.netns4j.error.BusyException;
import io.netns4j.internal.sys.LibC;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each helper of {@link NamespaceSockets} makes its socket inside the namespace asked for,
 * checked through the socket's own descriptor (the kernel's SIOCGSKNS answers the socket's
 * namespace), from a caller that itself sits in another test namespace ({@code a}), so a
 * wrong socket could only reach a's loopback, never the host's.
 */
@RequiresRoot
class NamespaceSocketsTest {
    private static final long SIOCGSKNS = 0x894C;
    private final Scratch scratch = new Scratch();
    private final NetnsRegistry registry = NetnsRegistry.system();
    private Netns a;
    private Netns b;

    @BeforeEach
    void namespaces() throws Exception {
        String na = scratch.name("ska");
        String nb = scratch.name("skb");
        a = registry.add(na);
        b = registry.add(nb);
        ip("-n", na, "link", "set", "lo", "up").ok();
        ip("-n", nb, "link", "set", "lo", "up").ok();
    }

    @AfterEach
    void cleanUp() throws Exception {
        a.close();
        b.close();
        scratch.close();
    }

    @Test
    void everyHelpersSocketBelongsToTheNamespaceAskedFor() throws Exception {
        a.run(() -> {
            NamespaceSockets s = b.sockets();
            InetAddress lo = InetAddress.getLoopbackAddress();
            try (ServerSocket server = inB(() -> s.serverSocket(0, 50, lo))) {
                int port = server.getLocalPort();
                try (Closeable c = inB(s::socket)) { /* unconnected */ }
                try (Closeable c = inB(() -> s.socket("127.0.0.1", port))) { /* connected inside b */ }
                try (Closeable c = inB(() -> s.socket(lo, port))) { }
                try (Closeable c = inB(() -> s.serverSocket(0))) { }
                try (Closeable c = inB(() -> s.serverSocket(0, 5))) { }
                try (Closeable c = inB(s::datagramSocket)) { }
                try (Closeable c = inB(() -> s.datagramSocket(0))) { }
                try (Closeable c = inB(() -> s.datagramSocket((java.net.SocketAddress) null))) { }
                try (Closeable c = inB(() -> s.socketFactory().createSocket())) { }
                try (Closeable c = inB(() -> s.socketFactory().createSocket("127.0.0.1", port))) { }
                try (Closeable c = inB(() -> s.socketFactory().createSocket(lo, port, lo, 0))) { }
                try (Closeable c = inB(() -> s.serverSocketFactory().createServerSocket())) { }
                try (Closeable c = inB(() -> s.serverSocketFactory().createServerSocket(0))) { }
                try (Closeable c = inB(s::openSocketChannel)) { }
                try (Closeable c = inB(s::openServerSocketChannel)) { }
                try (Closeable c = inB(s::openDatagramChannel)) { }
                // the caller's own namespace (a) has nothing on that port: a plain socket is refused
                assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
            }
        });
    }

    @Test
    void aListeningSocketIsInTheNamespacesProcNetTcpAndNotInTheCallers() throws Exception {
        Set<Integer> before = socketFds();
        try (ServerSocket server = b.sockets().serverSocket(0)) {
            String inode = Files.readSymbolicLink(Path.of("/proc/self/fd/" + onlyNewSocket(before, server)))
                    .toString().replaceAll("\\D", "");
            assertTrue(b.call(() -> tcpInodes().contains(inode)), "not in b's /proc/thread-self/net/tcp*");
            assertFalse(a.call(() -> tcpInodes().contains(inode)), "in a's /proc/thread-self/net/tcp*");
            assertFalse(tcpInodes().contains(inode), "in the caller's /proc/thread-self/net/tcp*");
        }
    }

    @Test
    void theHttpClientSendsFromInsideTheNamespace() throws Exception {
        HttpServer server = b.call(() -> HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        server.createContext("/", x -> {
            byte[] body = "hello from b".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            a.run(() -> {
                try (HttpClient client = b.sockets().httpClient()) {
                    for (int i = 0; i < 3; i++) { // new connections too: sent from ordinary threads
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertEquals("hello from b", r.body());
                    }
                    HttpResponse<String> r = client.sendAsync(HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofString()).get();
                    assertEquals("hello from b", r.body());
                }
                // the JDK client made in a's thread connects from a, where nothing listens
                try (HttpClient plain = HttpClient.newHttpClient()) {
                    assertThrows(ConnectException.class, () -> plain.send(HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
            });
        } finally {
            server.stop(0);
        }
    }

    @Test
    void noThreadOfThisJvmStaysInsideAfterHttpAndVirtualThreadCallers() throws Exception {
        HttpServer server = b.call(() -> HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        server.createContext("/", x -> {
            x.sendResponseHeaders(200, 2);
            x.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            x.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            try (HttpClient client = b.sockets().httpClient()) {
                List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) { // before: the JDK completed these on the common pool, from inside b
                    sent.add(client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
                }
                for (var f : sent) {
                    assertEquals("ok", f.get().body());
                }
                assertEquals("ok", client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                        .body());
            }
            try (var virtual = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
                for (int i = 0; i < 32; i++) { // a virtual waiter is resumed from home, not from the worker inside
                    calls.add(virtual.submit(() -> b.call(() -> 1)));
                }
                for (var f : calls) {
                    assertEquals(1, f.get());
                }
            }
        } finally {
            server.stop(0);
        }
        List<String> inside = threadsIn(b);
        for (int i = 0; i < 40 && !inside.isEmpty(); i++) { // executor threads end just after close
            Thread.sleep(50);
            inside = threadsIn(b);
        }
        assertEquals(List.of(), inside, "threads of this JVM still in b");
    }

    /** This JVM's threads whose network namespace is {@code ns}: "TID name". */
    private static List<String> threadsIn(Netns ns) throws IOException {
        String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + ns.fileDescriptor())).toString();
        List<String> out = new java.util.ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    if (Files.readSymbolicLink(t.resolve("ns/net")).toString().equals(target)) {
                        out.add(t.getFileName() + " " + Files.readString(t.resolve("comm")).trim());
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    @Test
    void aDeleteThatWaitsInVainNamesTheHoldersInThisJvm() throws Exception {
        String name = scratch.name("held");
        Netns held = registry.add(name);
        ServerSocket socket = held.sockets().serverSocket(0);
        ExecutorService executor = held.executor(1);
        try {
            BusyException e = assertThrows(BusyException.class, () -> registry.delete(name, Duration.ofMillis(300)));
            String m = e.getMessage();
            assertTrue(m.contains("an open Netns handle (made at io.netns4j.NamespaceSocketsTest."), m);
            assertTrue(m.contains("a ServerSocket on port 0 (made at io.netns4j.NamespaceSocketsTest."), m);
            assertTrue(m.contains("a live executor(1)"), m);
            assertTrue(m.contains("this JVM (pid " + ProcessHandle.current().pid() + ")"), m);
        } finally {
            executor.shutdownNow();
            socket.close();
            held.close();
        }
        assertThrows(IllegalStateException.class, held::fileDescriptor);
    }

    interface Make<T extends Closeable> {
        T make() throws IOException;
    }

    /** Makes a socket and asserts that its descriptor's namespace is b, not a (the caller's). */
    private <T extends Closeable> T inB(Make<T> make) throws IOException {
        Set<Integer> before = socketFds();
        T socket = make.make();
        int fd = onlyNewSocket(before, socket);
        NamespaceId of = namespaceOfSocket(fd);
        assertEquals(b.id(), of, socket + " is not in b");
        assertTrue(!of.equals(a.id()), socket + " is in the caller's namespace");
        return socket;
    }

    private static int onlyNewSocket(Set<Integer> before, Object what) {
        Set<Integer> now = socketFds();
        now.removeAll(before);
        // a connected socket to our own server also makes the accepted end only when accepted: one new fd
        assertEquals(1, now.size(), "new socket descriptors for " + what + ": " + now);
        return now.iterator().next();
    }

    private static Set<Integer> socketFds() {
        Set<Integer> out = new HashSet<>();
        try (var files = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.readSymbolicLink(p).toString().startsWith("socket:")) {
                        out.add(Integer.parseInt(p.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // closed meanwhile (the listing's own descriptor)
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static NamespaceId namespaceOfSocket(int fd) throws IOException {
        int nsFd;
        try {
            nsFd = LibC.ioctl(fd, SIOCGSKNS, 0L);
        } catch (io.netns4j.internal.sys.ErrnoException e) {
            throw new IOException("SIOCGSKNS: " + e.getMessage());
        }
        try {
            Map<String, Object> st = Files.readAttributes(Path.of("/proc/self/fd/" + nsFd), "unix:dev,ino");
            return new NamespaceId((Long) st.get("dev"), (Long) st.get("ino"));
        } finally {
            LibC.closeQuietly(nsFd);
        }
    }

    /** The socket inodes in /proc/thread-self/net/tcp and tcp6 of the calling thread's namespace. */
    private static Set<String> tcpInodes() throws IOException {
        Set<String> out = new HashSet<>();
        for (String f : new String[] {"tcp", "tcp6"}) {
            List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/thread-self/net/" + f)));
            for (String line : lines.subList(1, lines.size())) {
                String[] cols = line.trim().split("\\s+");
                out.add(cols[9]);
            }
        }
        return out;
    }
}
