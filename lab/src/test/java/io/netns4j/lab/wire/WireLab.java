package io.netns4j.lab.wire;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.address.AddressRequest;
import io.netns4j.link.LinkRequest;
import io.netns4j.link.Veth;
import io.netns4j.neighbour.NeighbourRequest;
import io.netns4j.neighbour.NeighbourState;
import io.netns4j.testing.Scratch;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Two test namespaces {@code a} and {@code b} joined by a veth ({@code a:eth0} 10.77.0.1/24,
 * {@code b:eth0} 10.77.0.2/24), with IPv6 off and permanent neighbour entries, so that nothing but
 * the test's own traffic crosses the link (no ARP, no router solicitations: every frame the engine
 * sees is one the test sent). Measurements are made from the test JVM with sockets inside.
 */
final class WireLab implements AutoCloseable {
    static final InetAddress A = address("10.77.0.1");
    static final InetAddress B = address("10.77.0.2");
    final Scratch scratch = new Scratch();
    final Netns a;
    final Netns b;

    WireLab(String tag) throws Exception {
        NetnsRegistry registry = NetnsRegistry.system();
        a = registry.add(scratch.name(tag + "a"));
        b = registry.add(scratch.name(tag + "b"));
        for (Netns n : List.of(a, b)) {
            n.sysctls().set("net.ipv6.conf.all.disable_ipv6", "1");
            n.sysctls().set("net.ipv6.conf.default.disable_ipv6", "1");
        }
        a.links().add(LinkRequest.create("eth0", Veth.peer("eth0").withPeerNamespace(b)));
        b.sysctls().set("net.ipv6.conf.eth0.disable_ipv6", "1");
        a.sysctls().set("net.ipv6.conf.eth0.disable_ipv6", "1");
        a.addresses().add(AddressRequest.of("eth0", "10.77.0.1/24"));
        b.addresses().add(AddressRequest.of("eth0", "10.77.0.2/24"));
        a.links().set(LinkRequest.change("eth0").withUp());
        b.links().set(LinkRequest.change("eth0").withUp());
        a.links().set(LinkRequest.change("lo").withUp());
        b.links().set(LinkRequest.change("lo").withUp());
        a.neighbours().add(NeighbourRequest.of("eth0", B).withLladdr(b.links().get("eth0").address())
                .withState(NeighbourState.PERMANENT));
        b.neighbours().add(NeighbourRequest.of("eth0", A).withLladdr(a.links().get("eth0").address())
                .withState(NeighbourState.PERMANENT));
    }

    private static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Round-trip times in nanoseconds of {@code count} one-byte TCP exchanges from a to an echo server in b. */
    List<Long> tcpRoundTrips(int count) throws Exception {
        try (ServerSocket server = b.sockets().serverSocket(7001, 50, B)) {
            Thread echo = Thread.ofPlatform().daemon().start(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    s.setTcpNoDelay(true);
                    for (int c; (c = in.read()) >= 0; ) {
                        out.write(c);
                        out.flush();
                    }
                } catch (Exception ignored) {
                    // the client hung up
                }
            });
            List<Long> out = new ArrayList<>();
            try (Socket s = a.sockets().socket()) {
                s.setTcpNoDelay(true);
                s.setSoTimeout(10_000);
                s.connect(new InetSocketAddress(B, 7001), 10_000);
                InputStream in = s.getInputStream();
                OutputStream o = s.getOutputStream();
                for (int i = 0; i < count; i++) {
                    long t = System.nanoTime();
                    o.write(i & 0x7f);
                    o.flush();
                    if (in.read() < 0) {
                        throw new AssertionError("the echo server hung up");
                    }
                    out.add(System.nanoTime() - t);
                }
            }
            echo.join(5000);
            return out;
        }
    }

    /**
     * Sends {@code count} datagrams numbered 0.. from a to b, {@code pace} of them every millisecond, and
     * returns the numbers b received, in arrival order (duplicates included), waiting 1 s after the last.
     */
    List<Integer> datagrams(int count, int pace, int delayAllowanceMillis) throws Exception {
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        try (DatagramSocket rx = b.sockets().datagramSocket(new InetSocketAddress(B, 7002));
             DatagramSocket tx = a.sockets().datagramSocket()) {
            rx.setReceiveBufferSize(4 << 20);
            rx.setSoTimeout(delayAllowanceMillis + 1000);
            Thread receiver = Thread.ofPlatform().daemon().start(() -> {
                byte[] buf = new byte[64];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    for (; ; ) {
                        rx.receive(p);
                        got.add(ByteBuffer.wrap(buf, 0, 4).getInt());
                    }
                } catch (SocketTimeoutException | java.net.SocketException done) {
                    // quiet for long enough, or closed
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            byte[] payload = new byte[32];
            for (int i = 0; i < count; i++) {
                ByteBuffer.wrap(payload).putInt(0, i);
                tx.send(new DatagramPacket(payload, payload.length, new InetSocketAddress(B, 7002)));
                if ((i + 1) % pace == 0) {
                    Thread.sleep(1);
                }
            }
            receiver.join(delayAllowanceMillis + 30_000L);
        }
        return new ArrayList<>(got);
    }

    /** Bytes b's eth0 received, frames as the engine's rate counts them (Ethernet header, no FCS). */
    long receivedBytes() throws Exception {
        return b.links().get("eth0").stats().rxBytes();
    }

    @Override
    public void close() throws Exception {
        try {
            a.close();
            b.close();
        } finally {
            scratch.close();
        }
    }
}
