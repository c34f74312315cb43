package io.netns4j.cli;

import io.netns4j.firewall.Family;
import io.netns4j.firewall.iptables.IptablesCommandLine;
import io.netns4j.firewall.iptables.IptablesSyntaxException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netns4j iptables} words that never reach a namespace: usage errors (exit 2) come
 * before the namespace is opened and print the library's message unchanged. The parser
 * itself is tested in {@code io.netns4j.firewall.iptables.IptablesSyntaxTest}; no root needed.
 */
class IptablesSyntaxTest {
    /** Splits like a shell for the simple quoting used here: "..." groups words. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                cur = cur == null ? new StringBuilder() : cur;
            } else if (c == ' ' && !quoted) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                cur = (cur == null ? new StringBuilder() : cur).append(c);
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    @Test
    void usageErrorsComeBeforeTheNamespaceIsOpened() {
        String absent = io.netns4j.testing.TestNames.unique("absent");
        CliRun r = CliRun.of("-n", absent, "iptables", "-A", "INPUT", "--foo", "1");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("\"--foo\""), r.err());
        r = CliRun.of("-n", absent, "ip6tables", "-A", "INPUT", "-s", "10.0.0.1");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("ip6tables: "), r.err());
        r = CliRun.of("-n", absent, "nft", "--bogus", "list", "ruleset");
        assertEquals(2, r.exit(), r.err());
        r = CliRun.of("-n", absent, "iptables");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("no command specified"), r.err());
        r = CliRun.of("-n", absent, "iptables", "-A", "INPUT", "-j", "ACCEPT");
        assertEquals(1, r.exit(), "good words reach the namespace, which is missing: " + r.err());
    }

    @Test
    void theCliPrintsTheLibrarysMessageUnchanged() {
        String absent = io.netns4j.testing.TestNames.unique("absent");
        for (String line : List.of("-A INPUT -p tcp --tcp-option 2 -j ACCEPT", "-t mangle -A PREROUTING -j ACCEPT", "",
                "-E old new", "-A INPUT -m conntrack --ctstate BOGUS")) {
            Family family = line.startsWith("-t") ? Family.IP6 : Family.IP;
            IptablesSyntaxException e = assertThrows(IptablesSyntaxException.class,
                    () -> IptablesCommandLine.parse(line, family), line);
            List<String> args = new ArrayList<>(List.of("-n", absent, family == Family.IP6 ? "ip6tables" : "iptables"));
            args.addAll(words(line));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, r.exit(), line + ": " + r.err());
            assertEquals(e.getMessage() + "\n", r.err(), line);
        }
    }

    @Test
    void wordsSplitsAsTheseTestsNeed() {
        assertEquals(List.of("a", "b c", "d"), words("a \"b c\" d"));
        assertEquals(Arrays.asList("x"), words(" x "));
    }
}
