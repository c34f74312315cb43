package io.netns4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netns4j tc qdisc}: a root tbf, shown as {@code tc qdisc show} shows it (text and JSON). */
@RequiresRoot
class TcCliTest {
    private final Scratch scratch = new Scratch();
    private String ns;

    @BeforeEach
    void namespace() {
        ns = scratch.name("tc");
        assertEquals(0, CliRun.of("netns", "add", ns).exit());
        ip("-n", ns, "link", "add", "v0", "up", "type", "veth", "peer", "name", "v1").ok();
        ip("-n", ns, "link", "set", "lo", "up").ok();
    }

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    private static Ip.Result tc(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "tc";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return Ip.run(Map.of(), cmd).ok();
    }

    private CliRun run(int expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(expected, r.exit(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    @Test
    void addReplaceShowAndDeleteAsTcDoes() throws Exception {
        run(0, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "tbf", "rate", "1mbit", "burst", "32kbit",
                "latency", "400ms");
        assertEquals(tc("-n", ns, "qdisc", "show").out(), run(0, "-n", ns, "tc", "qdisc", "show").out());
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(tc("-j", "-n", ns, "qdisc", "show").out()),
                m.readTree(run(0, "-j", "-n", ns, "tc", "qdisc", "show").out()));
        assertTrue(run(1, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "tbf", "rate", "1mbit", "burst", "32kbit",
                "latency", "400ms").err().startsWith("Error: "), "the kernel's own words");
        run(0, "-n", ns, "tc", "qdisc", "replace", "dev", "v0", "root", "tbf", "rate", "10mbit", "burst", "10kb",
                "limit", "30000");
        assertEquals(tc("-n", ns, "qdisc", "show", "dev", "v0").out(),
                run(0, "-n", ns, "tc", "qdisc", "show", "dev", "v0").out());
        run(0, "-n", ns, "tc", "qdisc", "del", "dev", "v0", "root");
        assertTrue(tc("-n", ns, "qdisc", "show", "dev", "v0").out().startsWith("qdisc noqueue"));
    }

    @Test
    void badInputIsAUsageError() {
        assertTrue(run(2, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "tbf", "rate", "1000", "burst", "32kbit",
                "latency", "400ms").err().contains("write it with a unit"));
        assertTrue(run(2, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "netem", "delay").err()
                .contains("\"delay\" needs a time"));
        assertTrue(run(2, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "netem", "reorder", "5%").err()
                .contains("not possible without a delay"));
        assertTrue(run(2, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "netem", "delay", "10ms", "1ms", "25%")
                .err().contains("does not support a delay correlation"));
        assertTrue(run(2, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "netem", "corrupt", "1%").err()
                .contains("does not support \"corrupt\""));
        assertTrue(run(2, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "netem", "loss", "101%").err()
                .contains("out of range"));
        assertTrue(run(2, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "handle", "x:", "tbf").err()
                .contains("not a qdisc handle"));
        assertTrue(run(2, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "parent", "1:1", "netem").err()
                .contains("give one of them, once"));
        assertTrue(run(2, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "tbf", "rate", "1mbit").err()
                .contains("needs \"rate\" and \"burst\""));
        assertTrue(run(2, "-n", ns, "tc", "filter", "show").err().contains("\"tc qdisc\" so far"));
    }

    @Test
    void netemIsRefusedByAKernelWithoutIt() throws Exception {
        boolean available = io.netns4j.Netns.open(ns).qdiscs().netemAvailable();
        String before = tc("-n", ns, "qdisc", "show").out();
        CliRun r = CliRun.of("-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "netem", "delay", "50ms", "10ms", "loss",
                "1%", "duplicate", "0.1%", "reorder", "5%", "rate", "10mbit", "limit", "1000");
        if (available) {
            assertEquals(0, r.exit(), r.err());
            assertEquals(tc("-n", ns, "qdisc", "show").out(), run(0, "-n", ns, "tc", "qdisc", "show").out());
            ObjectMapper m = new ObjectMapper();
            assertEquals(m.readTree(tc("-j", "-n", ns, "qdisc", "show").out()),
                    m.readTree(run(0, "-j", "-n", ns, "tc", "qdisc", "show").out()));
            return;
        }
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("This kernel has no netem (sch_netem"), r.err());
        assertTrue(r.err().contains("Specified qdisc kind is unknown"), r.err());
        assertEquals(before, tc("-n", ns, "qdisc", "show").out(), "nothing changed");
    }

    @Test
    void tbfWithAHandleAndAChildPlace() throws Exception {
        run(0, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "handle", "1:", "tbf", "rate", "10mbit", "burst",
                "32kbit", "latency", "50ms");
        assertEquals(tc("-n", ns, "qdisc", "show", "dev", "v0").out(),
                run(0, "-n", ns, "tc", "qdisc", "show", "dev", "v0").out());
        assertTrue(tc("-n", ns, "qdisc", "show", "dev", "v0").out().startsWith("qdisc tbf 1: root"));
        // a tbf under the tbf: the child's place and handle, listed as tc lists them
        run(0, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "parent", "1:1", "handle", "10:", "tbf", "rate", "1mbit",
                "burst", "32kbit", "latency", "400ms");
        run(1, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "parent", "1:1", "handle", "10:", "tbf", "rate", "1mbit",
                "burst", "32kbit", "latency", "400ms");
        run(0, "-n", ns, "tc", "qdisc", "replace", "dev", "v0", "parent", "1:1", "handle", "10:", "tbf", "rate", "2mbit",
                "burst", "32kbit", "latency", "400ms");
        assertEquals(tc("-n", ns, "qdisc", "show", "dev", "v0").out(),
                run(0, "-n", ns, "tc", "qdisc", "show", "dev", "v0").out());
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(tc("-j", "-n", ns, "qdisc", "show").out()),
                m.readTree(run(0, "-j", "-n", ns, "tc", "qdisc", "show").out()));
        run(0, "-n", ns, "tc", "qdisc", "del", "dev", "v0", "root");
    }

    @Test
    void tcsOwnStatisticsAndJsonOptionsAreWhatTcPrints() throws Exception {
        run(0, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "tbf", "rate", "10mbit", "burst", "32kbit",
                "latency", "50ms");
        ip("-n", ns, "link", "set", "v1", "up").ok();
        ip("-n", ns, "addr", "add", "10.0.0.1/24", "dev", "v0").ok();
        ip("netns", "exec", ns, "bash", "-c", "for i in $(seq 20); do echo x > /dev/udp/10.0.0.2/9; done").ok();
        for (String options : List.of("-s", "-j", "-s -j", "-statistics", "-json")) {
            for (List<String> show : List.of(List.of("qdisc", "show"), List.of("qdisc", "show", "dev", "v0"))) {
                List<String> tcArgs = new java.util.ArrayList<>(List.of("-n", ns));
                tcArgs.addAll(List.of(options.split(" ")));
                tcArgs.addAll(show);
                List<String> ours = new java.util.ArrayList<>(List.of("-n", ns, "tc"));
                ours.addAll(List.of(options.split(" ")));
                ours.addAll(show);
                for (int attempt = 1; ; attempt++) { // the kernel's own IPv6 packets move the counters
                    String before = tc(tcArgs.toArray(String[]::new)).out();
                    String mine = run(0, ours.toArray(String[]::new)).out();
                    if (before.equals(tc(tcArgs.toArray(String[]::new)).out()) || attempt == 5) {
                        assertEquals(before.strip(), mine.strip(), String.join(" ", ours));
                        break;
                    }
                }
            }
        }
        assertTrue(run(0, "-n", ns, "tc", "-s", "qdisc", "show", "dev", "v0").out().contains(" Sent "));
        assertTrue(run(2, "-n", ns, "tc", "-x", "qdisc", "show").err().contains("Option \"-x\" is unknown"));
    }
}
