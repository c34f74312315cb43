package io.netns4j.lab;

import io.netns4j.NetnsRegistry;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.view.ViewHub;
import io.netns4j.lab.view.ViewServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Time to first draw of {@code lab serve}'s page for a 200-node lab, in headless Chromium: one
 * router, 8 bridges, 191 hosts (24 per bridge, 23 on the last); the server's load of the lab
 * ({@code ViewHub.start}), then ROUNDS page loads, each timed from navigation start to the
 * first frame painted with the lab ({@code netns4jView.firstDrawMs}), and the latency from
 * {@code ip link set down} to the page showing it. Run by bench/lab/view-first-draw.sh (root).
 */
public final class ViewFirstDrawBenchmark {
    private ViewFirstDrawBenchmark() {
    }

    /** {@code ROUNDS}. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String name = "vbench-" + ProcessHandle.current().pid();
        Path dir = Files.createTempDirectory("bench-view-");
        Lab.Options options = Lab.Options.defaults().withLockDirectory(dir);
        NetnsRegistry registry = NetnsRegistry.system();
        LabSpec b = LabSpec.named(name).ipv4Pool("10.90.0.0/16").defaultRoutes(false).hostsFile(false).routers("core");
        int host = 0;
        for (int s = 1; s <= 8; s++) {
            int n = s < 8 ? 24 : 23;
            String[] members = new String[n + 1];
            members[0] = "core";
            for (int k = 1; k <= n; k++) {
                members[k] = "h" + (++host);
            }
            b = b.bridge("sw" + s).hosts(members).on("sw" + s);
        }
        Topology t = b.topology();
        try {
            long t0 = System.nanoTime();
            Lab.up(t, registry, options);
            System.out.printf("lab up, %d nodes: %d ms%n", t.nodes().size(), (System.nanoTime() - t0) / 1_000_000);
            t0 = System.nanoTime();
            try (ViewServer server = ViewServer.start(ViewHub.start(registry, options, List.of(name)),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
                 Chromium browser = Chromium.start(1600, 1000)) {
                System.out.printf("server's load of the lab (ViewHub.start): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                List<Double> draws = new ArrayList<>();
                List<Long> downs = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    browser.navigate("about:blank");
                    browser.navigate(server.pageUri().toString());
                    double ms = browser.await("window.netns4jView && netns4jView.firstDrawMs !== null"
                                    + " && netns4jView.cy.nodes('[node]').length === 200 ? netns4jView.firstDrawMs : null",
                            v -> v.isNumber(), Duration.ofSeconds(60)).asDouble();
                    draws.add(ms);
                    String host1 = name + "-h" + (i + 1);
                    String edge = "netns4jView.cy.edges('[link]').filter(e => e.data('link').a.node === 'h" + (i + 1)
                            + "').hasClass('down')";
                    long d0 = System.nanoTime();
                    new ProcessBuilder("ip", "-n", host1, "link", "set", "eth0", "down").inheritIO().start().waitFor();
                    browser.await(edge, v -> v.asBoolean(), Duration.ofSeconds(10));
                    downs.add((System.nanoTime() - d0) / 1_000_000);
                    new ProcessBuilder("ip", "-n", host1, "link", "set", "eth0", "up").inheritIO().start().waitFor();
                    Thread.sleep(300);
                }
                double[] d = draws.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                long[] l = downs.stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("time to first draw, 200 nodes, %d page loads: median %.0f ms (min %.0f, max %.0f): %s%n",
                        rounds, d[d.length / 2], d[0], d[d.length - 1], Arrays.toString(d));
                System.out.printf("ip link set down -> shown down, 200-node page: median %d ms (max %d)%n", l[l.length / 2],
                        l[l.length - 1]);
                System.out.println("page errors: " + browser.errors);
            }
        } finally {
            Lab.down(name, registry, options);
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
