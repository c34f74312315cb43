package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.lab.Lab;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lab check}, {@code plan}, usage errors (no root, nothing changed) and, as root, up/list/show/down. */
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
    void graphOfAFileInDotMermaidAndText() throws Exception {
        CliRun dot = CliRun.of("lab", "graph", "examples/router-firewall/lab.yaml");
        assertEquals(0, dot.exit(), dot.err());
        assertTrue(dot.out().startsWith("graph \"rfw\" {"), dot.out());
        assertTrue(dot.out().contains("\"router\""), dot.out());
        Path latin1 = Files.createTempFile("n4jt-", ".yaml");
        try {
            Files.write(latin1, "name: x\nnodes:\n  a: {}\n# caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            CliRun notUtf8 = CliRun.of("lab", "check", latin1.toString());
            assertEquals(2, notUtf8.exit());
            assertEquals("Cannot read topology file \"" + latin1 + "\": it is not UTF-8 text (line 4, byte 29 of the"
                    + " file is 0xe9); save it as UTF-8.\n", notUtf8.err());
        } finally {
            Files.delete(latin1);
        }
        CliRun mermaid = CliRun.of("lab", "graph", "--format", "mermaid", "examples/router-firewall/lab.yaml");
        assertEquals(mermaid.out(), CliRun.of("lab", "graph", "--format=mermaid", "examples/router-firewall/lab.yaml")
                .out(), "--format=X is --format X");
        assertTrue(CliRun.of("lab", "graph", "--format", "dot", "--format=text", "examples/seed/lab.yaml").err()
                .contains("\"--format\" is given twice"));
        assertTrue(mermaid.out().startsWith("graph LR"), mermaid.out());
        assertEquals(0, CliRun.of("lab", "graph", "--format", "text", "examples/seed/lab.yaml").exit());
        CliRun bad = CliRun.of("lab", "graph", "--format", "png", "examples/seed/lab.yaml");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("unknown graph format \"png\" (known: dot, mermaid, text, html, svg)"), bad.err());
        CliRun html = CliRun.of("lab", "graph", "--format", "html", "examples/router-firewall/lab.yaml");
        assertEquals(0, html.exit(), html.err());
        assertTrue(html.out().startsWith("<!DOCTYPE html>") && html.out().contains("\"lab\":\"rfw\""), "the live view's page");
        CliRun svg = CliRun.of("lab", "graph", "--format", "svg", "examples/router-firewall/lab.yaml");
        assertEquals(0, svg.exit(), svg.err());
        assertTrue(svg.out().startsWith("<svg ") && svg.out().contains(">router</tspan>"), svg.out());
        assertEquals(2, CliRun.of("lab", "graph").exit());
    }

    @Test
    void aBadFileListsEveryProblemWithItsPositionAndExitsTwo() {
        CliRun r = CliRun.of("lab", "check", "lab/src/test/resources/labs/bad/address-clash.yaml");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("address-clash.yaml:13:42: address 10.0.0.2 of \"c:eth1\" is already used"), r.err());
        assertTrue(r.err().contains("nothing was changed"), r.err());
    }

    @Test
    void usageErrorsAndUnsupportedFilesExitTwoAndCreateNothing() {
        CliRun badImpair = CliRun.of("lab", "impair", "x", "a:eth1", "delay", "soon");
        assertEquals(2, badImpair.exit(), badImpair.err());
        assertTrue(badImpair.err().contains("soon") && badImpair.err().contains("nothing was changed"), badImpair.err());
        assertEquals(2, CliRun.of("lab", "impair", "x", "a:eth1").exit());
        assertEquals(2, CliRun.of("lab", "partition", "x").exit());
        CliRun noColon = CliRun.of("lab", "link", "x", "aeth1", "up");
        assertEquals(2, noColon.exit());
        assertTrue(noColon.err().contains("\"aeth1\" is not NODE:INTERFACE"), noColon.err());
        assertEquals(2, CliRun.of("lab", "impair", "x", "a:", "rate", "1mbit").exit());
        assertEquals(2, CliRun.of("lab", "heal").exit());
        CliRun bad = CliRun.of("lab", "up", "lab/src/test/resources/labs/bad/address-clash.yaml");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("nothing was changed"), bad.err());
        assertEquals(2, CliRun.of("lab", "show").exit());
        assertEquals(2, CliRun.of("lab", "list", "extra").exit());
        assertEquals(2, CliRun.of("lab", "down").exit());
        assertEquals(2, CliRun.of("lab", "up", "--force", "examples/seed/lab.yaml").exit());
        CliRun missing = CliRun.of("lab", "check", "no/such/lab.yaml");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertEquals(2, CliRun.of("lab", "check").exit());
    }

    /** The seed example, renamed to a unique lab, through the CLI: up, list, show, the firewall, up again, down. */
    @Test
    @RequiresRoot
    void seedUpShowDownThroughTheCli() throws Exception {
        String name = TestNames.unique("seed");
        Path file = Files.createTempFile(TestNames.PREFIX, ".yaml");
        Files.writeString(file, Files.readString(Path.of("examples/seed/lab.yaml")).replace("name: seed", "name: " + name));
        NetnsRegistry r = NetnsRegistry.system();
        try {
            CliRun up = CliRun.of("lab", "up", file.toString());
            assertEquals(0, up.exit(), up.err());
            assertEquals("", up.err(), "no progress lines without a terminal");
            assertTrue(CliRun.of("lab", "list").out().contains(name + "  2 namespaces: " + name + "-example_ns " + name
                    + "-host"));
            CliRun show = CliRun.of("lab", "show", name);
            assertTrue(show.out().contains("    veth1 veth UP 10.200.1.2/24"), show.out());
            CliRun json = CliRun.of("-j", "lab", "show", name);
            assertTrue(json.out().contains("\"namespace\":\"" + name + "-host\""), json.out());
            assertTrue(json.out().contains("\"addresses\":[\"10.200.1.1/24\""), json.out());
            try (Netns host = r.open(name + "-host"); Netns ns = r.open(name + "-example_ns");
                 ServerSocket p80 = ns.call(() -> new ServerSocket(80));
                 ServerSocket p81 = ns.call(() -> new ServerSocket(81))) {
                assertTrue(connects(host, 80), "the seed's rule lets port 80 in");
                assertFalse(connects(host, 81), "and drops the rest");
            }
            CliRun again = CliRun.of("lab", "up", file.toString());
            assertEquals(0, again.exit(), again.err());
            assertEquals("lab \"" + name + "\" is up to date: nothing changed\n", again.out());
            CliRun dry = CliRun.of("lab", "up", "--dry-run", file.toString());
            assertEquals("# lab \"" + name + "\" is up to date: nothing to change\n", dry.out());
            Path edited = Files.createTempFile(TestNames.PREFIX, ".yaml");
            try {
                Files.writeString(edited, Files.readString(file).replace("10.200.1.2/24", "10.200.1.3/24"));
                CliRun plan = CliRun.of("lab", "up", "--dry-run", edited.toString());
                assertEquals("# lab \"" + name + "\" is running; 3 changes bring it in line:\n"
                        + "netns4j -n " + name + "-example_ns address del 10.200.1.2/24 dev veth1\n"
                        + "netns4j -n " + name + "-example_ns address add 10.200.1.3/24 dev veth1\n"
                        + "netns4j -n " + name + "-example_ns route replace default via 10.200.1.1\n", plan.out());
                CliRun update = CliRun.of("lab", "up", edited.toString());
                assertEquals("lab \"" + name + "\" updated: 3 changes\n", update.out(), update.err());
                assertTrue(CliRun.of("lab", "show", name).out().contains("    veth1 veth UP 10.200.1.3/24"));
            } finally {
                Files.delete(edited);
            }
            assertEquals(3, CliRun.of("lab", "exec", name, "host", "sh", "-c", "exit 3").exit());
            assertEquals(0, CliRun.of("lab", "exec", name, "host", "sh", "-c",
                    "test \"$(cat /proc/net/dev | grep -c veth0)\" = 1").exit(), "runs inside the host node");
            CliRun noNode = CliRun.of("lab", "exec", name, "nosuch", "true");
            assertEquals(1, noNode.exit());
            assertTrue(noNode.err().contains("has no node \"nosuch\"; its nodes: example_ns host"), noNode.err());
            CliRun linkDown = CliRun.of("lab", "link", name, "host:veth0", "down");
            assertEquals(0, linkDown.exit(), linkDown.err());
            try (Netns host = r.open(name + "-host")) {
                assertFalse(host.links().get("veth0").isUp());
                assertEquals(0, CliRun.of("lab", "link", name, "host:veth0", "up").exit());
                assertTrue(host.links().get("veth0").isUp());
            }
            assertEquals(2, CliRun.of("lab", "link", name, "host:veth0", "sideways").exit());
            try (Netns host = r.open(name + "-host"); Netns ns = r.open(name + "-example_ns");
                 ServerSocket p80 = ns.call(() -> new ServerSocket(80))) {
                assertTrue(connects(host, "10.200.1.3", 80), "the edited address, before the partition");
                CliRun graph = CliRun.of("lab", "graph", name);
            assertEquals(0, graph.exit(), graph.err());
            assertTrue(graph.out().contains("10.200.1.3/24"), "the running lab's kept (edited) file: " + graph.out());
            boolean netem = io.netns4j.lab.fault.LinkImpairments.netemAvailable(host);
            String[] impair = {"lab", "impair", name, "host:veth0", "rate", "10mbit", "loss", "2%", "delay", "5ms"};
            if (!netem) { // a lone command: the lab's supervisor, started for it, runs the engine after it exits
                CliRun bySupervisor = CliRun.of(impair);
                assertEquals(0, bySupervisor.exit(), bySupervisor.err());
                assertTrue(CliRun.of("lab", "show", name).out().contains("[delay 5ms loss 2% rate 10mbit"));
                assertEquals(0, CliRun.of("lab", "impair", name, "host:veth0", "none").exit());
                assertFalse(CliRun.of("lab", "show", name).out().contains("["), "removed through the supervisor");
            }
            try (io.netns4j.lab.wire.InProcessImpairmentHost engines = new io.netns4j.lab.wire.InProcessImpairmentHost()) {
                LabCommand.IN_PROCESS_HOST.set(engines); // as the demo does: this process outlives the command
                CliRun slow = CliRun.of(impair);
                assertEquals(0, slow.exit(), slow.err());
                assertTrue(slow.out().contains("delay 5ms loss 2% rate 10mbit") // the userspace engine adds its seed
                        && slow.out().contains("(" + (netem ? "kernel" : "userspace") + " engine)"), slow.out());
                String shown = CliRun.of("lab", "show", name).out();
                assertTrue(shown.contains("[delay 5ms loss 2% rate 10mbit"), shown);
                String shownJson = CliRun.of("-j", "lab", "show", name).out();
                assertTrue(shownJson.contains("\"impairment\":{\"engine\":\"" + (netem ? "kernel" : "userspace")
                        + "\",\"rate_bit\":10000000,\"delay_ms\":5,\"loss_pct\":2"), shownJson);
                CliRun clear = CliRun.of("lab", "impair", name, "host:veth0", "none");
                assertEquals(0, clear.exit(), clear.err());
            } finally {
                LabCommand.IN_PROCESS_HOST.set(null);
            }
            CliRun clear = CliRun.of("lab", "impair", name, "host:veth0", "none");
            assertEquals(0, clear.exit(), clear.err());
            assertFalse(CliRun.of("lab", "show", name).out().contains("["), "no impairment left");
            CliRun cut = CliRun.of("lab", "partition", name, "host", "/", "example_ns");
                assertEquals(0, cut.exit(), cut.err());
                assertTrue(CliRun.of("lab", "show", name).out().contains("partition: "), "show names the partition");
                CliRun samePartition = CliRun.of("lab", "partition", name, "host", "/", "example_ns");
                assertTrue(samePartition.out().contains("(it was in place already: nothing changed)"), samePartition.out());
                assertEquals(CliRun.of("lab", "show", name).out(), CliRun.of("lab", "show", file.toString()).out(),
                        "lab show takes the file as lab down does");
                CliRun twice = CliRun.of("lab", "partition", name, "host", "/", "example_ns", "--oneway", "--oneway");
                assertEquals(2, twice.exit());
                assertTrue(twice.err().contains("--oneway is given twice"), twice.err());
                assertTrue(CliRun.of("-j", "lab", "show", name).out().contains("\"partition\":[{\"from\":"));
                assertFalse(connects(host, "10.200.1.3", 80), "cut by the partition");
                CliRun heal = CliRun.of("lab", "heal", name);
                assertEquals(0, heal.exit(), heal.err());
                assertTrue(heal.out().contains("healed"), heal.out());
                assertTrue(connects(host, "10.200.1.3", 80), "healed");
            }
            assertTrue(CliRun.of("lab", "heal", name).out().contains("had no partition"));
            CliRun badCut = CliRun.of("lab", "partition", name, "host", "/", "nosuch");
            assertEquals(2, badCut.exit());
            assertTrue(badCut.err().contains("nosuch") && badCut.err().contains("nothing was changed"), badCut.err());
            assertEquals(1, CliRun.of("lab", "link", name, "host:nosuch", "up").exit());
            CliRun down = CliRun.of("lab", "down", file.toString());
            assertEquals(0, down.exit(), down.err());
            assertTrue(down.out().contains("2 namespaces removed"), down.out());
            assertFalse(r.names().stream().anyMatch(n -> n.startsWith(name)));
            CliRun gone = CliRun.of("lab", "down", name);
            assertEquals(1, gone.exit());
            assertTrue(gone.err().contains("No lab"), gone.err());
            assertEquals(1, CliRun.of("lab", "show", name).exit());
        } finally {
            Lab.down(name, r);
            Files.deleteIfExists(Path.of("/run/netns4j/labs", name + ".lock"));
            Files.deleteIfExists(Path.of("/run/netns4j/labs", name + ".yaml"));
            Files.delete(file);
        }
    }

    private static boolean connects(Netns from, int port) throws Exception {
        return connects(from, "10.200.1.2", port);
    }

    private static boolean connects(Netns from, String address, int port) throws Exception {
        return from.call(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 500);
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }
}
