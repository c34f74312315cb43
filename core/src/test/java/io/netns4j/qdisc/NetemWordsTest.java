package io.netns4j.qdisc;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netem's words read both ways, without a kernel: as tc 6.1's netem_parse_opt reads them (the CLI's
 * {@code tc qdisc add ... netem}; these were cli's TcNetemWordsTest) and strictly, as a lab's
 * {@code lab impair} reads them (these were lab's ImpairmentWordsTest).
 */
class NetemWordsTest {
    // ---- as tc reads them (was io.netns4j.cli.TcNetemWordsTest) ----

    private static NetemSpec parse(String words) {
        return NetemWords.parse(List.of(words.split(" ")));
    }

    private static String error(String words) {
        return assertThrows(IllegalArgumentException.class, () -> parse(words)).getMessage();
    }

    @Test
    void theIssuesExampleAndTcsSpellings() {
        NetemSpec all = NetemSpec.DEFAULTS.withDelay(50_000, 10_000).withLoss(1).withDuplicate(0.1).withReorder(5, 0)
                .withRate(1_250_000);
        assertEquals(all, parse("delay 50ms 10ms loss 1% duplicate 0.1% reorder 5% rate 10mbit limit 1000"));
        assertEquals(all, parse("rate 10mbit reorder 5% duplicate 0.1 loss random 1 delay 50ms 10ms"), "any order, bare percentages");
        assertEquals(all, parse("d 50ms 10ms lo 1% du 0.1% r 5% ra 10mbit l 1000"), "tc's abbreviations");
        assertEquals(NetemSpec.DEFAULTS.withDelay(10_000, 0).withReorder(25, 5), parse("latency 10ms reorder 25% gap 5"));
        assertEquals(NetemSpec.DEFAULTS.withLoss(30).withLimit(2000), parse("drop 30% limit 2000"));
        assertEquals(NetemSpec.DEFAULTS.withDelay(1, 0), parse("delay 1.9us"), "microseconds truncated as tc truncates");
    }

    @Test
    void whatNetns4jCannotSendIsRefusedByName() {
        assertTrue(error("delay 10ms 1ms 25%").contains("a delay correlation (\"25%\")"));
        assertTrue(error("loss 1% 25%").contains("a loss correlation"));
        assertTrue(error("loss state 1%").contains("the \"loss state\" model"));
        assertTrue(error("loss gemodel 1%").contains("the \"loss gemodel\" model"));
        assertTrue(error("delay 10ms reorder 5% 50%").contains("a reorder correlation"));
        assertTrue(error("corrupt 1%").contains("\"corrupt\""));
        assertTrue(error("delay 10ms 1ms distribution normal").contains("\"distribution\""));
        assertTrue(error("slot 1ms").contains("\"slot\""));
        assertTrue(error("loss 1% ecn").contains("\"ecn\""));
        assertTrue(error("rate 10mbit 20").contains("overheads"));
        assertTrue(error("rate 10%").contains("relative to the device's speed"));
    }

    @Test
    void mistakesAreNamed() {
        assertTrue(error("reorder 5%").contains("not possible without a delay"));
        assertTrue(error("delay 10ms gap 5").contains("\"gap\" without a reorder percentage"));
        assertTrue(error("loss 1% loss 2%").contains("given twice"));
        assertTrue(error("loss 101%").contains("out of range"));
        assertTrue(error("loss lots").contains("Unknown loss parameter \"lots\""));
        assertTrue(error("delay fast").contains("\"fast\" does not start with a positive number"));
        assertTrue(error("delay 5parsecs").contains("is not a time"));
        assertTrue(error("limit 0").contains("positive number"));
        assertTrue(error("delay").contains("\"delay\" needs a time"));
        assertTrue(error("jitter 5ms").contains("Unknown netem word \"jitter\""));
    }

    @Test
    void messagesAreTheCliSentences() {
        assertEquals("\"delay\" needs a time such as 50ms: the form is \"" + NetemWords.FORM + "\".", error("delay"));
        assertEquals("argument \"x\" is wrong: \"gap\" takes a number from 0 to 2147483647.",
                error("delay 1ms reorder 5% gap x"));
        assertEquals("\"loss\" is given twice.", error("loss 1% loss 2%"));
        assertEquals("netns4j's netem does not support \"slot\" yet: the form is \"" + NetemWords.FORM + "\".",
                error("slot 1ms"));
    }

    // ---- strictly, as a lab reads them (was io.netns4j.lab.ImpairmentWordsTest) ----

    private static NetemWords.Settings strict(String words) {
        return NetemWords.parseStrict(List.of(words.split(" ")));
    }

    private static String strictError(String words) {
        return assertThrows(IllegalArgumentException.class, () -> strict(words)).getMessage();
    }

    private static final NetemWords.Settings ALL = new NetemWords.Settings(10_000_000L, Duration.ofMillis(50),
            Duration.ofMillis(10), 1.0, 0.1, 5.0);

    @Test
    void wordsAsNetemWritesThem() {
        assertEquals(ALL, strict("delay 50ms 10ms loss 1% duplicate 0.1% reorder 5% rate 10mbit"));
        assertEquals(ALL, strict("rate 10mbit reorder 5% jitter 10ms duplicate 0.1% delay 50ms loss 1%"));
        assertEquals(NetemWords.Settings.NONE, strict("none"));
        assertEquals(NetemWords.Settings.NONE, strict("clear"));
        assertEquals(new NetemWords.Settings(null, null, null, 30.0, null, null), strict("loss 30%"));
    }

    @Test
    void strictMistakesAreNamed() {
        assertTrue(strictError("loss 1").contains("bad loss: \"1\" is not a percentage"));
        assertTrue(strictError("delay 50").contains("bad delay: \"50\" has no unit"));
        assertTrue(strictError("rate 10").contains("bad rate"));
        assertTrue(strictError("loss").contains("\"loss\" needs a value, e.g. 1%"));
        assertTrue(strictError("loss 1% loss 2%").contains("\"loss\" is given twice"));
        assertTrue(strictError("delay 50ms 10ms jitter 5ms").contains("\"jitter\" is given twice"));
        assertTrue(strictError("jitter 5ms").contains("\"jitter\" without \"delay\""));
        assertTrue(strictError("reorder 5%").contains("\"reorder\" without \"delay\""));
        assertTrue(strictError("delay 10ms 20ms").contains("jitter 20ms is larger than delay 10ms"));
        assertTrue(strictError("slot 1ms").contains("netem's \"slot\" is not supported"));
        assertTrue(strictError("distribution normal").contains("\"distribution\" without a jitter"));
        assertTrue(strictError("gap 5").contains("\"gap\" without \"reorder\""));
        assertTrue(strictError("delay 5ms 1ms distribution gauss").contains("\"gauss\" is not a distribution"));
        assertTrue(strictError("loss gemodel").contains("\"loss gemodel\" needs at least p"));
        assertTrue(strictError("loss gemodel 120%").contains("bad loss"));
        assertTrue(strictError("loss foo").contains("nor a loss model"));
        assertTrue(strictError("limit 0").contains("bad limit"));
        assertTrue(strictError("seed x").contains("bad seed"));
        assertTrue(strictError("rate 10mbit 20 30").contains("cell sizes"));
        assertTrue(strictError("fast").contains("Unknown impairment word \"fast\""));
        assertTrue(strictError("none loss 1%").contains("\"none\" stands alone"));
        assertThrows(IllegalArgumentException.class, () -> NetemWords.parseStrict(List.of()));
    }

    @Test
    void strictMessagesAreTheLabSentences() {
        assertEquals("No impairment given: write \"" + NetemWords.STRICT_FORM + "\"",
                assertThrows(IllegalArgumentException.class, () -> NetemWords.parseStrict(List.of())).getMessage());
        assertEquals("bad delay: the jitter is given twice", strictError("jitter 1ms delay 5ms 2ms"));
        assertEquals("bad rate: \"1gibit\" has no known rate unit; use bit, kbit, mbit, gbit, tbit (bits per second)"
                + " or bps, kbps, mbps, gbps (bytes per second, as tc reads them)", strictError("rate 1gibit"));
        assertEquals("\"rate\" needs a value, e.g. 10mbit", strictError("rate"));
    }

    @Test
    void netemsFullSyntax() {
        NetemWords.Settings s = strict("delay 50ms 10ms 25% distribution normal loss 1% 25% duplicate 2% 5%"
                + " reorder 25% 50% gap 5 corrupt 0.1% 1% rate 10mbit 20 limit 500 seed 42");
        assertEquals(new NetemWords.Settings(10_000_000L, Duration.ofMillis(50), Duration.ofMillis(10), 1.0, 2.0, 25.0,
                25.0, NetemDistribution.NORMAL, 25.0, null, 5.0, 50.0, 5, 0.1, 1.0, 20, 500, 42L), s);
        assertEquals(-4, strict("rate 1mbit -4").rateOverhead());
        assertEquals(1.5, strict("loss random 1.5%").lossPercent());
        assertEquals(Long.parseUnsignedLong("18446744073709551615"), strict("seed 18446744073709551615").seed());
    }

    @Test
    void lossModelsTakeTcsDefaults() {
        assertEquals(new NetemLossModel.GilbertElliott(1, 99, 100, 0), strict("loss gemodel 1%").lossModel());
        assertEquals(new NetemLossModel.GilbertElliott(1, 10, 70, 0.1), strict("loss gemodel 1% 10% 70% 0.1%").lossModel());
        assertEquals(new NetemLossModel.FourState(2, 98, 0, 100, 0), strict("loss state 2%").lossModel());
        assertEquals(new NetemLossModel.FourState(2, 30, 5, 40, 1), strict("loss state 2% 30% 5% 40% 1%").lossModel());
        assertEquals("gemodel 1% 10% 70% 0.1%", strict("loss gemodel 1% 10% 70% 0.1%").lossModel().words());
        assertTrue(strictError("loss 1% loss gemodel 1%").contains("\"loss\" is given twice"));
    }
}
