package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.testing.OperState;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;

import static io.netns4j.testing.Ip.ip;
import static io.netns4j.testing.Ip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules applied with {@code netns4j iptables} act on real traffic between namespaces the
 * test makes (veth pairs set up with {@code ip}); Java sockets opened inside them with
 * {@link Netns#call} are the endpoints.
 */
@RequiresRoot
class IptablesTrafficTest {
    private static final int TIMEOUT_MILLIS = 500;
    private final Scratch scratch = new Scratch();
    private final NetnsRegistry registry = NetnsRegistry.system();

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    private String namespace(String tag) throws Exception {
        String n = scratch.name(tag);
        registry.add(n).close();
        ip("-n", n, "link", "set", "lo", "up").ok();
        return n;
    }

    private static void iptables(String ns, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "-n";
        all[1] = ns;
        all[2] = "iptables";
        System.arraycopy(args, 0, all, 3, args.length);
        CliRun r = CliRun.of(all);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
    }

    /** Whether a TCP connection from inside {@code from} to {@code address:port} completes in time. */
    private static boolean connects(Netns from, String address, int port) throws Exception {
        return from.call(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
                return true;
            } catch (SocketTimeoutException dropped) {
                return false;
            }
        });
    }

    @Test
    void theSeedRuleLetsPort80InAndNothingElse() throws Exception {
        String client = namespace("cl");
        String server = namespace("sv");
        ip("-n", client, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1", "netns", server).ok();
        ip("-n", client, "addr", "add", "10.233.0.1/24", "dev", "veth0").ok();
        ip("-n", server, "addr", "add", "10.233.0.2/24", "dev", "veth1").ok();
        ip("-n", client, "link", "set", "veth0", "up").ok();
        ip("-n", server, "link", "set", "veth1", "up").ok();
        try (Netns c = registry.open(client); Netns s = registry.open(server)) {
            OperState.awaitUp(c, "veth0"); // a SYN sent before the link watcher ran is lost
            OperState.awaitUp(s, "veth1");
            InetAddress at = InetAddress.getByName("10.233.0.2");
            try (ServerSocket web = s.call(() -> new ServerSocket(80, 50, at));
                 ServerSocket other = s.call(() -> new ServerSocket(81, 50, at))) {
                assertTrue(connects(c, "10.233.0.2", 81), "no rules yet: everything connects");
                iptables(server, "-P", "INPUT", "DROP");
                iptables(server, "-A", "INPUT", "-i", "veth1", "-p", "tcp", "--dport", "80", "-j", "ACCEPT");
                assertTrue(connects(c, "10.233.0.2", 80), "port 80 is let in");
                assertFalse(connects(c, "10.233.0.2", 81), "port 81 gets no SYN-ACK");
                String counted = CliRun.of("-n", server, "iptables", "-L", "INPUT", "-n", "-v", "-x").out();
                assertFalse(counted.lines().filter(l -> l.contains("dpt:80")).findFirst().orElseThrow()
                        .trim().startsWith("0 "), "the rule counted the connection: " + counted);
                iptables(server, "-D", "INPUT", "-i", "veth1", "-p", "tcp", "--dport", "80", "-j", "ACCEPT");
                assertFalse(connects(c, "10.233.0.2", 80), "without the rule, port 80 is dropped too");
                assertTrue(web.isBound() && other.isBound());
            }
        }
    }

    @Test
    void theMiddleMasqueradesTheLeftSide() throws Exception {
        String left = namespace("left");
        String middle = namespace("mid");
        String right = namespace("right");
        ip("-n", left, "link", "add", "lm", "type", "veth", "peer", "name", "ml", "netns", middle).ok();
        ip("-n", middle, "link", "add", "mr", "type", "veth", "peer", "name", "rm", "netns", right).ok();
        ip("-n", left, "addr", "add", "10.234.1.2/24", "dev", "lm").ok();
        ip("-n", middle, "addr", "add", "10.234.1.1/24", "dev", "ml").ok();
        ip("-n", middle, "addr", "add", "10.234.2.1/24", "dev", "mr").ok();
        ip("-n", right, "addr", "add", "10.234.2.2/24", "dev", "rm").ok();
        ip("-n", left, "link", "set", "lm", "up").ok();
        ip("-n", middle, "link", "set", "ml", "up").ok();
        ip("-n", middle, "link", "set", "mr", "up").ok();
        ip("-n", right, "link", "set", "rm", "up").ok();
        ip("-n", left, "route", "add", "default", "via", "10.234.1.1").ok();
        // right has no route back to 10.234.1.0/24: only masquerading lets replies come back
        run(Map.of(), "ip", "netns", "exec", middle, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1").ok();
        try (Netns l = registry.open(left); Netns r = registry.open(right)) {
            try (Netns m = registry.open(middle)) {
                OperState.awaitUp(l, "lm");
                OperState.awaitUp(m, "ml");
                OperState.awaitUp(m, "mr");
                OperState.awaitUp(r, "rm");
            }
            InetAddress at = InetAddress.getByName("10.234.2.2");
            try (ServerSocket server = r.call(() -> new ServerSocket(9000, 50, at))) {
                assertFalse(connects(l, "10.234.2.2", 9000), "without NAT the reply has no way back");
                iptables(middle, "-t", "nat", "-A", "POSTROUTING", "-s", "10.234.1.0/24", "-o", "mr", "-j", "MASQUERADE");
                Socket client = l.call(() -> {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("10.234.2.2", 9000), TIMEOUT_MILLIS * 4);
                    return s;
                });
                server.setSoTimeout(5000);
                try (client; Socket accepted = nextFrom(server, "10.234.2.1")) {
                    assertEquals(InetAddress.getByName("10.234.2.1"), accepted.getInetAddress(),
                            "the server sees the middle's address");
                    client.getOutputStream().write(7);
                    assertEquals(7, accepted.getInputStream().read());
                }
            }
        }
    }

    /** Accepts until a connection from {@code source} arrives (the failed attempt may still sit in the backlog). */
    private static Socket nextFrom(ServerSocket server, String source) throws Exception {
        for (int i = 0; i < 5; i++) {
            Socket s = server.accept();
            if (s.getInetAddress().equals(InetAddress.getByName(source))) {
                return s;
            }
            s.close();
        }
        throw new AssertionError("no connection from " + source);
    }
}
