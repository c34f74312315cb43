package io.netns4j;

import io.netns4j.internal.netlink.Golden;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.route.qdisc.PschedClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A root tbf's RTM_NEWQDISC request, byte for byte against what {@code tc qdisc replace ...
 * tbf} sends (captured by src/test/resources/golden/qdisc/capture.sh), rate table included,
 * with the psched clock the capture was made with. No root needed.
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
}
