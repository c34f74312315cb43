package io.netns4j.cli;

import io.netns4j.lab.wire.InProcessImpairmentHost;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lab graph NAME} draws the impairments in place, not the file's once they were removed
 * or changed; {@code lab partition} and {@code lab show} print one cut in one order; a rate too
 * high for {@code lab impair} names the highest, and {@code rate 100bit} is echoed as given.
 */
@RequiresRoot
class LabGraphAndPartitionCliTest {
    private static final String FILE = """
            name: NAME
            nodes:
              a: {}
              b: {}
              c: {}
            links:
              - endpoints:
                  - {endpoint: "a:eth1", addresses: [10.0.7.1/24], impair: {delay: 5ms}}
                  - {endpoint: "b:eth1", addresses: [10.0.7.2/24]}
              - endpoints:
                  - {endpoint: "b:eth2", addresses: [10.0.8.1/24]}
                  - {endpoint: "c:eth1", addresses: [10.0.8.2/24]}
            """;

    @Test
    void graphShowsWhatIsAppliedAndPartitionAndShowAgree() throws Exception {
        String name = TestNames.unique("gp");
        Path file = Files.createTempFile(TestNames.PREFIX, ".yaml");
        Files.writeString(file, FILE.replace("NAME", name));
        try (InProcessImpairmentHost engines = new InProcessImpairmentHost()) {
            LabCommand.IN_PROCESS_HOST.set(engines); // no supervisor process left behind by the test
            CliRun up = CliRun.of("lab", "up", file.toString());
            assertEquals(0, up.exit(), up.err());
            assertTrue(CliRun.of("lab", "graph", "--format", "text", name).out()
                    .contains("eth1 10.0.7.1/24 netem delay 5ms"), "the file's impairment, applied");
            assertEquals(0, CliRun.of("lab", "impair", name, "a:eth1", "none").exit());
            String none = CliRun.of("lab", "graph", "--format", "text", name).out();
            assertFalse(none.contains("netem"), "removed, so not drawn: " + none);
            assertTrue(CliRun.of("lab", "graph", "--format", "text", file.toString()).out().contains("netem delay 5ms"),
                    "the file itself still says it");
            assertEquals(0, CliRun.of("lab", "impair", name, "a:eth1", "loss", "3%").exit());
            String loss = CliRun.of("lab", "graph", "--format", "dot", name).out();
            assertTrue(loss.contains("netem loss 3%") && !loss.contains("delay 5ms"), loss);

            CliRun high = CliRun.of("lab", "impair", name, "a:eth1", "rate", "99999999999gbit");
            assertEquals(2, high.exit());
            assertTrue(high.err().contains("is too high: the highest rate is 4611686tbit"), high.err());
            assertFalse(high.err().contains("latency") || high.err().contains("limit"), high.err());
            for (String rate : new String[] {"99999999gbit", "100bit"}) {
                CliRun r = CliRun.of("lab", "impair", name, "a:eth1", "rate", rate);
                assertEquals(0, r.exit(), r.err());
                assertTrue(r.out().contains("impaired: rate " + rate + " "), r.out());
                assertFalse(r.err().contains("too low") || r.err().contains("latency"), r.err());
            }

            for (String[] groups : new String[][] {{"a", "/", "b", "c"}, {"c", "/", "a", "b"}, {"b", "c", "/", "a"}}) {
                String[] words = new String[3 + groups.length];
                words[0] = "lab";
                words[1] = "partition";
                words[2] = name;
                System.arraycopy(groups, 0, words, 3, groups.length);
                CliRun cut = CliRun.of(words);
                assertEquals(0, cut.exit(), cut.err());
                String said = cut.out().replaceFirst("^lab \"[^\"]+\" partitioned: ", "").replaceFirst(" \\(.*", "")
                        .strip();
                String shown = CliRun.of("lab", "show", name).out().lines().filter(l -> l.startsWith("partition: "))
                        .findFirst().orElseThrow().substring("partition: ".length());
                assertEquals(said, shown, String.join(" ", groups));
            }
        } finally {
            LabCommand.IN_PROCESS_HOST.set(null);
            CliRun.of("lab", "down", file.toString());
            Files.deleteIfExists(file);
        }
    }
}
