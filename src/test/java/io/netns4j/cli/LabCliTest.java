package io.netns4j.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lab check} and {@code lab plan}: pure, no root, nothing changed on the machine. */
class LabCliTest {
    @Test
    void checkAndPlanTheSeedExample() {
        CliRun check = CliRun.of("lab", "check", "examples/seed/lab.yaml");
        assertEquals(0, check.exit(), check.err());
        assertTrue(check.out().contains("is valid"), check.out());
        CliRun plan = CliRun.of("lab", "up", "--dry-run", "examples/seed/lab.yaml");
        assertEquals(0, plan.exit(), plan.err());
        assertTrue(plan.out().contains("netns4j -n seed-example_ns route add default via 10.200.1.1"), plan.out());
        assertEquals(plan.out(), CliRun.of("lab", "plan", "examples/seed/lab.yaml").out());
    }

    @Test
    void aBadFileListsEveryProblemWithItsPositionAndExitsTwo() {
        CliRun r = CliRun.of("lab", "check", "src/test/resources/labs/bad/address-clash.yaml");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("address-clash.yaml:13:42: address 10.0.0.2 of \"c:eth1\" is already used"), r.err());
        assertTrue(r.err().contains("nothing was changed"), r.err());
    }

    @Test
    void labUpWithoutDryRunAndMissingFilesAreRefused() {
        assertTrue(CliRun.of("lab", "up", "examples/seed/lab.yaml").err().contains("lab plan FILE"));
        CliRun missing = CliRun.of("lab", "check", "no/such/lab.yaml");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertEquals(2, CliRun.of("lab", "check").exit());
    }
}
