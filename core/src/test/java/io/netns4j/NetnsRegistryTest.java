package io.netns4j;

import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NamespaceNotReadyException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.sys.LibC;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NetnsRegistry} against the real kernel: the on-disk contract of {@code ip netns}. */
@RequiresRoot
class NetnsRegistryTest {
    private final Scratch scratch = new Scratch();
    private final NetnsRegistry system = NetnsRegistry.system();

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    @Test
    void addMountsAFreshNamespaceOnItsFile() throws Exception {
        String name = scratch.name("add");
        try (Netns ns = system.add(name); Netns again = system.open(name); Netns here = Netns.current()) {
            assertEquals(ns.id(), again.id());
            assertNotEquals(here.id(), ns.id(), "a new namespace, not ours");
            assertEquals(LibC.NSFS_MAGIC, nsfsType(system.directory().resolve(name)));
            assertTrue(system.names().contains(name));
            assertTrue(system.isReady(name));
        }
        try (Netns here = Netns.current()) {
            assertEquals(here.id(), Netns.current().id(), "the caller's namespace never changes");
        }
    }

    private static long nsfsType(Path p) throws Exception {
        int fd = LibC.open(p.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        try {
            return LibC.fstatfsType(fd);
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void addingAnExistingNameFailsAndLeavesTheOriginal() throws Exception {
        String name = scratch.name("dup");
        try (Netns first = system.add(name)) {
            AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> system.add(name));
            assertTrue(e.getMessage().contains("File exists"), e.getMessage());
            try (Netns still = system.open(name)) {
                assertEquals(first.id(), still.id());
            }
        }
    }

    @Test
    void invalidNamesAreRejectedBeforeAnySystemCall() throws Exception {
        List<String> before = system.names();
        for (String bad : List.of("", ".", "..", "a/b", "x".repeat(256))) {
            assertThrows(IllegalArgumentException.class, () -> system.add(bad), bad);
        }
        assertEquals(before, system.names());
    }

    @Test
    void aFileWithoutAMountIsReportedNotReady() throws Exception {
        NetnsRegistry r = NetnsRegistry.at(scratch.runDirectory());
        Files.createFile(r.directory().resolve("half-made"));
        assertThrows(NamespaceNotReadyException.class, () -> r.open("half-made"));
        assertFalse(r.isReady("half-made"));
    }

    @Test
    void deleteRemovesTheNameAndUnknownNamesAreNotFound() throws Exception {
        String name = scratch.name("del");
        system.add(name).close();
        system.delete(name);
        assertFalse(Files.exists(system.directory().resolve(name)));
        NotFoundException e = assertThrows(NotFoundException.class, () -> system.delete(name));
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        assertThrows(NotFoundException.class, () -> system.open(name));
    }

    @Test
    void attachNamesAProcessNamespaceAndIdentifyFindsBothNames() throws Exception {
        String name = scratch.name("orig");
        String alias = scratch.name("alias");
        system.add(name).close();
        Process sleeper = scratch.start("ip", "netns", "exec", name, "sleep", "60");
        Scratch.awaitNamespace(sleeper.pid(), name);
        try (Netns attached = system.attach(alias, sleeper.pid()); Netns orig = system.open(name)) {
            assertEquals(orig.id(), attached.id());
        }
        assertEquals(List.of(name, alias).stream().sorted().toList(),
                system.identify(sleeper.pid()).stream().sorted().toList());
        assertTrue(system.pids(name).contains(sleeper.pid()));
        assertTrue(system.identify(ProcessHandle.current().pid()).stream().noneMatch(n -> n.equals(name)));
    }

    @Test
    void attachToAMissingProcessLeavesNoFile() throws Exception {
        String name = scratch.name("nopid");
        long missing = 4_000_000L; // above the default pid_max
        assertThrows(NotFoundException.class, () -> system.attach(name, missing));
        assertFalse(Files.exists(system.directory().resolve(name)));
    }

    @Test
    void peerIdsCanBeSetListedAndLookedUp() throws Exception {
        String a = scratch.name("ida");
        String b = scratch.name("idb");
        try (Netns nsA = system.add(a); Netns nsB = system.add(b)) {
            assertTrue(nsA.peers().idOf(nsB).isEmpty());
            assertEquals(7, nsA.peers().assign(nsB, 7));
            assertEquals(7, nsA.peers().idOf(nsB).getAsInt());
            AlreadyExistsException taken = assertThrows(AlreadyExistsException.class, () -> nsA.peers().assign(nsB, 8));
            assertTrue(taken.getMessage().startsWith("Error: "), taken.getMessage());
            assertTrue(taken.kernelMessage() != null && !taken.kernelMessage().isBlank());
            List<PeerId> ids = nsA.peers().listNamed(system);
            assertTrue(ids.contains(new PeerId(7, null, b)), ids.toString());
            assertEquals(java.util.Optional.of(new PeerId(7, null, b)), nsA.peers().lookupNamed(system, 7));
            assertEquals(java.util.Optional.empty(), nsA.peers().lookupNamed(system, 9));
            assertThrows(IllegalArgumentException.class, () -> nsA.peers().assign(nsB, -1));
            // the handle's own forms: no names, no nullable arguments
            assertTrue(nsA.peers().list().contains(new PeerId(7, null, null)), nsA.peers().list().toString());
            assertEquals(java.util.Optional.of(new PeerId(7, null, null)), nsA.peers().lookup(7));
            assertEquals(java.util.Optional.empty(), nsA.peers().lookup(9));
            assertThrows(IllegalArgumentException.class, () -> nsA.peers().lookup(-1));
            assertThrows(IllegalArgumentException.class, () -> nsA.peers().list(-1));
        }
    }

    @Test
    void monitorReportsAddAndDelete() throws Exception {
        NetnsRegistry r = NetnsRegistry.at(scratch.runDirectory());
        r.add("first").close(); // makes the directory a mount point before watching it
        try (NetnsMonitor m = r.monitor()) {
            r.add("second").close();
            r.delete("second");
            assertEquals(new NetnsEvent(NetnsEvent.Kind.ADD, "second"), m.next(Duration.ofSeconds(5)).orElseThrow());
            assertEquals(new NetnsEvent(NetnsEvent.Kind.DELETE, "second"), m.next(Duration.ofSeconds(5)).orElseThrow());
            assertTrue(m.next(Duration.ofMillis(100)).isEmpty());
        }
    }

    @Test
    void aPrivateRunDirectoryBecomesOneSharedMount() throws Exception {
        Path dir = scratch.runDirectory();
        NetnsRegistry r = NetnsRegistry.at(dir);
        r.add("one").close();
        NetnsRegistry.at(dir).add("two").close(); // a second registry object prepares again
        assertEquals(1, Scratch.mountsOn(dir));
        String real = dir.toRealPath().toString();
        assertTrue(Files.readString(Path.of("/proc/self/mountinfo")).lines()
                .filter(l -> l.split(" ")[4].equals(real))
                .allMatch(l -> l.contains("shared:")), "the run directory is a shared mount");
    }

    @Test
    void openPathRefusesANamespaceOfAnotherKind() throws Exception {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> Netns.openPath(Path.of("/proc/self/ns/uts")));
        assertTrue(e.getMessage().contains("is a UTS namespace, not a network namespace"), e.getMessage());
        assertThrows(InvalidRequestException.class, () -> Netns.openPath(Path.of("/proc/self/ns/mnt")));
        try (Netns own = Netns.openPath(Path.of("/proc/self/ns/net")); Netns current = Netns.current()) {
            assertEquals(current.id(), own.id());
        }
    }
}
