package io.netns4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tun/tap devices: {@code tuntap add/del/show} and {@code link add ... type tun|tap}, against ip. */
@RequiresRoot
class TuntapCliTest {
    private final Scratch scratch = new Scratch();
    private String ns;

    @BeforeEach
    void namespace() {
        ns = scratch.name("tt");
        assertEquals(0, CliRun.of("netns", "add", ns).exit());
    }

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    private CliRun run(int expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(expected, r.exit(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    @Test
    void addShowAndDeleteLikeIp() throws Exception {
        run(0, "-n", ns, "tuntap", "add", "dev", "tap0", "mode", "tap");
        run(0, "-n", ns, "tuntap", "add", "tun0", "mode", "tun", "user", "1000", "group", "100", "multi_queue");
        run(0, "-n", ns, "tuntap", "add", "dev", "tun1", "mode", "tun", "pi", "vnet_hdr");
        String ours = run(0, "-n", ns, "tuntap", "show").out();
        assertEquals(ip("-n", ns, "tuntap", "show").ok().out(), ours);
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(ip("-j", "-n", ns, "tuntap", "show").ok().out()),
                m.readTree(run(0, "-j", "-n", ns, "tuntap", "show").out()),
                "JSON with ip's keys");
        run(0, "-n", ns, "tuntap", "del", "dev", "tun0", "mode", "tun");
        assertTrue(run(1, "-n", ns, "tuntap", "del", "dev", "tap0", "mode", "tun").err().contains("No tun device"));
        assertEquals(1, ip("-n", ns, "-o", "link", "show", "tap0").ok().out().lines().count());
        assertTrue(run(1, "-n", ns, "tuntap", "add", "dev", "tap0", "mode", "tap").err().contains("exists in"));
    }

    @Test
    void linkAddTypeTapAppliesTheOtherOptionsToo() {
        run(0, "-n", ns, "link", "add", "tap7", "mtu", "1400", "address", "02:00:00:00:00:07", "type", "tap");
        String shown = ip("-n", ns, "link", "show", "tap7").ok().out();
        assertTrue(shown.contains("mtu 1400") && shown.contains("02:00:00:00:00:07"), shown);
        assertTrue(run(2, "-n", ns, "tuntap", "add", "dev", "x0").err().contains("needs \"mode tun\" or \"mode tap\""));
        assertTrue(run(2, "-n", ns, "tuntap", "add", "dev", "x0", "mode", "bridge").err().contains("use tun or tap"));
    }

    @Test
    void detailsShowTheTunAttributesAsIpDoes() {
        run(0, "-n", ns, "tuntap", "add", "dev", "tq0", "mode", "tap", "multi_queue", "vnet_hdr");
        run(0, "-n", ns, "tuntap", "add", "dev", "tq1", "mode", "tun", "user", "0", "group", "0", "pi");
        for (String dev : java.util.List.of("tq0", "tq1")) {
            for (String[] options : java.util.List.of(new String[] {"-d"}, new String[] {"-j", "-d"}, new String[0])) {
                java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("-n", ns));
                words.addAll(java.util.List.of(options));
                words.addAll(java.util.List.of("link", "show", "dev", dev));
                String[] w = words.toArray(String[]::new);
                assertEquals(io.netns4j.testing.Ip.ip(w).ok().out(), run(0, w).out(), String.join(" ", w));
            }
        }
        assertTrue(run(0, "-n", ns, "-d", "link", "show", "tq1").out().contains("tun type tun pi on vnet_hdr off"
                + " persist on user root group root "));
    }
}
