package io.netns4j.cli;

import io.netns4j.NetnsRegistry;
import io.netns4j.lab.Lab;
import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        CliRun bad = up(name, "-A INPUT -p tcp --syn -j ACCEPT");
        assertEquals(2, bad.exit(), bad.err());
        assertEquals("Firewall line \"-A INPUT -p tcp --syn -j ACCEPT\" for " + name + "-example_ns: iptables: option"
                + " \"--syn\" is not supported by netns4j's iptables; supported: "
                + io.netns4j.firewall.IptablesCommandLine.supportedRuleOptions() + "; nothing was changed.\n", bad.err());
        CliRun listing = up(name, "-L INPUT");
        assertEquals(2, listing.exit(), listing.err());
        assertEquals("Firewall line \"-L INPUT\" for " + name + "-example_ns: iptables -L changes nothing; a lab's"
                + " firewall lines use -A, -I, -R, -D, -F, -Z, -N, -X or -P; nothing was changed.\n", listing.err());
    }
}
