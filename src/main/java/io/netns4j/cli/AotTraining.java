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

    public static void main(String[] args) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
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
            io.netns4j.lab.Topology t = io.netns4j.lab.TopologyFile.parse("aot.yaml", yaml.append(links).toString());
            sink.print(io.netns4j.lab.Plan.of(t));
        } catch (io.netns4j.lab.TopologyException e) {
            throw new IllegalStateException("the AOT training lab is invalid: " + e.getMessage(), e);
        }
        Main.run(List.of("lab", "check", "no/such/file.yaml"), sink, sink);
    }
}
