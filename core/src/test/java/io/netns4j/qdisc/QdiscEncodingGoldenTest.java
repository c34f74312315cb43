package io.netns4j.qdisc;

import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.Netlink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RTM_NEWQDISC requests byte for byte against what tc sends: a root tbf ({@code tc qdisc
 * replace ... tbf}, captured by src/test/resources/golden/qdisc/capture.sh, rate table
 * included), and netem, alone or as the child of a tbf with handles (capture-netem.sh, which
 * traces tc even though this kernel refuses netem), with the psched clock the captures were
 * made with. No root needed.
 */
class QdiscEncodingGoldenTest {
    private static final PschedClock CAPTURED = PschedClock.parse("000003e8 00000040 000f4240 3b9aca00");
    private static final int V0 = 3;
    private static final int REPLACE = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE
            | Netlink.NLM_F_REPLACE;

    @BeforeAll
    static void littleEndian() {
        Golden.assumeLittleEndian();
    }

    private static final int ADD = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE
            | Netlink.NLM_F_EXCL;

    private static void assertSame(String file, byte[] ours) {
        HexFormat hex = HexFormat.ofDelimiter(" ");
        assertEquals(hex.formatHex(Golden.bytes("qdisc/" + file)), hex.formatHex(ours), file);
    }

    private static void assertRootNetem(String file, NetemSpec spec) {
        assertSame(file, Qdiscs.encodeNetem(V0, Qdisc.ROOT, 0, spec, CAPTURED, REPLACE));
    }

    private static void assertSame(String file, TbfSpec spec) {
        HexFormat hex = HexFormat.ofDelimiter(" ");
        assertEquals(hex.formatHex(Golden.bytes("qdisc/" + file)),
                hex.formatHex(Qdiscs.encodeRootTbf(V0, spec, CAPTURED, REPLACE)), file);
    }

    @Test
    void rateBurstAndLatency() {
        assertSame("tbf-latency.hex", new TbfSpec(125_000, 4096, 400_000, 0)); // 1mbit, 32kbit, 400ms
    }

    @Test
    void rateBurstAndLimit() {
        assertSame("tbf-limit.hex", new TbfSpec(1_250_000, 10_240, 0, 30_000)); // 10mbit, 10kb
    }

    @Test
    void ratesOfFourGigabytesAndMoreTakeRate64() {
        assertSame("tbf-rate64.hex", new TbfSpec(5_000_000_000L, 1024 * 1024, 1000, 0)); // 40gbit, 1mb, 1ms
    }

    @Test
    void netemDelay() {
        assertRootNetem("netem-delay.hex", NetemSpec.DEFAULTS.withDelay(50_000, 0));
    }

    @Test
    void netemDelayJitterAndLoss() {
        assertRootNetem("netem-delay-jitter-loss.hex", NetemSpec.DEFAULTS.withDelay(50_000, 10_000).withLoss(1));
    }

    @Test
    void netemLossAndLimitWithoutDelay() {
        assertRootNetem("netem-loss-limit.hex", NetemSpec.DEFAULTS.withLoss(30).withLimit(2000));
    }

    @Test
    void netemEverythingNetns4jSets() {
        // delay 50ms 10ms loss 1% duplicate 0.1% reorder 5% rate 10mbit limit 1000: tc adds gap 1 for the reorder
        assertRootNetem("netem-all.hex", NetemSpec.DEFAULTS.withDelay(50_000, 10_000).withLoss(1).withDuplicate(0.1)
                .withReorder(5, 0).withRate(1_250_000).withLimit(1000));
    }

    @Test
    void netemReorderWithGapAsAnAdd() {
        assertSame("netem-reorder-gap.hex", Qdiscs.encodeNetem(V0, Qdisc.ROOT, 0,
                NetemSpec.DEFAULTS.withDelay(10_000, 0).withReorder(25, 5), CAPTURED, ADD));
    }

    @Test
    void netemRatesOfFourGigabytesAndMoreTakeRate64() {
        assertRootNetem("netem-rate64.hex", NetemSpec.DEFAULTS.withDelay(1000, 0).withRate(5_000_000_000L));
    }

    @Test
    void tbfWithAHandleThenNetemAsItsChild() {
        assertSame("tbf-handle.hex", Qdiscs.encodeTbf(V0, Qdisc.ROOT, Qdiscs.handle(1, 0),
                new TbfSpec(1_250_000, 4096, 50_000, 0), CAPTURED, REPLACE));
        assertSame("netem-child.hex", Qdiscs.encodeNetem(V0, Qdiscs.handle(1, 1), Qdiscs.handle(0x10, 0),
                NetemSpec.DEFAULTS.withDelay(20_000, 5_000).withLoss(2), CAPTURED, REPLACE));
    }

    @Test
    void clsactAddAndDeleteAreTcsRequests() {
        HexFormat hex = HexFormat.ofDelimiter(" ");
        assertEquals(hex.formatHex(Golden.normaliseRequest(Golden.bytes("filter/clsact-add.hex"))),
                hex.formatHex(Qdiscs.encodeClsact(V0, io.netns4j.internal.netlink.route.TcMessage.RTM_NEWQDISC,
                        Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL)));
        assertEquals(hex.formatHex(Golden.normaliseRequest(Golden.bytes("filter/clsact-delete.hex"))),
                hex.formatHex(Qdiscs.encodeClsact(V0, io.netns4j.internal.netlink.route.TcMessage.RTM_DELQDISC, 0)));
    }
}
