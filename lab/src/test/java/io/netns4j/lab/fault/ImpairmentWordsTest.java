package io.netns4j.lab.fault;

import io.netns4j.firewall.Match;
import io.netns4j.lab.model.Impairment;
import io.netns4j.qdisc.TbfSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Impairments without a kernel: the command-line words read into an {@link Impairment}, what
 * {@link LinkImpairments#apply} would leave in place with and without netem, the tbf it picks for a
 * rate, and the nftables drop it writes and reads back.
 */
class ImpairmentWordsTest {
    private static Impairment parse(String words) {
        return Impairment.parse(List.of(words.split(" ")));
    }

    private static String error(String words) {
        return assertThrows(IllegalArgumentException.class, () -> parse(words)).getMessage();
    }

    private static final Impairment ALL = new Impairment(10_000_000L, Duration.ofMillis(50), Duration.ofMillis(10),
            1.0, 0.1, 5.0);

    @Test
    void wordsReadAsAnImpairment() {
        // the words themselves are core's NetemWords.parseStrict, tested in io.netns4j.qdisc.NetemWordsTest
        assertEquals(ALL, parse("delay 50ms 10ms loss 1% duplicate 0.1% reorder 5% rate 10mbit"));
        assertEquals(Impairment.NONE, parse("none"));
        assertEquals(new Impairment(null, null, null, 30.0, null, null), parse("loss 30%"));
        assertEquals(String.join(" ", ALL.tcWords()), "delay 50ms 10ms loss 1% duplicate 0.1% reorder 5% rate 10mbit");
        assertTrue(error("loss 1").contains("bad loss: \"1\" is not a percentage"));
    }

    @Test
    void whatStaysInPlace() {
        // without netem only the rate (whole bytes) and the loss (0.01% steps) stay
        assertEquals(new Impairment(10_000_000L, null, null, 1.0, null, null), LinkImpairments.effective(ALL, false));
        assertEquals(new Impairment(96L, null, null, 0.33, null, null),
                LinkImpairments.effective(new Impairment(100L, null, null, 0.333, null, null), false));
        assertNull(LinkImpairments.effective(new Impairment(null, null, null, 0.004, null, null), false).lossPercent());
        // with netem everything, times in whole microseconds
        assertEquals(ALL, LinkImpairments.effective(ALL, true));
        assertEquals(Duration.ofNanos(1_000), LinkImpairments.effective(
                new Impairment(null, Duration.ofNanos(1_999), null, null, null, null), true).delay());
        // zeros are "not set"
        assertEquals(Impairment.NONE, LinkImpairments.effective(new Impairment(null, Duration.ZERO, null, 0.0, 0.0, null), true));
        assertThrows(IllegalArgumentException.class,
                () -> LinkImpairments.effective(new Impairment(4L, null, null, null, null, null), true));
    }

    @Test
    void theTbfForARate() {
        // 10mbit: 10 ms of tokens (12500 bytes), a queue of 50 ms more
        assertEquals(new TbfSpec(1_250_000, 12_500, 0, 62_500 + 12_500), LinkImpairments.tbf(1_250_000, 1500));
        // 1mbit: two full frames are more than 10 ms
        assertEquals(new TbfSpec(125_000, 3028, 0, 6250 + 3028), LinkImpairments.tbf(125_000, 1500));
        // lo's MTU
        assertEquals(2 * (65536 + 14), LinkImpairments.tbf(125_000, 65536).burst());
        String tooLow = assertThrows(IllegalArgumentException.class, () -> LinkImpairments.tbf(12, 1500)).getMessage();
        assertTrue(tooLow.contains("rate 96bit is too low for tbf") && tooLow.contains("use at least 408bit"), tooLow);
    }

    @Test
    void theDropRuleWrittenAndReadBack() {
        assertEquals("""
                add table netdev netns4j_impair
                add chain netdev netns4j_impair egress_eth1 { type filter hook egress device "eth1" priority 0; policy accept; }
                flush chain netdev netns4j_impair egress_eth1
                add rule netdev netns4j_impair egress_eth1 numgen random mod 10000 < 3000 drop comment "netns4j impairment: loss 30%"
                """, EgressDrop.script("eth1", EgressDrop.threshold(30)));
        assertEquals("egress/762b31", EgressDrop.chain("v+1"));
        assertEquals(100, EgressDrop.threshold(1));
        assertEquals(1, EgressDrop.threshold(0.005));
        assertEquals(0, EgressDrop.threshold(0.004));
        assertEquals(30.0, EgressDrop.lossOf(new Match.Unsupported(
                "{\"match\":{\"op\":\"<\",\"left\":{\"numgen\":{\"mode\":\"random\",\"mod\":10000,\"offset\":0}},\"right\":3000}}")));
        assertNull(EgressDrop.lossOf(new Match.Unsupported(
                "{\"match\":{\"op\":\"==\",\"left\":{\"numgen\":{\"mode\":\"inc\",\"mod\":2,\"offset\":0}},\"right\":1}}")));
        assertThrows(IllegalArgumentException.class, () -> EgressDrop.check("a\"b"));
    }
}
