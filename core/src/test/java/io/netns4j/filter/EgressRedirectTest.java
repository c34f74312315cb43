package io.netns4j.filter;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.link.LinkRequest;
import io.netns4j.link.PacketSocket;
import io.netns4j.link.TapDevice;
import io.netns4j.link.Veth;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pieces of the userspace impairment engine against the kernel, in one test namespace with a
 * veth pair v0/v1: a clsact qdisc and a match-all mirred redirect take v0's egress into a tap
 * whose descriptor the test holds (tc shows the filter as we read it back); a packet socket on
 * v0 with the qdisc bypass sends past that hook, so the frame reaches v1 and not the tap again.
 */
@RequiresRoot
class EgressRedirectTest {
    private final Scratch scratch = new Scratch();
    private String name;
    private Netns ns;

    @BeforeEach
    void namespace() throws Exception {
        name = scratch.name("redirect");
        ns = NetnsRegistry.system().add(name);
        ns.links().add(LinkRequest.create("v0", Veth.peer("v1")).withUp());
        ns.links().set(LinkRequest.change("v1").withUp());
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
        scratch.close();
    }

    /** A broadcast frame of EtherType 0x88b5 (local experimental) carrying {@code marker}. */
    private static int frame(MemorySegment buf, int marker) {
        for (int i = 0; i < 6; i++) {
            buf.set(ValueLayout.JAVA_BYTE, i, (byte) 0xff);
            buf.set(ValueLayout.JAVA_BYTE, 6 + i, (byte) (i == 0 ? 0x02 : i));
        }
        buf.set(ValueLayout.JAVA_BYTE, 12, (byte) 0x88);
        buf.set(ValueLayout.JAVA_BYTE, 13, (byte) 0xb5);
        buf.set(ValueLayout.JAVA_INT_UNALIGNED, 14, marker);
        return 60;
    }

    /** The marker of the next 0x88b5 frame within {@code millis}, or -1. */
    private static int marker(MemorySegment buf, java.util.function.IntSupplier receive, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            int n = receive.getAsInt();
            if (n >= 18 && buf.get(ValueLayout.JAVA_BYTE, 12) == (byte) 0x88 && buf.get(ValueLayout.JAVA_BYTE, 13) == (byte) 0xb5) {
                return buf.get(ValueLayout.JAVA_INT_UNALIGNED, 14);
            }
        }
        return -1;
    }

    @Test
    void egressGoesToTheTapAndTheBypassSocketSendsPastIt() throws Exception {
        try (Arena arena = Arena.ofConfined();
             TapDevice tap = ns.links().openTap("imp-v0");
             PacketSocket out = ns.links().openPacketSocket("v0", PacketSocket.SEND_ONLY, true);
             PacketSocket plain = ns.links().openPacketSocket("v0", PacketSocket.SEND_ONLY, false);
             PacketSocket v1 = ns.links().openPacketSocket("v1", PacketSocket.ETH_P_ALL, false)) {
            ns.links().set(LinkRequest.change("imp-v0").withUp());
            ns.qdiscs().addClsact("v0");
            ns.filters().addEgressRedirect("v0", "imp-v0");

            int tapIndex = ns.links().get("imp-v0").index();
            var filters = ns.filters().egress("v0");
            assertEquals(tapIndex, filters.stream().mapToInt(TcFilter::redirectTarget).max().orElse(0), filters.toString());
            String shown = Ip.run(Map.of(), "tc", "-n", name, "filter", "show", "dev", "v0", "egress").ok().out();
            assertTrue(shown.contains("Egress Redirect to device imp-v0"), shown);

            MemorySegment buf = arena.allocate(2048);
            MemorySegment in = arena.allocate(2048);
            assertTrue(plain.send(buf, frame(buf, 1)));               // through v0's tc egress: stolen into the tap
            assertEquals(1, marker(in, () -> read(tap, in), 2000));
            assertTrue(out.send(buf, frame(buf, 2)));                 // past the hook: on the wire to v1
            assertEquals(2, marker(in, () -> receive(v1, in), 2000));

            ns.qdiscs().deleteClsact("v0");
            assertTrue(ns.filters().egress("v0").isEmpty());
            assertTrue(plain.send(buf, frame(buf, 3)));               // no hook now: straight to v1
            assertEquals(3, marker(in, () -> receive(v1, in), 2000));
            assertEquals(-1, marker(in, () -> read(tap, in), 200));
        }
        assertFalse(ns.links().get("imp-v0").name().isEmpty(), "the tap is persistent");
        ns.links().delete("imp-v0");
    }

    @Test
    void closeEndsABlockedReadAndIsIdempotent() throws Exception {
        TapDevice tap = ns.links().openTap("imp-v0");
        Thread reader = Thread.ofPlatform().start(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(2048);
                while (tap.read(buf, 50) >= 0 || !tap.isClosed()) {
                    Thread.onSpinWait();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Thread.sleep(100);
        tap.close();
        tap.close();
        reader.join(2000);
        assertFalse(reader.isAlive());
        ns.links().delete("imp-v0");
    }

    private static int read(TapDevice tap, MemorySegment buf) {
        try {
            return tap.read(buf, 50);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int receive(PacketSocket s, MemorySegment buf) {
        try {
            return s.receive(buf, 50);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
