package io.netns4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netns4j.NetnsRegistry;
import io.netns4j.testing.Ip;
import io.netns4j.testing.RequiresRoot;
import io.netns4j.testing.Scratch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netns4j -n NS nft ...} against {@code ip netns exec NS nft ...}, in a namespace of the test's own. */
@RequiresRoot
class NftCliTest {
    private final Scratch scratch = new Scratch();
    private final ObjectMapper json = new ObjectMapper();
    private String ns;

    @BeforeEach
    void namespace() throws Exception {
        ns = scratch.name("nft");
        NetnsRegistry.system().add(ns).close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        scratch.close();
    }

    private CliRun run(int expectedExit, String... nftArgs) {
        List<String> args = new ArrayList<>(List.of("-n", ns, "nft"));
        args.addAll(List.of(nftArgs));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(expectedExit, r.exit(), String.join(" ", nftArgs) + ": " + r.err());
        return r;
    }

    private String nft(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "nft"));
        cmd.addAll(List.of(args));
        return Ip.run(Map.of(), cmd.toArray(String[]::new)).ok().out();
    }

    @Test
    void theCommandLanguageInsideTheNamespace() throws Exception {
        run(0, "add", "table", "inet", "t");
        run(0, "add chain inet t input { type filter hook input priority 0; policy accept; }");
        run(0, "add", "set", "inet", "t", "blocked", "{ type ipv4_addr; flags interval; }");
        run(0, "add", "element", "inet", "t", "blocked", "{ 192.0.2.0/24, 198.51.100.7 }");
        run(0, "add", "map", "inet", "t", "ports", "{ type inet_service : verdict; }");
        run(0, "add", "element", "inet", "t", "ports", "{ 22 : accept, 23 : drop }");
        run(0, "add", "rule", "inet", "t", "input", "ip", "saddr", "@blocked", "counter", "drop");
        run(0, "add", "rule", "inet", "t", "input", "tcp", "dport", "vmap", "@ports");
        run(0, "insert", "rule", "inet", "t", "input", "iifname", "lo", "accept");
        assertEquals(nft("list", "ruleset"), run(0, "list", "ruleset").out());
        assertEquals(nft("-a", "list", "ruleset"), run(0, "-a", "list", "ruleset").out());
        assertEquals(nft("list", "set", "inet", "t", "blocked"), run(0, "list", "set", "inet", "t", "blocked").out());
        assertEquals(json.readTree(nft("-j", "list", "ruleset")), json.readTree(run(0, "-j", "list", "ruleset").out()));
        assertEquals(json.readTree(nft("-j", "list", "ruleset")),
                json.readTree(CliRun.of("-j", "-p", "-n", ns, "nft", "list", "ruleset").out()), "netns4j -j -p too");

        String handle = nft("-a", "list", "chain", "inet", "t", "input").lines()
                .filter(l -> l.contains("vmap")).findFirst().orElseThrow().replaceAll(".*# handle ", "");
        run(0, "replace", "rule", "inet", "t", "input", "handle", handle, "tcp", "dport", "22", "accept");
        run(0, "delete", "element", "inet", "t", "blocked", "{ 198.51.100.7 }");
        assertTrue(nft("list", "ruleset").contains("tcp dport 22 accept"));
        assertTrue(!nft("list", "ruleset").contains("198.51.100.7"));
        run(0, "flush", "chain", "inet", "t", "input");
        run(0, "delete", "table", "inet", "t");
        assertEquals("", nft("list", "ruleset"));
    }

    @Test
    void scriptsFromAFileInOneTransaction() throws Exception {
        Path file = Files.createTempFile("netns4j-test-", ".nft");
        try {
            Files.writeString(file, """
                    table ip filter {
                    \tchain INPUT {
                    \t\ttype filter hook input priority 0; policy drop;
                    \t\tct state established,related accept
                    \t\ttcp dport { 22, 80 } accept
                    \t}
                    }
                    """);
            run(0, "-c", "-f", file.toString());
            assertEquals("", nft("list", "ruleset"), "-c checks only");
            run(0, "-f", file.toString());
            String good = nft("list", "ruleset");
            assertTrue(good.contains("tcp dport { 22, 80 } accept"), good);
            Files.writeString(file, "flush ruleset\nadd table ip other\nadd rule ip filter INPUT jump nowhere\n");
            CliRun bad = run(1, "-f", file.toString());
            assertTrue(bad.err().startsWith(file + ":3:"), bad.err());
            assertTrue(bad.err().contains("Error: Could not process rule: No such file or directory"), bad.err());
            assertEquals(good, nft("list", "ruleset"), "the failed file changed nothing, flush ruleset included");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void errorsAndUsage() {
        CliRun syntax = run(1, "add", "table", "ip", "t;", "add", "chain", "ip", "t", "c;", "add", "rule", "ip", "t", "c",
                "tcp", "dport", "80", "acept");
        assertTrue(syntax.err().startsWith("Error: syntax error"), syntax.err());
        assertTrue(syntax.err().contains("^"), syntax.err());
        assertEquals("", nft("list", "ruleset"), "one command line is one transaction");
        CliRun kernel = run(1, "add", "rule", "ip", "nope", "c", "accept");
        Ip.Result oracle = Ip.run(Map.of(), "ip", "netns", "exec", ns, "nft", "add", "rule", "ip", "nope", "c", "accept");
        assertEquals(1, oracle.exit());
        assertEquals(oracle.err(), kernel.err(), "the same words as nft");
        assertTrue(run(2, "-i").err().contains("interactive"));
        assertTrue(run(2, "--bogus", "list", "ruleset").err().contains("\"--bogus\""));
        assertTrue(run(2).err().startsWith("Usage: netns4j"));
        assertTrue(run(2, "-f", "x", "list", "ruleset").err().contains("not both"));
        assertEquals("", run(0, "list", "ruleset").out());
    }
}
