package io.netns4j.firewall.iptables;

import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.Table;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link IptablesRestore}'s model of a table block, without a kernel (no root): the verbs run
 * against the table as the block has made it and their messages are collected; the CLI's
 * IptablesSaveCliTest compares whole restores with the real iptables-restore.
 */
class IptablesRestoreTest {
    private static Iptables.RestoreLine line(String text, boolean chainLine) throws IptablesSyntaxException {
        return new Iptables.RestoreLine(IptablesCommandLine.parse(text, Family.IP), chainLine);
    }

    private static IptablesRestore run(boolean noflush, String... lines) throws Exception {
        IptablesRestore r = new IptablesRestore("filter", Family.IP, 2, Optional.empty(), noflush);
        Iptables recording = new Iptables(new IptablesNetlink(null, Family.IP), Family.IP, r);
        for (String l : lines) {
            boolean chainLine = l.startsWith(":");
            r.apply(recording, line(chainLine ? "-N " + l.substring(1) : l, chainLine));
        }
        return r;
    }

    @Test
    void aBlockIsOneListOfMessagesAgainstTheTableItBuilds() throws Exception {
        IptablesRestore r = run(false, "-P INPUT DROP", ":web", "-A INPUT -j web", "-A web -p tcp -j ACCEPT",
                "-I web 2 -p udp -j DROP"); // 2 of 1 rule: an append, no handle needed
        Table t = r.snapshot("filter").orElseThrow().table();
        Chain input = t.chain("INPUT").orElseThrow();
        assertEquals(Policy.DROP, input.hook().policy());
        assertEquals(1, input.rules().size());
        assertEquals(2, t.chain("web").orElseThrow().rules().size());
        // new table, INPUT with its policy, web, three rules (no table existed, so none is deleted)
        assertEquals(1 + 1 + 1 + 3, r.ops().size());
    }

    @Test
    void rulesOfTheBlockCannotBeNamedAndOtherTablesAreRefused() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(true, "-A INPUT -j ACCEPT", "-D INPUT 1"));
        assertTrue(e.getMessage().contains("added earlier in the same table block"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> run(true, "-A INPUT -j ACCEPT", "-I INPUT 1 -j DROP"));
        assertThrows(IllegalArgumentException.class, () -> run(true, "-t nat -A PREROUTING -j ACCEPT"));
        assertThrows(io.netns4j.error.NotFoundException.class, () -> run(true, "-A INPUT -j nosuch"));
        assertThrows(IllegalArgumentException.class, () -> run(true, "-A INPUT -j ACCEPT", "-D INPUT -j ACCEPT"));
        IptablesRestore r = run(true, "-A INPUT -j ACCEPT", "-A INPUT -j DROP", "-F INPUT");
        assertTrue(r.snapshot("filter").orElseThrow().table().chain("INPUT").orElseThrow().rules().isEmpty());
        assertFalse(run(true).snapshot("filter").isPresent(), "--noflush of an absent table creates nothing");
    }
}
