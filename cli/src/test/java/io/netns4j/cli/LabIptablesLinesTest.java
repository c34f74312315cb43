package io.netns4j.cli;

import io.netns4j.NetnsRegistry;
import io.netns4j.lab.Lab;
import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lab up} checks a lab's {@code firewall.iptables} lines with the library's parser
 * before anything is created: a bad line, or one that changes nothing ({@code -L}), is a
 * usage error (exit 2) that names the line, the namespace and the library's message. No root:
 * nothing is created.
 */
class LabIptablesLinesTest {
    private static CliRun up(String name, String line) throws Exception {
        String seed = Files.readString(Path.of("examples/seed/lab.yaml")).replace("name: seed", "name: " + name);
        String lab = seed.replace("        - -A INPUT -i veth1 -p tcp --dport 80 -j ACCEPT", "        - \"" + line + "\"");
        Path file = Files.createTempFile(TestNames.PREFIX, ".yaml");
        try {
            Files.writeString(file, lab);
            return CliRun.of("lab", "up", file.toString());
        } finally {
            Files.delete(file);
            if (NetnsRegistry.system().names().stream().anyMatch(n -> n.startsWith(name + "-"))) {
                Lab.down(name, NetnsRegistry.system()); // only if the check failed to stop "up"
            }
        }
    }

    @Test
    void badAndReadOnlyLinesAreRefusedBeforeAnythingIsCreated() throws Exception {
        String name = TestNames.unique("iptlab");
        CliRun bad = up(name, "-A INPUT -p tcp --tcp-option 2 -j ACCEPT");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().matches("(?s).*\\.yaml:12:11: iptables line \"-A INPUT -p tcp --tcp-option 2 -j ACCEPT\": iptables: option"
                + " \"--tcp-option\" is not supported by netns4j's iptables; supported: .*\n1 problem\\(s\\) in .*; nothing was"
                + " changed\\.\n"), bad.err());
        CliRun listing = up(name, "-L INPUT");
        assertEquals(2, listing.exit(), listing.err());
        assertTrue(listing.err().contains(".yaml:12:11: iptables line \"-L INPUT\": -L changes nothing (a lab's"
                + " firewall lines use -A, -I, -R, -D, -F, -Z, -N, -X or -P)"), listing.err());
    }
}
