package io.netns4j.qdisc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.AlreadyExistsException;
import io.netns4j.error.NotSupportedException;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link Qdiscs}' netem verbs against the kernel, with tc as the oracle: the probe agrees with
 * what tc gets, a kernel without netem is reported as such and left unchanged, tbf takes
 * handles. The netem round trip runs only where the kernel has netem (skipped with the reason
 * otherwise, as on the machine these were written on).
 */
@RequiresRoot
class QdiscsNetemTest {
    private final Scratch scratch = new Scratch();
    private final ObjectMapper json = new ObjectMapper();
    private String name;
    private Netns ns;

    @BeforeEach
    void namespace() throws Exception {
        name = scratch.name("netem");
        ns = NetnsRegistry.system().add(name);
        ip("-n", name, "link", "add", "v0", "up", "type", "veth", "peer", "name", "v1").ok();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
        scratch.close();
    }

    private Ip.Result tc(String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "tc";
        cmd[1] = "-n";
        cmd[2] = name;
        System.arraycopy(args, 0, cmd, 3, args.length);
        return Ip.run(Map.of(), cmd);
    }

    private JsonNode shown() throws Exception {
        return json.readTree(tc("-j", "qdisc", "show", "dev", "v0").ok().out());
    }

    @Test
    void theProbeAgreesWithTcAndChangesNothing() throws Exception {
        JsonNode before = shown();
        boolean available = ns.qdiscs().netemAvailable();
        assertEquals(before, shown(), "the probe does not touch the handle's namespace");
        Ip.Result r = tc("qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms");
        assertEquals(available, r.exit() == 0, "tc: " + r.err());
        if (!available) {
            assertTrue(r.err().contains("qdisc kind is unknown"), r.err());
        }
        assertEquals(available, ns.qdiscs().netemAvailable(), "the same answer twice");
    }

    @Test
    void withoutNetemTheKernelsRefusalIsNamedAndNothingChanges() throws Exception {
        assumeTrue(!ns.qdiscs().netemAvailable(), "this kernel has netem; the refusal cannot be seen here");
        JsonNode before = shown();
        NetemSpec spec = NetemSpec.DEFAULTS.withDelay(50_000, 10_000).withLoss(1);
        NotSupportedException e = assertThrows(NotSupportedException.class, () -> ns.qdiscs().replaceRootNetem("v0", spec));
        assertTrue(e.getMessage().startsWith(Qdiscs.NO_NETEM + ": Error: Specified qdisc kind is unknown"), e.getMessage());
        assertThrows(NotSupportedException.class, () -> ns.qdiscs().addRootNetem("v0", spec));
        assertThrows(NotSupportedException.class, () -> ns.qdiscs().replaceRootTbfWithNetem("v0",
                new TbfSpec(1_250_000, 4096, 50_000, 0), spec));
        assertEquals(before, shown(), "the tbf made for the netem child was removed again");
    }

    @Test
    void tbfTakesAHandleAndNetemGoesUnderIt() throws Exception {
        ns.qdiscs().replaceTbf("v0", Qdisc.ROOT, Qdiscs.handle(1, 0), new TbfSpec(1_250_000, 4096, 50_000, 0));
        JsonNode q = shown().get(0);
        assertEquals("tbf", q.get("kind").asText());
        assertEquals("1:", q.get("handle").asText());
        assumeTrue(ns.qdiscs().netemAvailable(), "this kernel has no netem (sch_netem): the child cannot be made");
        NetemSpec spec = NetemSpec.DEFAULTS.withDelay(20_000, 5_000).withLoss(2);
        ns.qdiscs().replaceNetem("v0", Qdiscs.handle(1, 1), Qdiscs.handle(0x10, 0), spec);
        assertEquals(spec, ns.qdiscs().netemQdiscs().values().iterator().next());
        assertTrue(tc("qdisc", "show", "dev", "v0").ok().out().contains("qdisc netem 10: parent 1:1"));
    }

    @Test
    void netemRoundTripWhereTheKernelHasIt() throws Exception {
        assumeTrue(ns.qdiscs().netemAvailable(), "this kernel has no netem (sch_netem): nothing to read back");
        NetemSpec spec = NetemSpec.DEFAULTS.withDelay(50_000, 10_000).withLoss(1).withDuplicate(0.1).withReorder(5, 0)
                .withRate(1_250_000);
        ns.qdiscs().addRootNetem("v0", spec);
        Map<Qdisc, NetemSpec> read = ns.qdiscs().netemQdiscs();
        assertEquals(1, read.size());
        assertEquals(spec.withReorder(5, 1), read.values().iterator().next(), "tc's default gap is 1");
        assertThrows(AlreadyExistsException.class, () -> ns.qdiscs().addRootNetem("v0", spec));
        ns.qdiscs().deleteRoot("v0");
        assertTrue(ns.qdiscs().netemQdiscs().isEmpty());
    }

    @Test
    void handlesAreChecked() {
        assertEquals(0x00010001, Qdiscs.handle(1, 1));
        assertEquals(0x00100000, Qdiscs.handle(0x10, 0));
        assertThrows(IllegalArgumentException.class, () -> Qdiscs.handle(0x10000, 0));
        assertThrows(IllegalArgumentException.class, () -> Qdiscs.handle(1, -1));
    }
}
