package io.netns4j.cli;

import io.netns4j.qdisc.NetemSpec;
import io.netns4j.qdisc.NetemWords;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tc's qdisc words without a kernel: netem printed back as tc 6.1's netem_print_opt prints it
 * (text and JSON), class ids and handles, and core's refusals as usage errors. No root.
 */
class TcCommandTest {
    private static NetemSpec parse(String words) {
        return NetemWords.parse(List.of(words.split(" ")));
    }

    @Test
    void wordsTheCoreRefusesAreUsageErrors() {
        // netem's words themselves are core's NetemWords.parse, tested in io.netns4j.qdisc.NetemWordsTest
        UsageException e = assertThrows(UsageException.class, () -> new TcCommand().check(null,
                List.of("qdisc", "add", "dev", "eth0", "root", "netem", "loss", "1%", "loss", "2%")));
        assertEquals("\"loss\" is given twice.", e.getMessage());
        e = assertThrows(UsageException.class, () -> new TcCommand().check(null,
                List.of("qdisc", "add", "dev", "eth0", "root", "tbf", "rate", "10", "burst", "32kbit")));
        assertTrue(e.getMessage().startsWith("\"10\" is not a rate"), e.getMessage());
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
