package io.netns4j.cli;

import io.netns4j.testing.TestNames;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netns4j nft} options and output shaping; nothing here reaches a namespace (no root needed). */
class NftOptionsTest {
    @Test
    void prettyJsonIsIndentedLikeTheRestOfNetns4j() {
        assertEquals("""
                {
                    "nftables": [
                        {
                            "rule": {
                                "comment": "a, b: {c}",
                                "expr": [
                                    {
                                        "accept": null
                                    }
                                ],
                                "x": {}
                            }
                        }
                    ]
                }""", NftCommand.pretty("{\"nftables\": [{\"rule\": {\"comment\": \"a, b: {c}\", \"expr\": [{\"accept\": null}],"
                + " \"x\": {}}}]}"));
        assertEquals("[]", NftCommand.pretty("[ ]"));
        assertEquals("\"q\\\"\"", NftCommand.pretty("\"q\\\"\""));
    }

    @Test
    void badOptionsAreUsageErrorsBeforeTheNamespaceIsOpened() {
        String absent = TestNames.unique("absent");
        for (String[] args : new String[][] {{"--bogus", "list", "ruleset"}, {"-i"}, {}, {"-f"}, {"-f", "x", "list"}}) {
            String[] all = new String[args.length + 3];
            all[0] = "-n";
            all[1] = absent;
            all[2] = "nft";
            System.arraycopy(args, 0, all, 3, args.length);
            CliRun r = CliRun.of(all);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.out());
        }
        CliRun help = CliRun.of("nft", "--help"); // prints only: nothing is opened or changed
        assertTrue(help.out().startsWith("Usage: netns4j [-n NAME] nft"), help.out());
        assertEquals(1, CliRun.of("-n", absent, "nft", "list", "ruleset").exit(), "good words reach the missing namespace");
    }
}
