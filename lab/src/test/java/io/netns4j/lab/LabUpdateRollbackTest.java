package io.netns4j.lab;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.runtime.LabState;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.types.InetText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's second defect: an update of a running lab that cannot be done. A sysctl key the
 * kernel lacks is refused before anything changes; a step that fails late (an iptables jump to
 * a chain that does not exist, which only the kernel sees) rolls the lab back to the file it
 * was built from. Either way the old state stays, and a later {@code lab up} of either file
 * does what it says (before, the old address and default route were gone and every later
 * {@code lab up} failed or said "nothing changed").
 */
@RequiresRoot
class LabUpdateRollbackTest {
    private static final String OLD = """
            name: r
            nodes:
              host: {}
              client:
                routes:
                  - default via 10.211.1.1
            links:
              - endpoints:
                  - endpoint: host:veth0
                    addresses: [10.211.1.1/24]
                  - endpoint: client:veth1
                    addresses: [10.211.1.2/24]
            """;
    private TestLab fixture;
    private NetnsRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new TestLab("rbk");
        registry = fixture.registry;
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private Topology file(String text) throws Exception {
        return fixture.topology(text);
    }

    private List<String> client() throws Exception {
        try (Netns n = registry.open(fixture.namespace("client"))) {
            int index = n.links().get("veth1").index();
            List<String> out = new java.util.ArrayList<>(n.addresses().list().stream()
                    .filter(a -> a.index() == index && !a.local().isLinkLocalAddress())
                    .map(a -> InetText.format(a.local()) + "/" + a.prefixLength()).toList());
            n.routes().list().stream().filter(r -> r.destination().length() == 0 && r.gateway() != null)
                    .forEach(r -> out.add("default via " + InetText.format(r.gateway())));
            return out;
        }
    }

    private void assertOldState(String when) throws Exception {
        assertEquals(List.of("10.211.1.2/24", "default via 10.211.1.1"), client(), when);
        assertEquals(OLD.replace("name: r\n", "name: " + fixture.name + "\n"),
                Files.readString(LabState.file(fixture.lockDirectory, fixture.name)), when + ": the state file");
        assertFalse(Files.exists(LabState.pendingFile(fixture.lockDirectory, fixture.name)), when + ": pending file");
    }

    @Test
    void aMissingSysctlIsRefusedBeforeAnythingChanges() throws Exception {
        Lab.up(file(OLD), registry, fixture.options);
        Topology bad = file(OLD.replace("10.211.1.2/24", "10.211.1.3/24").replace("  client:\n",
                "  client:\n    sysctls:\n      net.ipv4.no_such_key: 1\n"));
        Topology refused = bad;
        NetnsException e = assertThrows(NetnsException.class, () -> Lab.up(refused, registry, fixture.options));
        assertTrue(e.getMessage().contains("no sysctl \"net.ipv4.no_such_key\"") && e.getMessage()
                .contains("nothing was changed"), e.getMessage());
        assertOldState("after the refused update");
        assertTrue(Lab.up(file(OLD), registry, fixture.options).steps().isEmpty(), "the old file: up to date");
        Lab.up(file(OLD.replace("10.211.1.2/24", "10.211.1.3/24")), registry, fixture.options);
        assertEquals(List.of("10.211.1.3/24", "default via 10.211.1.1"), client(), "the fixed file applies");
    }

    @Test
    void aStepThatFailsLateRollsTheLabBack() throws Exception {
        Lab.up(file(OLD), registry, fixture.options);
        Topology bad = file(OLD.replace("10.211.1.2/24", "10.211.1.3/24").replace("  client:\n",
                "  client:\n    firewall:\n      iptables:\n        - -A INPUT -p tcp --dport 22 -j ACCEPT\n"
                        + "        - -A INPUT -j nosuchchain\n"));
        LabException e = assertThrows(LabException.class, () -> Lab.up(bad, registry, fixture.options));
        assertTrue(e.getMessage().contains("rolled back"), e.getMessage());
        assertOldState("after the failed update");
        try (Netns n = registry.open(fixture.namespace("client"))) {
            assertTrue(n.firewall().read().tables().isEmpty(), "the firewall rules of the failed update are gone");
        }
        assertTrue(Lab.up(file(OLD), registry, fixture.options).steps().isEmpty(), "the old file: up to date");
        Lab.up(file(OLD.replace("10.211.1.2/24", "10.211.1.3/24")), registry, fixture.options);
        assertEquals(List.of("10.211.1.3/24", "default via 10.211.1.1"), client(), "the fixed file applies");
        Lab.up(file(OLD), registry, fixture.options);
        assertEquals(List.of("10.211.1.2/24", "default via 10.211.1.1"), client(), "and back");
    }

    @Test
    void anUnfinishedUpdateIsRolledBackByTheNextUp() throws Exception {
        Lab.up(file(OLD), registry, fixture.options);
        Topology next = file(OLD.replace("10.211.1.2/24", "10.211.1.3/24"));
        // what a lab up killed after its first step leaves: the pending file, the old address gone
        LabState.writePending(fixture.lockDirectory, next);
        try (Netns n = registry.open(fixture.namespace("client"))) {
            n.addresses().delete(io.netns4j.address.AddressRequest.of("veth1", "10.211.1.2/24"));
        }
        Lab.Started again = Lab.up(file(OLD), registry, fixture.options);
        assertOldState("after up of the old file");
        assertTrue(again.steps().isEmpty(), "rolled back first, then nothing to change");
        LabState.writePending(fixture.lockDirectory, next);
        try (Netns n = registry.open(fixture.namespace("client"))) {
            n.addresses().delete(io.netns4j.address.AddressRequest.of("veth1", "10.211.1.2/24"));
        }
        Lab.up(next, registry, fixture.options);
        assertEquals(List.of("10.211.1.3/24", "default via 10.211.1.1"), client(), "the new file after the interruption");
    }

    @Test
    void anEmptyFileLeftByAKilledUpIsRemovedNotTakenForAForeignNamespace() throws Exception {
        Lab.up(file(OLD), registry, fixture.options);
        Topology next = file(OLD.replace("nodes:\n", "nodes:\n  extra: {}\n"));
        java.nio.file.Path extra = registry.directory().resolve(fixture.namespace("extra"));
        // what a lab up killed between creating a namespace's file and mounting on it leaves
        LabState.writePending(fixture.lockDirectory, next);
        Files.createFile(extra);
        assertTrue(Lab.up(file(OLD), registry, fixture.options).steps().isEmpty(), "rolled back, nothing to change");
        assertFalse(Files.exists(extra), "the roll-back removed the empty file");
        assertOldState("after the roll-back");

        Files.createFile(extra);
        assertTrue(Lab.plan(next, registry, fixture.options).plan().steps().stream()
                .anyMatch(st -> st instanceof io.netns4j.lab.plan.Step.AddNamespace a
                        && a.namespace().equals(fixture.namespace("extra"))), "a dry run counts it as absent");
        assertTrue(Files.exists(extra), "a dry run changes nothing");
        Lab.up(next, registry, fixture.options);
        assertTrue(io.netns4j.lab.runtime.LabMarks.owned(registry, fixture.name).contains(fixture.namespace("extra")),
                "a marked namespace of the lab now");
    }
}
