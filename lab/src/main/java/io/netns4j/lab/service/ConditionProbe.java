package io.netns4j.lab.service;

import io.netns4j.Netns;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.model.Condition;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks one {@link Condition} on a node, once: what readiness checks and {@code lab wait} repeat.
 * TCP: a connection from inside the node ({@code nc -z}); with no host, to each address the
 * node listens on for the port, read from {@code /proc/thread-self/net/tcp} and {@code tcp6}
 * inside it ({@code ss -tln}). UDP: a socket of the node bound to the port ({@code ss -uln}).
 * A command: {@code ip netns exec NS sh -c COMMAND} exits 0. Service readiness is the
 * supervisor's business and not checked here.
 */
public final class ConditionProbe {
    private static final String LISTEN = "0A";
    private static final String UDP_UNCONNECTED = "07";

    private ConditionProbe() {
    }

    /**
     * What one check found.
     *
     * @param holds whether the condition holds
     * @param seen  what was seen, for a message when it never holds ({@code "connection refused to 10.0.0.1:2379"})
     */
    public record Outcome(boolean holds, String seen) {
    }

    /**
     * Checks {@code c} inside {@code node}; each attempt takes at most {@code timeout}.
     *
     * @param hostsFile the node's {@code /etc/netns/NS/hosts} (host names in {@code tcp:HOST:PORT} are looked up there first)
     */
    public static Outcome check(Netns node, Condition c, Duration timeout, Path hostsFile) {
        try {
            return switch (c) {
                case Condition.TcpPort t when t.host().isEmpty() -> listeners(node, t.port(), timeout);
                case Condition.TcpPort t -> connectAny(node, resolve(t.host(), hostsFile), t.port(), timeout);
                case Condition.UdpPort u -> udpBound(node, u.port());
                case Condition.CommandSucceeds cmd -> command(node, cmd.command(), timeout);
                case Condition.ServiceReady s -> new Outcome(false, "service readiness is asked of the supervisor");
            };
        } catch (IOException e) {
            return new Outcome(false, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted");
        }
    }

    /** A connection from {@code from} to any of {@code addresses} on {@code port}: the first that answers. */
    public static Outcome connectAny(Netns from, List<InetAddress> addresses, int port, Duration timeout) {
        if (addresses.isEmpty()) {
            return new Outcome(false, "no address to connect to");
        }
        String seen = "";
        for (InetAddress a : addresses) {
            try (Socket s = from.sockets().socket()) {
                s.connect(new InetSocketAddress(a, port), (int) Math.max(1, timeout.toMillis()));
                return new Outcome(true, "connected to " + text(a, port));
            } catch (IOException e) {
                seen = (seen.isEmpty() ? "" : seen + "; ") + e.getMessage() + " (" + text(a, port) + ")";
            }
        }
        return new Outcome(false, seen);
    }

    private static Outcome listeners(Netns node, int port, Duration timeout) throws NetnsException, IOException {
        List<InetAddress> bound = node.call(() -> {
            List<InetAddress> out = new ArrayList<>();
            out.addAll(sockets(Path.of("/proc/thread-self/net/tcp"), port, LISTEN));
            out.addAll(sockets(Path.of("/proc/thread-self/net/tcp6"), port, LISTEN));
            return out;
        });
        if (bound.isEmpty()) {
            return new Outcome(false, "nothing listens on TCP port " + port + " in the node");
        }
        List<InetAddress> targets = new ArrayList<>();
        for (InetAddress a : bound) {
            InetAddress t = a.isAnyLocalAddress() ? InetAddress.getByName(a instanceof Inet6Address ? "::1" : "127.0.0.1")
                    : a;
            if (!targets.contains(t)) {
                targets.add(t);
            }
        }
        return connectAny(node, targets, port, timeout);
    }

    private static Outcome udpBound(Netns node, int port) throws NetnsException, IOException {
        List<InetAddress> bound = node.call(() -> {
            List<InetAddress> out = new ArrayList<>();
            out.addAll(sockets(Path.of("/proc/thread-self/net/udp"), port, UDP_UNCONNECTED));
            out.addAll(sockets(Path.of("/proc/thread-self/net/udp6"), port, UDP_UNCONNECTED));
            return out;
        });
        return bound.isEmpty() ? new Outcome(false, "no UDP socket is bound to port " + port + " in the node")
                : new Outcome(true, "UDP port " + port + " bound on " + bound.getFirst().getHostAddress());
    }

    /**
     * The local addresses of the sockets in a {@code /proc/net/tcp}-style table bound to {@code port}
     * in state {@code state} (hex, as the table writes it). A line that does not parse is skipped.
     */
    static List<InetAddress> sockets(Path table, int port, String state) throws IOException {
        List<InetAddress> out = new ArrayList<>();
        if (!Files.exists(table)) {
            return out;
        }
        List<String> lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[3].equals(state)) {
                continue;
            }
            int colon = f[1].indexOf(':');
            if (colon < 0) {
                continue;
            }
            try {
                if (Integer.parseInt(f[1].substring(colon + 1), 16) == port) {
                    out.add(address(f[1].substring(0, colon)));
                }
            } catch (IllegalArgumentException | UnknownHostException e) {
                // a line the kernel wrote in another shape: not ours to judge
            }
        }
        return out;
    }

    /** A table's address: 8 or 32 hex digits, each 32-bit word in host (little-endian) order. */
    static InetAddress address(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        if (raw.length != 4 && raw.length != 16) {
            throw new UnknownHostException("address of " + raw.length + " bytes");
        }
        byte[] b = new byte[raw.length];
        for (int w = 0; w < raw.length; w += 4) {
            for (int i = 0; i < 4; i++) {
                b[w + i] = raw[w + 3 - i];
            }
        }
        return InetAddress.getByAddress(b);
    }

    private static Outcome command(Netns node, String command, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = node.start(pb);
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.signalTree(p.pid(), ProcessTree.SIGKILL);
                p.waitFor(2, TimeUnit.SECONDS);
                return new Outcome(false, "\"" + command + "\" did not end within " + timeout.toMillis() + " ms");
            }
            out = in.readNBytes(4096);
        }
        String last = new String(out, StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElse("");
        return p.exitValue() == 0 ? new Outcome(true, "\"" + command + "\" exited 0")
                : new Outcome(false, "\"" + command + "\" exited " + p.exitValue() + (last.isBlank() ? "" : ": " + last));
    }

    /** A host of {@code tcp:HOST:PORT}: a literal address, a name of the node's hosts file, or DNS. */
    static List<InetAddress> resolve(String host, Path hostsFile) throws UnknownHostException {
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return List.of(InetAddress.getByName(host));
        }
        if (hostsFile != null && Files.isReadable(hostsFile)) {
            try {
                for (String line : Files.readAllLines(hostsFile, StandardCharsets.UTF_8)) {
                    String[] f = line.replaceAll("#.*", "").trim().split("\\s+");
                    for (int i = 1; i < f.length; i++) {
                        if (f[i].equals(host)) {
                            return List.of(InetAddress.getByName(f[0]));
                        }
                    }
                }
            } catch (IOException e) {
                // fall back to the resolver
            }
        }
        return List.of(InetAddress.getAllByName(host));
    }

    private static String text(InetAddress a, int port) {
        return (a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress()) + ":" + port;
    }
}
