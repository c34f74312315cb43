package io.netns4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.RouteLab;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netns4j route} end to end: refused input needs no root (nothing reaches the
 * kernel); the rest runs in namespaces of the test's own, with {@code ip} as the oracle for
 * text, JSON and for what a command leaves behind.
 */
class RouteCliTest {
    private final Scratch scratch = new Scratch();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("route add default via veth1",
                        "'veth1' is not an address; to send through an interface use 'dev veth1'"),
                Arguments.of("route add 10.0.0.0/33 dev veth0", "prefix length 33 is out of range"),
                Arguments.of("route add 10.0.0.1/24 dev veth0", "has host bits set: the network is 10.0.0.0/24"),
                Arguments.of("route add", "A route needs a destination"),
                Arguments.of("route add default via 10.0.0.1 via 10.0.0.2", "A route has one \"via\""),
                Arguments.of("route add default nexthop", "Unexpected end of line after \"nexthop\""),
                Arguments.of("route add default nexthop via 10.0.0.1 bogus", "instead of \"bogus\""),
                Arguments.of("route add default nexthop via 10.0.0.1 weight 300", "\"weight\" value is invalid"),
                Arguments.of("route add bogus dev veth0", "Unknown argument \"bogus\""),
                Arguments.of("route add 10.0.0.0/8 10.1.0.0/16", "Two destinations"),
                Arguments.of("route add default via 10.0.0.1 table nosuch", "is not a routing table"),
                Arguments.of("route add default via 10.0.0.1 metric x", "\"metric\" value is invalid"),
                Arguments.of("route add default via 10.0.0.1 encap mpls 100", "\"encap\" in \"route\" is not supported"),
                Arguments.of("route -6 add 10.0.0.0/8 dev veth0", "\"-6\" was given but the addresses are inet"),
                Arguments.of("route add default dev a/b", "is not a valid interface name"),
                Arguments.of("route add default via 10.0.0.1 metric", "\"metric\" needs a value"),
                Arguments.of("route flush", "requires arguments"),
                Arguments.of("route get", "needs a destination address"),
                Arguments.of("route get 10.0.0.0/8", "looks up an address"),
                Arguments.of("route show table nosuch", "is not a routing table"),
                Arguments.of("route show type frob", "is not a route type"),
                Arguments.of("route frob", "Command \"frob\" is unknown"),
                Arguments.of("route save", "not supported"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void badInputIsAUsageErrorBeforeAnySystemCall(String command, String expected) {
        CliRun r = CliRun.of(command.split(" "));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), "stderr was: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void parsingAloneCatchesTheSeedsMistakeSoItCanRunBeforeTheNamespaceIsOpened() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RouteCommand.parse(List.of("add", "default", "via", "veth1")));
        assertEquals("'veth1' is not an address; to send through an interface use 'dev veth1'", e.getMessage());
    }

    private List<String> words(String ns, String command) {
        List<String> w = new ArrayList<>(List.of("-n", ns));
        w.addAll(List.of(command.split(" ")));
        return w;
    }

    private CliRun ours(String ns, String command) {
        return CliRun.of(words(ns, command).toArray(String[]::new));
    }

    private io.netns4j.testing.Ip.Result theirs(String ns, String command) {
        return ip(words(ns, command).toArray(String[]::new));
    }

    /** Our text and JSON for {@code command} (words after {@code route}) equal ip's, for the same state. */
    private void sameAsIp(String ns, String ourCommand, String ipCommand) throws Exception {
        CliRun text = ours(ns, ourCommand);
        io.netns4j.testing.Ip.Result expected = theirs(ns, ipCommand);
        assertEquals(expected.exit() == 0 ? 0 : 1, text.exit(), ourCommand + ": " + text.err());
        assertEquals(expected.out(), text.out(), ourCommand);
        assertEquals(expected.err(), text.err(), ourCommand);
        if (expected.exit() == 0) {
            JsonNode ipJson = mapper.readTree(theirs(ns, "-j " + ipCommand).ok().out());
            JsonNode ourJson = mapper.readTree(ours(ns, "-j " + ourCommand).out());
            assertEquals(ipJson, ourJson, ourCommand);
        }
    }

    private void sameAsIp(String ns, String command) throws Exception {
        sameAsIp(ns, command, command);
    }

    /** Routes of every kind, added with ip. */
    private String richLab() {
        String ns = RouteLab.create(scratch, "rshow");
        for (String c : List.of("route add default via 10.0.0.2",
                "route add 192.168.5.0/24 via 10.0.0.2 metric 100 proto static",
                "route add blackhole 10.9.0.0/16", "route add unreachable 10.8.0.0/16",
                "route add prohibit 10.7.0.0/16 table 100", "route add 10.50.0.0/16 via 10.0.0.3 table 100",
                "route add 172.16.0.0/16 nexthop via 10.0.0.2 dev veth0 weight 2 nexthop via 10.0.0.3 dev veth0",
                "route add 172.17.0.0/16 via 10.0.0.2 mtu lock 1400 advmss 1300 src 10.0.0.1",
                "route add 10.20.0.0/16 dev veth0 table 5000 scope link",
                "route add 2001:db8:5::/48 via 2001:db8::2 pref high", "-6 route add default dev veth0 metric 2000",
                "route add 10.30.0.0/16 via inet6 2001:db8::2", "rule add from 10.0.0.5 lookup 100 pref 1000")) {
            theirs(ns, c).ok();
        }
        return ns;
    }

    @Test
    @RequiresRoot
    void showPrintsWhatIpPrintsForEverySelector() throws Exception {
        String ns = richLab();
        for (String c : List.of("route", "route show", "route show table all", "route show table 100",
                "route show table local", "route show table 5000", "route show dev veth0", "route show via 10.0.0.2",
                "route show root 10.0.0.0/8", "route show match 10.0.0.7", "route show exact 10.0.0.0/24",
                "route show table local dev lo", "route show proto static", "route show type blackhole",
                "route show scope link", "route show src 10.0.0.1", "route show metric 100", "route show default",
                "route list table all type local")) {
            sameAsIp(ns, c);
        }
        sameAsIp(ns, "route -6 show", "-6 route show");
        sameAsIp(ns, "route -6 show table local", "-6 route show table local");
        sameAsIp(ns, "route -6 show dev veth0", "-6 route show dev veth0");
    }

    @Test
    @RequiresRoot
    void getAnswersWhatIpAnswers() throws Exception {
        String ns = richLab();
        for (String c : List.of("route get 10.50.1.1", "route get 10.50.1.1 from 10.0.0.5", "route get 10.0.0.2",
                "route get 10.0.0.1", "route get 127.0.0.1", "route get 172.16.1.1", "route get 10.50.1.1 oif veth0",
                "route get fibmatch 10.50.1.1", "route get 10.50.1.1 mark 5", "route get 10.9.1.1",
                "route get 10.8.1.1", "route get 2001:db8:5::7", "route get 2001:db8::7")) {
            sameAsIp(ns, c);
        }
        CliRun policy = ours(ns, "route get 10.50.1.1 from 10.0.0.5");
        assertTrue(policy.out().startsWith("10.50.1.1 from 10.0.0.5 via 10.0.0.3 dev veth0"), policy.out());
    }

    @Test
    @RequiresRoot
    void changesLeaveWhatIpsLeave() throws Exception {
        String mine = RouteLab.create(scratch, "rmine");
        String ips = RouteLab.create(scratch, "rips");
        for (String[] c : new String[][] {
                {"route add default via 10.0.0.2"},
                {"route add 10.1.0.0/16 src 10.0.0.1 via 10.0.0.2 metric 7 table 1000 dev veth0 mtu lock 1400"},
                {"route add 172.16.0.0/16 nexthop via 10.0.0.2 dev veth0 weight 2 nexthop via 10.0.0.3"},
                {"route add blackhole 10.9.0.0/16"}, {"route add unreachable 10.8.0.0/16 metric 5"},
                {"route add prohibit 10.7.0.0/16 table 100"}, {"route add throw 10.66.0.0/16 table 100"},
                {"route add 2001:db8:5::/48 via 2001:db8::2 pref high"},
                {"route add local 10.0.0.77 dev veth0"}, {"route add 10.20.0.0/16 dev veth0 proto static"},
                {"route add 10.42.0.0/16 via 10.0.0.2 advmss 1300 hoplimit 20 initcwnd 10 window 5000"},
                {"route add 10.43.0.0/16 via 10.0.0.2 dev veth0 onlink"},
                {"route append 10.40.0.0/16 via 10.0.0.2"}, {"route append 10.40.0.0/16 via 10.0.0.3"},
                {"route prepend 10.40.0.0/16 via 10.0.0.4"}, {"route replace default via 10.0.0.3"},
                {"route change 10.1.0.0/16 via 10.0.0.4 metric 7 table 1000"}, {"route del unreachable 10.8.0.0/16"},
                {"route del 10.40.0.0/16 via 10.0.0.3"}, {"route flush table 100"},
                {"route -6 add default dev veth0 metric 2000", "-6 route add default dev veth0 metric 2000"},
                {"route -6 add 2001:db8:6::/48 nexthop via 2001:db8::2 nexthop via 2001:db8::3",
                        "-6 route add 2001:db8:6::/48 nexthop via 2001:db8::2 nexthop via 2001:db8::3"}}) {
            CliRun r = ours(mine, c[0]);
            assertEquals(0, r.exit(), c[0] + ": " + r.err());
            theirs(ips, c.length > 1 ? c[1] : c[0]).ok();
        }
        assertEquals(routesOf(ips), routesOf(mine));
    }

    /** Every route of both families in every table, as ip -j shows it, less the link-local ones (MACs differ). */
    private List<JsonNode> routesOf(String ns) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : mapper.readTree(theirs(ns, "-j route show table all").ok().out())) {
            if (!r.path("dst").asText().startsWith("fe80")) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    @RequiresRoot
    void theSeedsMistakeIsRefusedAndChangesNothing() {
        String ns = RouteLab.create(scratch, "rseed");
        CliRun r = ours(ns, "route add default via veth1");
        assertEquals(2, r.exit());
        assertEquals("'veth1' is not an address; to send through an interface use 'dev veth1'\n", r.err());
        assertEquals("", theirs(ns, "route show default").ok().out());
        assertEquals(0, ours(ns, "route add default dev veth1").exit(), "what the seed meant");
        assertEquals("default dev veth1 scope link \n", theirs(ns, "route show default").ok().out());
    }

    @Test
    @RequiresRoot
    void failuresExitOneWithTheKernelsWords() {
        String ns = RouteLab.create(scratch, "rfail");
        CliRun noDevice = ours(ns, "route add 10.70.0.0/16 dev veth9");
        assertEquals(1, noDevice.exit());
        assertEquals("Device \"veth9\" does not exist in network namespace \"" + ns + "\".\n", noDevice.err());
        CliRun farGateway = ours(ns, "route add 10.71.0.0/16 via 192.168.99.1");
        assertEquals(1, farGateway.exit());
        assertEquals("Error: Nexthop has invalid gateway.\n", farGateway.err());
        assertEquals(0, ours(ns, "route add 10.72.0.0/16 via 10.0.0.2").exit());
        CliRun twice = ours(ns, "route add 10.72.0.0/16 via 10.0.0.2");
        assertEquals(1, twice.exit());
        assertEquals("RTNETLINK answers: File exists\n", twice.err());
        CliRun missing = ours(ns, "route del 10.73.0.0/16");
        assertEquals(1, missing.exit());
        assertEquals("RTNETLINK answers: No such process\n", missing.err());
        assertEquals(1, ours(ns, "route get 10.0.0.7 oif veth9").exit());
    }

    @Test
    @RequiresRoot
    void flushDeletesWhatTheSelectorSelects() {
        String ns = RouteLab.create(scratch, "rflush");
        for (String c : List.of("route add 10.60.0.0/16 via 10.0.0.2 proto static",
                "route add 10.61.0.0/16 via 10.0.0.2 proto static", "route add 10.62.0.0/16 via 10.0.0.2")) {
            theirs(ns, c).ok();
        }
        assertEquals(0, ours(ns, "route flush proto static").exit());
        assertEquals("", theirs(ns, "route show proto static").ok().out());
        assertEquals("10.62.0.0/16 via 10.0.0.2 dev veth0 \n", theirs(ns, "route show 10.62.0.0/16").ok().out());
        assertEquals(0, ours(ns, "route -6 flush dev veth0").exit());
        assertEquals("", theirs(ns, "-6 route show dev veth0").ok().out());
    }
}
