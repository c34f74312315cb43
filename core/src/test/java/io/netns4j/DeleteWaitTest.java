package io.netns4j;

import io.netns4j.error.BusyException;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code delete --wait}: returns only once the kernel has torn the namespace down. */
@RequiresRoot
class DeleteWaitTest {
    private final Scratch scratch = new Scratch();
    private final NetnsRegistry system = NetnsRegistry.system();

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    @Test
    void aNamespaceMadeByNetns4jHoldsNoExtraReference() throws Exception {
        String name = scratch.name("free");
        system.add(name).close();
        system.delete(name, Duration.ofSeconds(20)); // throws if the kernel never frees it
        scratch.forget(name);
    }

    @Test
    void waitsUntilTheVethPeerInAnotherNamespaceIsGone() throws Exception {
        String a = scratch.name("wa");
        String b = scratch.name("wb");
        system.add(a).close();
        system.add(b).close();
        ip("-n", a, "link", "add", "v0", "type", "veth", "peer", "name", "v1", "netns", b).ok();
        ip("-n", b, "link", "show", "v1").ok();
        system.delete(a, Duration.ofSeconds(20));
        scratch.forget(a);
        assertNotEquals(0, ip("-n", b, "link", "show", "v1").exit(), "the peer must be gone when delete returns");
        ip("-n", b, "link", "add", "v1", "type", "veth", "peer", "name", "v2").ok(); // the name is free again
    }

    @Test
    void aHeldNamespaceTimesOutNamingTheProcess() throws Exception {
        String name = scratch.name("held");
        system.add(name).close();
        Process sleeper = scratch.start("ip", "netns", "exec", name, "sleep", "60");
        Scratch.awaitNamespace(sleeper.pid(), name);
        BusyException e = assertThrows(BusyException.class, () -> system.delete(name, Duration.ofMillis(300)));
        scratch.forget(name);
        assertTrue(e.getMessage().contains(Long.toString(sleeper.pid())), e.getMessage());
        assertEquals(false, system.names().contains(name), "the name is removed even when the wait times out");
    }
}
