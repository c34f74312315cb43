package io.netns4j.lab.file;

import io.netns4j.lab.model.Topology;
import io.netns4j.lab.plan.Plan;
import io.netns4j.lab.plan.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The shipped examples parse, validate and plan; the seed's plan is exactly the walkthrough. */
class LabExamplesTest {
    @ParameterizedTest
    @ValueSource(strings = {"seed", "router-firewall", "leaf-spine", "database-partition"})
    void examplesParseAndPlan(String example) throws Exception {
        Topology t = TopologyFile.read(Path.of("examples", example, "lab.yaml"));
        Plan plan = Plan.of(t);
        assertFalse(plan.steps().isEmpty());
        System.out.println("# " + example + "\n" + plan);
    }

    @Test
    void seedPlanIsTheWalkthrough() throws Exception {
        Topology t = TopologyFile.read(Path.of("examples/seed/lab.yaml"));
        assertEquals(List.of(
                "netns4j netns add seed-host",
                "netns4j netns add seed-example_ns",
                "netns4j -n seed-host link set lo up",
                "netns4j -n seed-example_ns link set lo up",
                "netns4j -n seed-host link add veth0 type veth peer name veth1 netns seed-example_ns",
                "netns4j -n seed-host link set veth0 up",
                "netns4j -n seed-example_ns link set veth1 up",
                "netns4j -n seed-host address add 10.200.1.1/24 dev veth0",
                "netns4j -n seed-example_ns address add 10.200.1.2/24 dev veth1",
                "netns4j -n seed-example_ns route add default via 10.200.1.1",
                "netns4j -n seed-example_ns iptables -P INPUT DROP",
                "netns4j -n seed-example_ns iptables -A INPUT -i veth1 -p tcp --dport 80 -j ACCEPT"),
                Plan.of(t).steps().stream().map(Step::command).toList());
        assertEquals(new Step.AddNamespace("seed-host"), Plan.of(t).steps().getFirst());
    }
}
