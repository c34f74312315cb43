package io.netns4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code -d link show} and {@code -j -d link show} of the kinds whose IFLA_INFO_DATA netns4j
 * prints (vxlan, macvlan, veth, and the tunnels where the kernel has them), against ip 6.1 on
 * the same namespace; the links are made by ip, so that what is compared is the printing. The
 * tunnel kinds this kernel lacks are checked against ip's printer in TunnelDetailsViewTest.
 */
@RequiresRoot
class KindDetailsCliTest {
    private final Scratch scratch = new Scratch();
    private final ObjectMapper json = new ObjectMapper();
    private String ns;

    @BeforeEach
    void namespace() {
        ns = scratch.name("kinds");
        assertEquals(0, CliRun.of("netns", "add", ns).exit());
    }

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    private void ipOk(String... words) {
        List<String> all = new ArrayList<>(List.of("-n", ns));
        all.addAll(List.of(words));
        ip(all.toArray(String[]::new)).ok();
    }

    private void sameAsIp(String dev) throws Exception {
        String ipText = ip("-n", ns, "-d", "link", "show", "dev", dev).ok().out();
        CliRun ours = CliRun.of("-n", ns, "-d", "link", "show", "dev", dev);
        assertEquals(0, ours.exit(), ours.err());
        assertEquals(ipText, ours.out(), "-d link show dev " + dev);
        JsonNode ipJson = json.readTree(ip("-n", ns, "-j", "-d", "link", "show", "dev", dev).ok().out());
        CliRun oursJson = CliRun.of("-n", ns, "-j", "-d", "link", "show", "dev", dev);
        assertEquals(0, oursJson.exit(), oursJson.err());
        assertEquals(ipJson, json.readTree(oursJson.out()), "-j -d link show dev " + dev);
    }

    @Test
    void vxlanLinksPrintTheirDataAsIpDoes() throws Exception {
        ipOk("link", "add", "vx0", "type", "vxlan", "id", "42", "remote", "10.1.1.1", "local", "10.1.1.2", "dev", "lo",
                "ttl", "64", "nolearning", "dstport", "4789");
        ipOk("link", "add", "vx1", "type", "vxlan", "id", "7", "group", "ff05::1", "dev", "lo", "dstport", "0",
                "ageing", "0", "tos", "inherit", "maxaddr", "10", "srcport", "1000", "2000", "noudpcsum");
        ipOk("link", "add", "vx2", "type", "vxlan", "external", "ttl", "inherit", "df", "set", "dstport", "4789");
        ipOk("link", "add", "vx4", "type", "vxlan", "id", "10", "remote", "2001:db8::1", "local", "2001:db8::2",
                "flowlabel", "0x12", "df", "inherit", "dstport", "4789", "udp6zerocsumtx", "udp6zerocsumrx");
        ipOk("link", "add", "vx3", "type", "vxlan", "id", "9", "group", "239.1.1.1", "dev", "lo", "proxy", "l2miss",
                "l3miss", "tos", "0x10", "gbp", "dstport", "4789");
        for (String dev : List.of("vx0", "vx1", "vx2", "vx3", "vx4")) {
            sameAsIp(dev);
        }
    }

    @Test
    void macvlanAndVethLinksPrintTheirDataAsIpDoes() throws Exception {
        ipOk("link", "add", "v0", "type", "veth", "peer", "name", "v0p");
        ipOk("link", "add", "mv0", "link", "v0", "type", "macvlan", "mode", "bridge");
        ipOk("link", "add", "mv1", "link", "v0", "type", "macvlan", "mode", "private");
        ipOk("link", "add", "mv2", "link", "v0", "type", "macvlan", "mode", "source");
        ipOk("link", "set", "mv2", "type", "macvlan", "macaddr", "add", "02:00:00:00:00:0a");
        ipOk("link", "set", "mv2", "type", "macvlan", "macaddr", "add", "02:00:00:00:00:0b");
        ipOk("link", "add", "v1", "type", "veth", "peer", "name", "v1p");
        ipOk("link", "add", "mv3", "link", "v1", "type", "macvlan", "mode", "passthru", "nopromisc");
        for (String dev : List.of("v0", "v0p", "mv0", "mv1", "mv2", "mv3")) {
            sameAsIp(dev);
        }
    }

    @Test
    void tunnelsPrintTheirDataAsIpDoesWhereTheKernelHasThem() throws Exception {
        List<String[]> made = List.of(
                new String[] {"t4", "ipip", "local", "10.1.1.2", "remote", "10.1.1.1", "ttl", "64", "tos", "0x10"},
                new String[] {"t6", "sit", "mode", "ip6ip", "remote", "10.1.1.1", "fwmark", "7"},
                new String[] {"t7", "ip6tnl", "local", "2001:db8::2", "remote", "2001:db8::1", "encaplimit", "none"},
                new String[] {"g4", "gre", "remote", "10.1.1.1", "local", "10.1.1.2", "key", "42", "csum"},
                new String[] {"g5", "gretap", "remote", "10.1.1.1", "ikey", "1", "okey", "2", "seq"},
                new String[] {"g6", "ip6gre", "remote", "2001:db8::1", "tclass", "inherit", "flowlabel", "0x1"},
                new String[] {"vt", "vti", "remote", "10.1.1.1", "key", "5"},
                new String[] {"vt6", "vti6", "remote", "2001:db8::1", "ikey", "1.2.3.4"});
        int shown = 0;
        List<String> missing = new ArrayList<>();
        for (String[] m : made) {
            List<String> words = new ArrayList<>(List.of("-n", ns, "link", "add", m[0], "type"));
            words.addAll(List.of(m).subList(1, m.length));
            var r = ip(words.toArray(String[]::new));
            if (r.exit() != 0) {
                missing.add(m[1] + " (" + r.err().strip() + ")");
                continue;
            }
            sameAsIp(m[0]);
            shown++;
        }
        if (!missing.isEmpty()) {
            System.out.println("KindDetailsCliTest: this kernel lacks " + String.join(", ", missing));
        }
        assumeTrue(shown > 0, "this kernel has none of the tunnel drivers: " + String.join(", ", missing));
        assertTrue(shown > 0);
    }

    /**
     * {@code -d address show} prints the link's -d part too (the kind's and the port's lines), for
     * every family option as ip does: with {@code -4} the link/TYPE line and its details stay, an
     * IPv6 dump ({@code -6}) keeps link/TYPE and the address only; the JSON likewise. Address
     * lifetimes are the same here (forever), so the whole text is compared.
     */
    @Test
    void addressShowWithDetailsPrintsTheLinksDetailsAsIpDoes() throws Exception {
        ipOk("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ipOk("link", "add", "br0", "type", "bridge");
        ipOk("link", "set", "v1", "master", "br0");
        ipOk("address", "add", "10.1.1.1/24", "dev", "v0");
        ipOk("address", "add", "fd00::1/64", "dev", "v0", "nodad");
        ipOk("link", "add", "vx0", "type", "vxlan", "id", "5", "dstport", "4789");
        for (List<String> options : List.of(List.of("-d"), List.of("-d", "-4"), List.of("-d", "-6"), List.of("-d", "-o"))) {
            List<String> words = new ArrayList<>(List.of("-n", ns));
            words.addAll(options);
            words.addAll(List.of("address", "show"));
            String ipText = ip(words.toArray(String[]::new)).ok().out();
            CliRun ours = CliRun.of(words.toArray(String[]::new));
            assertEquals(0, ours.exit(), ours.err());
            assertEquals(ipText, ours.out(), String.join(" ", options) + " address show");
            words.add(2, "-j");
            JsonNode ipJson = json.readTree(ip(words.toArray(String[]::new)).ok().out());
            assertEquals(ipJson, json.readTree(CliRun.of(words.toArray(String[]::new)).out()),
                    "-j " + String.join(" ", options) + " address show");
        }
    }
}
