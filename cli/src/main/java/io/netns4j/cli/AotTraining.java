package io.netns4j.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The workload the launcher runs once after a build to make the Java 25 AOT cache: common
 * read-only commands and usage errors, so that their classes are loaded and linked ahead
 * of time. It changes nothing on the machine.
 */
final class AotTraining {
    private AotTraining() {
    }

    /**
     * Runs the training: {@code quick} for the cache of the everyday read commands and
     * {@code netns exec} (the launcher's {@code target/netns4j-quick.aot}), anything else for
     * the cache of every other command ({@code target/netns4j.aot}).
     */
    public static void main(String[] args) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        if (args.length > 0 && args[0].equals("quick")) {
            trainQuick(sink);
            return;
        }
        List<List<String>> commands = List.of(
                List.of("netns", "list"), List.of("-j", "netns", "list"), List.of("-j", "-p", "netns", "list"),
                List.of("netns", "list-id"), List.of("netns", "identify"), List.of("netns", "help"),
                List.of("netns", "add", "a/b"), List.of("nosuchobject"), List.of("-V"));
        for (int round = 0; round < 3; round++) {
            for (List<String> c : commands) {
                Main.run(c, sink, sink);
            }
            trainLabs(sink);
        }
        if (isRoot()) {
            trainLabBuild(sink);
            trainBatch(sink);
        }
    }

    /**
     * As root only: a {@code -batch} of the lines a star topology is made of (a namespace, a
     * bridge, a veth into it with the peer in a second namespace, an address, links up), so
     * that {@code -batch}'s own classes and lambdas are in the cache too. The namespaces are
     * {@code netns4j-aot-PID-b*}: the batch deletes them, and so does the end in any case.
     */
    private static void trainBatch(PrintStream sink) {
        String a = "netns4j-aot-" + ProcessHandle.current().pid() + "-ba";
        String b = "netns4j-aot-" + ProcessHandle.current().pid() + "-bb";
        java.nio.file.Path file = null;
        try {
            file = java.nio.file.Files.createTempFile("netns4j-aot-", ".batch");
            java.nio.file.Files.writeString(file, String.join("\n", "netns add " + a, "-n " + a + " link set lo up",
                    "-n " + a + " link add br0 up type bridge", "netns add " + b,
                    "-n " + a + " link add v1 up master br0 type veth peer name eth0 netns " + b,
                    "-n " + b + " address add 10.9.1.1/24 dev eth0", "-n " + b + " link set eth0 up",
                    "-n " + b + " link set lo up", "-n " + a + " -j link show", "netns delete " + b,
                    "netns delete " + a) + "\n");
            Main.run(List.of("-batch", file.toString()), sink, sink);
        } catch (java.io.IOException | RuntimeException e) {
            sink.println("AOT batch training skipped: " + e.getMessage());
        } finally {
            io.netns4j.NetnsRegistry registry = io.netns4j.NetnsRegistry.system();
            for (String name : List.of(b, a)) {
                try {
                    registry.deleteIfExists(name);
                } catch (Exception e) {
                    System.err.println("netns4j AOT training: could not delete namespace " + name + ": "
                            + e.getMessage());
                }
            }
            if (file != null) {
                try {
                    java.nio.file.Files.deleteIfExists(file);
                } catch (java.io.IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    /**
     * The commands the launcher runs with the quick cache (its {@code quick_command}): fewer
     * classes to map at start than the full cache holds. As root, in a temporary namespace
     * {@code netns4j-aot-PID-N} (deleted in any case): the read commands, and {@code netns exec}
     * of a program that does not exist, which enters the namespace as a real exec does and
     * then fails at {@code execvpe} with nothing run.
     */
    private static void trainQuick(PrintStream sink) {
        List<List<String>> commands = List.of(List.of("-V"), List.of("netns", "list"), List.of("-j", "netns", "list"),
                List.of("netns", "list-id"), List.of("netns", "identify"), List.of("netns", "exec"),
                List.of("link", "show", "nosuchdevice0"));
        for (int round = 0; round < 3; round++) {
            for (List<String> c : commands) {
                Main.run(c, sink, sink);
            }
        }
        if (!isRoot()) {
            return;
        }
        io.netns4j.NetnsRegistry registry = io.netns4j.NetnsRegistry.system();
        try (io.netns4j.Netns ns = registry.createTemporary("netns4j-aot-")) {
            String name = ns.name().orElseThrow();
            for (int round = 0; round < 3; round++) {
                for (List<String> c : List.of(List.of("link", "show"), List.of("-j", "link", "show"),
                        List.of("address", "show"), List.of("-j", "address", "show"), List.of("route", "show"),
                        List.of("-6", "route", "show"))) {
                    List<String> line = new java.util.ArrayList<>(List.of("-n", name));
                    line.addAll(c);
                    Main.run(line, sink, sink);
                }
                Main.runAsWholeProcess(List.of("netns", "exec", name, "/nonexistent/netns4j-aot-training"), sink, sink);
            }
        } catch (Exception e) {
            sink.println("AOT namespace training skipped: " + e.getMessage());
        }
    }

    /** Reads, checks and plans a small lab (YAML, addressing, routes, plan), as {@code lab up} does before its first system call. */
    private static void trainLabs(PrintStream sink) {
        StringBuilder yaml = new StringBuilder("name: aot\ndefaults:\n  pools: {ipv4: 10.9.0.0/16, ipv6: 'fd00:9::/48'}\n"
                + "  hosts: true\nnodes:\n  sw: {kind: bridge}\n  r:\n    kind: router\n    firewall:\n"
                + "      iptables: ['-P FORWARD DROP', '-A FORWARD -p tcp --dport 80 -j ACCEPT']\n");
        StringBuilder links = new StringBuilder("links:\n  - endpoints: ['r:eth1', 'sw:p0']\n");
        for (int i = 1; i <= 8; i++) {
            yaml.append("  h").append(i).append(": {}\n");
            links.append("  - endpoints: [{endpoint: 'h").append(i).append(":eth0', mtu: 1400}, 'sw:p").append(i)
                    .append("']\n");
        }
        try {
            io.netns4j.lab.model.Topology t = io.netns4j.lab.file.TopologyFile.parse("aot.yaml", yaml.append(links).toString());
            sink.print(io.netns4j.lab.plan.Plan.of(t));
        } catch (io.netns4j.lab.file.TopologyException e) {
            throw new IllegalStateException("the AOT training lab is invalid: " + e.getMessage(), e);
        }
        Main.run(List.of("lab", "check", "no/such/file.yaml"), sink, sink);
    }

    private static boolean isRoot() {
        try {
            return "0".equals(String.valueOf(java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"),
                    "unix:uid")));
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * As root only: brings a 4-node lab up and down once, so that the classes and code of
     * building and removing labs (netlink requests, namespace workers, nftables) are in the
     * cache too; this is most of {@code lab up}'s own time on a small lab. The lab is named
     * {@code netns4j-aot-PID}, its lock and hosts files go to a temporary directory, and it is
     * removed in any case; no address of it reaches outside its namespaces.
     */
    private static void trainLabBuild(PrintStream sink) {
        String name = "netns4j-aot-" + ProcessHandle.current().pid();
        String yaml = "name: " + name + "\ndefaults:\n  pools: {ipv4: 10.9.0.0/24}\n  hosts: true\nnodes:\n"
                + "  sw: {kind: bridge}\n  r:\n    kind: router\n    firewall:\n"
                + "      iptables: ['-A FORWARD -p tcp --dport 80 -j ACCEPT']\n  a: {}\n  b: {}\n"
                + "links:\n  - endpoints: ['r:eth1', 'sw:p0']\n  - endpoints: ['a:eth0', 'sw:p1']\n"
                + "  - endpoints: ['b:eth0', 'sw:p2']\n";
        java.nio.file.Path dir = null;
        io.netns4j.NetnsRegistry registry = io.netns4j.NetnsRegistry.system();
        io.netns4j.lab.Lab.Options options = io.netns4j.lab.Lab.Options.defaults();
        try {
            dir = java.nio.file.Files.createTempDirectory("netns4j-aot-");
            options = options.withLockDirectory(dir).withEtcNetns(dir);
            io.netns4j.lab.Lab.up(io.netns4j.lab.file.TopologyFile.parse("aot.yaml", yaml), registry, options);
            io.netns4j.lab.Lab.show(name, registry);
            for (int round = 0; round < 3; round++) { // enters the node as lab exec does; the program does not exist
                Main.runAsWholeProcess(List.of("lab", "exec", name, "a", "/nonexistent/netns4j-aot-training"), sink, sink);
                Main.run(List.of("lab", "list"), sink, sink);
            }
        } catch (Exception e) {
            sink.println("AOT lab training skipped: " + e.getMessage());
        } finally {
            try {
                io.netns4j.lab.Lab.down(name, registry, options);
            } catch (Exception e) {
                System.err.println("netns4j AOT training: could not remove lab " + name + ": " + e.getMessage());
            }
            if (dir != null) {
                try (var files = java.nio.file.Files.walk(dir)) {
                    for (java.nio.file.Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.deleteIfExists(p);
                    }
                } catch (java.io.IOException ignored) {
                    // a temporary directory
                }
            }
        }
    }
}
