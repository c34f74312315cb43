package io.netns4j.examples;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.address.AddressRequest;
import io.netns4j.link.LinkRequest;
import io.netns4j.link.Veth;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * netns4j-core on its own: two network namespaces joined by a veth pair, and a real TCP
 * connection from one to the other. Run as root with
 * {@code java --enable-native-access=ALL-UNNAMED}; it deletes what it made, even on failure,
 * and exits non-zero if anything went wrong.
 */
public final class TwoNamespaces {

    private static final int PORT = 7777;

    public static void main(String[] args) {
        String prefix = "n4jx-" + ProcessHandle.current().pid();
        NetnsRegistry registry = NetnsRegistry.system();   // /run/netns, as ip netns uses
        List<String> created = new ArrayList<>();
        boolean ok = false;
        try {
            ok = demo(registry, prefix + "-a", prefix + "-b", created);
        } catch (Exception e) {
            System.err.println("FAILED: " + e);
            e.printStackTrace();
        } finally {
            // Delete the namespaces, even after a failure, and wait until the kernel freed them.
            for (String name : created) {
                try {
                    registry.delete(name, Duration.ofSeconds(10));
                    System.out.println("ip netns delete " + name);
                } catch (Exception e) {
                    System.err.println("FAILED to delete " + name + ": " + e);
                    ok = false;
                }
            }
        }
        System.out.println(ok ? "OK" : "FAILED");
        System.exit(ok ? 0 : 1);
    }

    private static boolean demo(NetnsRegistry registry, String nameA, String nameB, List<String> created)
            throws Exception {
        try (Netns a = add(registry, nameA, created);
             Netns b = add(registry, nameB, created)) {

            // One request: v0 in a, its peer eth0 already in b.
            a.links().add(LinkRequest.create("v0", Veth.peer("eth0").withPeerNamespace(b)).withUp());
            System.out.println("ip -n " + nameA + " link add v0 up type veth peer name eth0 netns " + nameB);
            b.links().set(LinkRequest.change("eth0").withUp());
            System.out.println("ip -n " + nameB + " link set eth0 up");

            a.addresses().add(AddressRequest.of("v0", "10.77.0.1/24"));
            System.out.println("ip -n " + nameA + " address add 10.77.0.1/24 dev v0");
            b.addresses().add(AddressRequest.of("eth0", "10.77.0.2/24"));
            System.out.println("ip -n " + nameB + " address add 10.77.0.2/24 dev eth0");

            // A server socket created inside a, a client socket created inside b. Once made,
            // each stays in its namespace and is used from this (unchanged) thread.
            InetAddress addressA = InetAddress.getByName("10.77.0.1");
            try (ServerSocket server = a.call(() -> new ServerSocket(PORT, 1, addressA));
                 Socket client = b.call(() -> {
                     Socket s = new Socket();
                     s.connect(new InetSocketAddress(addressA, PORT), 3000);
                     return s;
                 })) {
                server.setSoTimeout(3000);
                client.setSoTimeout(3000);
                try (Socket accepted = server.accept()) {
                    send(client, "hello from " + nameB);
                    String request = receive(accepted);
                    send(accepted, "hello from " + nameA);
                    String reply = receive(client);
                    System.out.println("TCP " + accepted.getRemoteSocketAddress() + " -> "
                            + accepted.getLocalSocketAddress() + ": sent \"" + request + "\", got \"" + reply + "\"");
                    return request.equals("hello from " + nameB) && reply.equals("hello from " + nameA)
                            && accepted.getInetAddress().getHostAddress().equals("10.77.0.2");
                }
            }
        }
    }

    /** Creates the namespace and remembers its name for the cleanup. */
    private static Netns add(NetnsRegistry registry, String name, List<String> created) throws Exception {
        Netns ns = registry.add(name);
        created.addFirst(name);
        System.out.println("ip netns add " + name);
        return ns;
    }

    private static void send(Socket socket, String line) throws Exception {
        PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
        out.println(line);
    }

    private static String receive(Socket socket) throws Exception {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
}
