package io.netns4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input is refused with exit status 2 and a message that names the problem, before any
 * system call: these tests need no root, which shows nothing was attempted.
 */
class UsageErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "netns add a/b                | Invalid netns name \"a/b\"",
            "netns add ..                 | Invalid netns name \"..\"",
            "netns add                    | No netns name specified",
            "netns add x y                | Extra argument \"y\"",
            "netns frob                   | Command \"frob\" is unknown, try \"netns4j netns help\"",
            "frob                         | Object \"frob\" is unknown",
            "-n example_ns ip route add default via veth1 | Write: netns4j -n example_ns route add default via veth1",
            "-n no-such-ns route add default via veth1 | 'veth1' is not an address; to send through an interface use 'dev veth1'",
            "xfrm state                   | Object \"xfrm\" is not supported by netns4j yet",
            "-q netns list                | Option \"-q\" is unknown",
            "-n                           | needs a namespace name",
            "netns set x                  | No nsid specified",
            "netns set x -3               | should be >= 0",
            "netns set x abc              | Invalid \"netnsid\" value",
            "netns attach x               | No PID specified",
            "netns attach x 0             | is not a pid",
            "netns attach x abc           | is not a pid",
            "netns identify abc           | is not a pid",
            "netns pids                   | No netns name specified",
            "netns list-id nsid           | needs a value",
            "netns list-id nsid -1        | should be >= 0",
            "netns list-id bogus 1        | Unknown argument \"bogus\"",
            "netns list-id nsid 1 nsid 2  | Duplicate argument",
            "netns delete                 | No netns name specified",
            "netns delete --wait=x n      | is not a number of seconds",
            "netns exec                   | No netns name specified",
            "netns exec x                 | No command specified",
            "netns exec iptables -A INPUT | is not a network namespace, it looks like a command",
    })
    void refusedWithExitTwo(String command, String expected) {
        CliRun r = CliRun.of(command.trim().split("\\s+"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), "stderr was: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void aTooLongNameSaysHowLongAndTheLimit() {
        CliRun r = CliRun.of("netns", "add", "x".repeat(300));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("300 bytes long, the limit is 255"), r.err());
    }

    @Test
    void versionAndHelpSucceed() {
        assertEquals("netns4j " + Version.NUMBER + "\n", CliRun.of("-V").out());
        assertTrue(CliRun.of("-h").out().startsWith("Usage: netns4j"));
        assertTrue(CliRun.of("netns", "help").out().contains("netns4j netns list-id"));
        assertEquals(2, CliRun.of().exit());
    }

    @Test
    void optionsTakeIpAbbreviationsAndDoubleDashes() throws Exception {
        GlobalOptions o = GlobalOptions.parse(java.util.List.of("--netns", "x", "-j", "-pr", "-a", "-force", "netns"));
        assertEquals("x", o.netns());
        assertTrue(o.json() && o.pretty() && o.all() && o.force());
        assertEquals(java.util.List.of("netns"), o.rest());
    }
}
