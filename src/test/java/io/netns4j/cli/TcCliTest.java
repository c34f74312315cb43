package io.netns4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
        assertTrue(run(2, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "netem", "delay", "10ms").err()
                .contains("netem"));
        assertTrue(run(2, "-n", ns, "tc", "qdisc", "add", "dev", "v0", "root", "tbf", "rate", "1mbit").err()
                .contains("needs \"rate\" and \"burst\""));
        assertTrue(run(2, "-n", ns, "tc", "filter", "show").err().contains("\"tc qdisc\" so far"));
    }
}
