package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code netns4j demo}: the seed document's walkthrough, corrected, end to end. Every step
 * is printed as the command it is and run through this CLI, so the output is what a user
 * typing the commands would see. The seed's root namespace is played by a namespace of the
 * demo's own ({@code demo-host-PID}): nothing touches the machine's own network. Traffic is
 * proven with a real TCP exchange across the veth, from Java code running in each
 * namespace, and the seed's firewall rule with a connection that passes and one that is
 * dropped. Everything is removed at the end, also on failure, and the demo waits until
 * the kernel has freed it. Then a lab from examples/ ({@link DemoLab}): up, show, TCP between
 * its nodes, a partition and its heal, down.
 */
final class DemoCommand implements ObjectCommand {
    private static final int PORT = 8080;

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("\"netns4j demo\" takes no arguments.");
        }
        if (options.all() || options.family() != null || options.netns() != null) {
            throw new UsageException("\"netns4j demo\" takes no -all, -n, -4 or -6: it makes its own namespaces.");
        }
    }

    /** A step's options: only its own namespace; nothing of the demo's command line leaks in. */
    private static GlobalOptions step(String netns, List<String> words) {
        return GlobalOptions.plain(netns, words);
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        check(ctx.options, args);
        String pid = Long.toString(ProcessHandle.current().pid());
        String host = "demo-host-" + pid;
        String ns = "demo-example_ns-" + pid;
        List<String> made = new ArrayList<>();
        int status = 1;
        boolean cleanedUp = true;
        try {
            say(ctx, "The seed's walkthrough, with " + host + " standing in for the root namespace.");
            run(ctx, made, null, "netns", "add", host);
            run(ctx, made, null, "netns", "add", ns);
            run(ctx, null, host, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
            run(ctx, null, host, "link", "set", "veth1", "netns", ns);
            run(ctx, null, host, "address", "add", "10.200.1.1/24", "dev", "veth0");
            run(ctx, null, ns, "address", "add", "10.200.1.2/24", "dev", "veth1");
            run(ctx, null, host, "link", "set", "veth0", "up");
            run(ctx, null, ns, "link", "set", "veth1", "up");
            run(ctx, null, ns, "link", "set", "lo", "up");
            say(ctx, "The seed writes \"ip -n example_ns ip route add default via veth1\"; netns4j answers:");
            expectUsageError(ctx, ns, "ip", "route", "add", "default", "via", "veth1");
            expectUsageError(ctx, ns, "route", "add", "default", "via", "veth1");
            run(ctx, null, ns, "route", "add", "default", "via", "10.200.1.1");
            run(ctx, null, ns, "link", "show");
            run(ctx, null, ns, "address", "show", "dev", "veth1");
            run(ctx, null, ns, "route", "show");
            run(ctx, null, ns, "route", "get", "10.200.1.1");
            proveTraffic(ctx, host, ns);
            say(ctx, "The seed's firewall rule. It writes \"ip netns exec iptables -A ...\"; netns4j answers:");
            expectUsageError(ctx, null, "netns", "exec", "iptables", "-A", "INPUT", "-i", "veth1", "-p", "tcp", "--dport",
                    "80", "-j", "ACCEPT");
            run(ctx, null, ns, "iptables", "-P", "INPUT", "DROP");
            run(ctx, null, ns, "iptables", "-A", "INPUT", "-i", "veth1", "-p", "tcp", "--dport", "80", "-j", "ACCEPT");
            run(ctx, null, ns, "iptables", "-S");
            run(ctx, null, ns, "nft", "list", "ruleset");
            proveFirewall(ctx, host, ns);
            status = 0;
        } finally {
            for (String name : made.reversed()) {
                step(ctx, null, List.of("netns", "delete", "--wait", name));
                int rc = ctx.runner.execute(step(null, List.of("netns", "delete", "--wait", name)), ctx.out, ctx.err,
                        ctx.registry, null);
                if (rc != 0) {
                    status = 1;
                    cleanedUp = false;
                }
            }
        }
        if (status == 0) {
            try {
                DemoLab.run(ctx);
            } catch (NetnsException e) {
                ctx.err.println(e.getMessage());
                status = 1;
            }
        }
        ctx.out.println(status == 0 ? "demo finished: traffic flowed, the firewall held, the lab came up, was partitioned"
                + " and healed, and everything it made is gone"
                : cleanedUp ? "demo failed (see above); what it made was removed"
                : "demo failed (see above), and some of what it made could not be removed: see the errors above");
        return status;
    }

    /** A TCP server in the host side, a client in example_ns, one line each way. */
    private static void proveTraffic(Context ctx, String host, String ns) throws NetnsException {
        say(ctx, "Traffic: a TCP server on 10.200.1.1:" + PORT + " in " + host + ", a client in " + ns + ".");
        NetnsRegistry r = ctx.registry;
        try (Netns server = r.open(host); Netns client = r.open(ns);
             ServerSocket listener = server.call(() -> new ServerSocket(PORT, 1, java.net.InetAddress.getByName("10.200.1.1")))) {
            listener.setSoTimeout(5000);
            CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                     PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                    String line = in.readLine();
                    out.println("hello " + s.getInetAddress().getHostAddress() + ", this is " + host);
                    return line;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String reply = client.call(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("10.200.1.1", PORT), 5000);
                    s.setSoTimeout(5000);
                    new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8).println("hello from " + ns);
                    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
                }
            });
            ctx.out.println("   server heard: " + heard.get(5, TimeUnit.SECONDS));
            ctx.out.println("   client heard: " + reply);
        } catch (NetnsException e) {
            throw e;
        } catch (Exception e) {
            throw new NetnsException("Traffic did not flow across the veth: " + e);
        }
    }

    /** Listeners on ports 80 and 81 in example_ns; from the host side, 80 connects and 81 does not. */
    private static void proveFirewall(Context ctx, String host, String ns) throws NetnsException {
        say(ctx, "From " + host + ": TCP to 10.200.1.2 port 80 and port 81, both listening in " + ns + ".");
        NetnsRegistry r = ctx.registry;
        try (Netns client = r.open(host); Netns server = r.open(ns);
             ServerSocket p80 = server.call(() -> new ServerSocket(80));
             ServerSocket p81 = server.call(() -> new ServerSocket(81))) {
            boolean open80 = connects(client, 80);
            boolean open81 = connects(client, 81);
            ctx.out.println("   port 80: " + (open80 ? "connected" : "blocked") + "; port 81: "
                    + (open81 ? "connected" : "blocked (no answer within 500 ms)"));
            if (!open80 || open81) {
                throw new NetnsException("the firewall did not do what the rule says");
            }
        } catch (NetnsException e) {
            throw e;
        } catch (Exception e) {
            throw new NetnsException("Firewall check failed: " + e);
        }
    }

    private static boolean connects(Netns from, int port) throws Exception {
        return from.call(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("10.200.1.2", port), 500);
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    private static void run(Context ctx, List<String> made, String netns, String... words) throws NetnsException {
        step(ctx, netns, List.of(words));
        int rc = ctx.runner.execute(step(netns, List.of(words)), ctx.out, ctx.err, ctx.registry, null);
        if (rc != 0) {
            throw new NetnsException("demo step failed with status " + rc + ": " + String.join(" ", words));
        }
        if (made != null) {
            made.add(words[words.length - 1]);
        }
    }

    private static void expectUsageError(Context ctx, String netns, String... words) throws NetnsException {
        step(ctx, netns, List.of(words));
        int rc = ctx.runner.execute(step(netns, List.of(words)), ctx.err, ctx.out, ctx.registry, null);
        if (rc != ExitStatus.USAGE) {
            throw new NetnsException("expected a usage error from: " + String.join(" ", words));
        }
        ctx.out.println("   (exit status 2: refused before any change)");
    }

    private static void step(Context ctx, String netns, List<String> words) {
        ctx.out.println("$ netns4j " + (netns == null ? "" : "-n " + netns + " ") + String.join(" ", words));
        ctx.out.flush();
    }

    private static void say(Context ctx, String text) {
        ctx.out.println("# " + text);
    }
}
