package io.netns4j.lab;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.AlreadyExistsException;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.plan.ReconcileTest;
import io.netns4j.lab.plan.Step;
import io.netns4j.lab.runtime.LabState;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Tcp;
import io.netns4j.types.InetText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second {@link Lab#up} on a running lab: unchanged file, nothing done; an edited file (a
 * node added, a link removed, an address changed), exactly that done, as {@link Lab#plan}
 * said beforehand; the kernel's state checked afterwards.
 */
@RequiresRoot
class LabReconcileTest {
    private TestLab fixture;
    private NetnsRegistry registry;
    private String lab;
    private Path lockDir;
    private Lab.Options options;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new TestLab("rec");
        registry = fixture.registry;
        lab = fixture.name;
        lockDir = fixture.lockDirectory;
        options = fixture.options;
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close(); // checks that down left no namespace, state or lock file
    }

    private Topology topology(String text) throws Exception {
        return fixture.topology(text);
    }

    private List<String> addresses(String node, String device) throws Exception {
        try (Netns n = registry.open(lab + "-" + node)) {
            int index = n.links().get(device).index();
            return n.addresses().list().stream().filter(a -> a.index() == index && !a.local().isLinkLocalAddress())
                    .map(a -> InetText.format(a.local()) + "/" + a.prefixLength()).toList();
        }
    }

    private boolean hasLink(String node, String device) throws Exception {
        try (Netns n = registry.open(lab + "-" + node)) {
            return n.links().list().stream().anyMatch(l -> l.name().equals(device));
        }
    }

    @Test
    void upTwiceChangesNothingAndEditsChangeExactlyWhatWasEdited() throws Exception {
        Topology base = topology(ReconcileTest.BASE);
        Lab.Started first = Lab.up(base, registry, options);
        assertFalse(first.updated());
        assertEquals(3, first.namespaces().size());
        int gwIndex;
        try (Netns gw = registry.open(lab + "-gw")) {
            gwIndex = gw.links().get("eth1").index();
        }

        Lab.Started again = Lab.up(base, registry, options);
        assertTrue(again.updated());
        assertEquals(List.of(), again.steps(), "nothing to do the second time");
        assertEquals(List.of(), Lab.plan(base, registry, options).plan().steps());

        String edited = ReconcileTest.BASE.replace("  gw:\n", "  c: {}\n  gw:\n")
                .replace("10.0.1.2/24", "10.0.1.5/24");
        edited = edited.substring(0, edited.indexOf("  - endpoints:\n      - {endpoint: \"b:eth1\"")) + """
                  - endpoints:
                      - {endpoint: "c:eth1", addresses: [10.0.3.2/24]}
                      - {endpoint: "gw:eth3", addresses: [10.0.3.1/24]}
                """;
        Topology next = topology(edited);
        List<Step> planned = Lab.plan(next, registry, options).plan().steps();
        Lab.Started changed = Lab.up(next, registry, options);
        assertEquals(planned, changed.steps(), "up does what --dry-run showed");
        assertEquals(List.of(lab + "-c"), changed.namespaces(), "only the new node's namespace is created");

        assertEquals(List.of("10.0.1.5/24"), addresses("a", "eth1"));
        assertFalse(hasLink("b", "eth1"), "b's link is gone");
        assertFalse(hasLink("gw", "eth2"), "and its peer on gw");
        assertTrue(hasLink("gw", "eth3"));
        try (Netns gw = registry.open(lab + "-gw")) {
            assertEquals(gwIndex, gw.links().get("eth1").index(), "the untouched link was not recreated");
        }
        try (Netns a = registry.open(lab + "-a"); Netns c = registry.open(lab + "-c")) {
            // a's default route survived its address change (rewritten with route replace)
            assertEquals(InetAddress.getByName("10.0.1.5"), Tcp.exchange(c, "10.0.3.2", a, 9100));
        }
        assertEquals(List.of(), Lab.up(next, registry, options).steps(), "and now it is up to date");
    }

    @Test
    void aRunningLabWithoutStateIsNotUpdated() throws Exception {
        Topology base = topology(ReconcileTest.BASE);
        Lab.up(base, registry, options);
        Files.delete(LabState.file(lockDir, lab));
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> Lab.up(base, registry, options));
        assertTrue(e.getMessage().contains("no state to update it from"), e.getMessage());
    }

    @Test
    void aForeignNamespaceWithANodesNameIsNeverTakenOver() throws Exception {
        Topology base = topology(ReconcileTest.BASE);
        try (Netns foreign = registry.add(lab + "-b")) {
            AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> Lab.up(base, registry, options));
            assertTrue(e.getMessage().contains("is not lab"), e.getMessage());
            assertEquals(List.of(lab + "-b"), registry.names().stream().filter(n -> n.startsWith(lab + "-")).toList(),
                    "nothing was created");
        } finally {
            registry.delete(lab + "-b");
        }
    }

    @Test
    void anEmptyNamespaceFileLeftByACrashIsRemovedByDown() throws Exception {
        Path stale = registry.directory().resolve(lab + "-a");
        Files.createDirectories(registry.directory());
        Files.createFile(stale);
        Lab.Removed r = Lab.down(lab, registry, options);
        assertEquals(List.of(stale), r.files());
        assertFalse(Files.exists(stale));
    }
}
