package io.netns4j.cli;

import io.netns4j.qdisc.NetemSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netem's words read as tc 6.1's netem_parse_opt reads them, and printed back as its
 * netem_print_opt prints them (text and JSON). No root, no kernel: this kernel has no netem.
 */
class TcNetemWordsTest {
    private static NetemSpec parse(String words) throws UsageException {
        return TcNetemWords.parse(List.of(words.split(" ")));
    }

    private static String error(String words) {
        return assertThrows(UsageException.class, () -> parse(words)).getMessage();
    }

    @Test
    void theIssuesExampleAndTcsSpellings() throws Exception {
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
    void printedAsTcPrintsIt() throws Exception {
        NetemSpec all = parse("delay 50ms 10ms loss 1% duplicate 0.1% reorder 5% rate 10mbit limit 1000");
        assertEquals("limit 1000 delay 50ms  10ms loss 1% duplicate 0.1% reorder 5% rate 10Mbit gap 1",
                TcCommand.netemText(all));
        assertEquals("limit 2000 loss 30%", TcCommand.netemText(parse("loss 30% limit 2000")));
        assertEquals("{\"limit\":1000,\"delay\":{\"delay\":0.05,\"jitter\":0.01,\"correlation\":0},"
                        + "\"loss-random\":{\"loss\":0.01,\"correlation\":0},"
                        + "\"duplicate\":{\"duplicate\":0.001,\"correlation\":0},"
                        + "\"reorder\":{\"reorder\":0.05,\"correlation\":0},"
                        + "\"rate\":{\"rate\":1250000,\"packetoverhead\":0,\"cellsize\":0,\"celloverhead\":0},"
                        + "\"ecn\":false,\"gap\":1}",
                io.netns4j.internal.json.JsonWriter.write(TcCommand.netemJson(all)));
    }

    @Test
    void classIdsAsTcWritesThem() throws Exception {
        assertEquals(0x00010001, TcCommand.classId("1:1"));
        assertEquals(0x00100000, TcCommand.classId("10:"));
        assertEquals(0x00100000, TcCommand.handle("10:"));
        assertEquals(0x00010000, TcCommand.handle("1"));
        assertEquals("1:1", TcCommand.classIdText(0x00010001));
        assertEquals("10:", TcCommand.classIdText(0x00100000));
        assertEquals(":1", TcCommand.classIdText(1));
        assertThrows(UsageException.class, () -> TcCommand.classId("1"));
        assertThrows(UsageException.class, () -> TcCommand.handle("10000:"));
    }
}
