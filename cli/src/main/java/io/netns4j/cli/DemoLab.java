package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.model.LabNode;
import io.netns4j.lab.wire.InProcessImpairmentHost;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The second part of {@code netns4j demo}: the {@code examples/database-partition} lab (three
 * database nodes on a switch, one with an impaired link), renamed {@code demo-db-PID} so it
 * cannot meet a lab of the user's. Brought up from its file, shown, checked with real TCP
 * between the nodes, partitioned (db3 isolated), healed, and taken down. Each step is printed
 * as the command it is and run through this CLI; the lab is removed also on failure.
 */
final class DemoLab {
    private static final String EXAMPLE = "examples/database-partition/lab.yaml";
    private static final int PORT = 5432;

    private DemoLab() {
    }

    /**
     * Runs the lab part; returns normally when every check held. This process hosts the lab's
     * userspace impairment engines (db3's delay on a kernel without netem) while it runs.
     */
    static void run(Context ctx) throws NetnsException {
        try (InProcessImpairmentHost host = new InProcessImpairmentHost()) {
            LabCommand.IN_PROCESS_HOST.set(host);
            runHosted(ctx);
        } finally {
            LabCommand.IN_PROCESS_HOST.set(null);
        }
    }

    private static void runHosted(Context ctx) throws NetnsException {
        String lab = "demo-db-" + ProcessHandle.current().pid();
        Path file;
        try {
            file = Files.createTempFile("netns4j-demo-", ".yaml");
            Files.writeString(file, example().replaceFirst("(?m)^name: db$", "name: " + lab));
        } catch (IOException e) {
            throw new NetnsException("Cannot write the demo's lab file: " + e);
        }
        boolean up = false;
        try {
            say(ctx, "A lab from " + EXAMPLE + ": three database nodes on a switch, db3's link impaired;"
                    + " renamed " + lab + ".");
            up = true; // from here on the lab is taken down at the end, whatever happens
            run(ctx, "lab", "up", file.toString());
            run(ctx, "lab", "show", lab);
            run(ctx, "lab", "graph", "--format", "text", lab);
            run(ctx, "lab", "up", file.toString());
            String db1 = lab + "-db1";
            String db2 = address(ctx, lab, "db2");
            String db3 = address(ctx, lab, "db3");
            expect(ctx, db1, "db2", db2, true);
            expect(ctx, db1, "db3", db3, true);
            say(ctx, "A partition: db3 is cut off from the others, both ways.");
            run(ctx, "lab", "partition", lab, "isolate", "db3");
            expect(ctx, db1, "db2", db2, true);
            expect(ctx, db1, "db3", db3, false);
            run(ctx, "lab", "heal", lab);
            expect(ctx, db1, "db3", db3, true);
            run(ctx, "lab", "down", lab);
        } catch (NetnsException | RuntimeException e) {
            if (up) {
                try {
                    Lab.down(lab, ctx.registry, Lab.Options.defaults().withImpairmentHost(LabCommand.IN_PROCESS_HOST.get()));
                } catch (NetnsException | RuntimeException downFailed) {
                    e.addSuppressed(downFailed);
                    ctx.err.println(downFailed.getMessage());
                }
            }
            throw e;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    private static String example() throws IOException {
        try (InputStream in = DemoLab.class.getResourceAsStream("/" + EXAMPLE)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(Path.of(EXAMPLE)); // running from the source tree without the jar
    }

    /** The node's first IPv4 address, as {@code lab show} lists it. */
    private static String address(Context ctx, String lab, String node) throws NetnsException {
        List<LabNode> nodes = Lab.show(lab, ctx.registry).orElseThrow(() -> new NetnsException("lab " + lab + " is gone"));
        return nodes.stream().filter(n -> n.node().equals(node)).flatMap(n -> n.interfaces().stream())
                .flatMap(i -> i.addresses().stream()).filter(a -> !a.contains(":")).map(a -> a.substring(0, a.indexOf('/')))
                .findFirst().orElseThrow(() -> new NetnsException(node + " has no IPv4 address"));
    }

    /** A TCP listener in the target node, a connection from {@code fromNs}: it must connect, or not. */
    private static void expect(Context ctx, String fromNs, String node, String address, boolean reachable)
            throws NetnsException {
        String target = fromNs.substring(0, fromNs.lastIndexOf('-')) + "-" + node;
        try (Netns from = ctx.registry.open(fromNs); Netns to = ctx.registry.open(target);
             ServerSocket listener = to.call(() -> new ServerSocket(PORT))) {
            boolean connected = from.call(() -> {
                for (int attempt = 0; attempt < (reachable ? 3 : 1); attempt++) { // loss 0.5% on db3's link
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(address, PORT), 1000);
                        return true;
                    } catch (IOException e) {
                        // retried if it should connect
                    }
                }
                return false;
            });
            ctx.out.println("   db1 -> " + node + " (" + address + ":" + PORT + "): " + (connected ? "connected"
                    : "no answer within 1 s"));
            if (connected != reachable) {
                throw new NetnsException("db1 -> " + node + " should " + (reachable ? "" : "not ") + "connect");
            }
        } catch (NetnsException e) {
            throw e;
        } catch (Exception e) {
            throw new NetnsException("TCP check db1 -> " + node + " failed: " + e);
        }
    }

    private static void run(Context ctx, String... words) throws NetnsException {
        ctx.out.println("$ netns4j " + String.join(" ", words));
        ctx.out.flush();
        GlobalOptions step = GlobalOptions.plain(null, List.of(words));
        int rc = ctx.runner.execute(step, ctx.out, ctx.out, ctx.registry, null);
        if (rc != 0) {
            throw new NetnsException("demo step failed with status " + rc + ": " + String.join(" ", words));
        }
    }

    private static void say(Context ctx, String text) {
        ctx.out.println("# " + text);
    }
}
