package io.netns4j.firewall.iptables;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jazzer over the iptables line parser and the iptables-nft encoding: any line parses or is
 * refused with an {@link IptablesSyntaxException}; a rule that parses is written as
 * iptables-nft writes it or refused with an {@link IllegalArgumentException}; and what is
 * written reads back as the same rule (what {@code -D} and {@code -C} rely on).
 */
class IptablesLineFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void linesParseAndWhatIsWrittenReadsBack(@NotNull byte[] data) {
        // a line of iptables words; "6 " in front makes it an ip6tables line
        String line = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        Family family = line.startsWith("6 ") ? Family.IP6 : Family.IP;
        line = line.startsWith("6 ") ? line.substring(2) : line;
        IptablesCommandLine c;
        try {
            c = IptablesCommandLine.parse(line, family);
        } catch (IptablesSyntaxException e) {
            return;
        }
        if (c.rule().isEmpty()) {
            return;
        }
        Rule rule = c.rule().get();
        IptablesNftWriter.Encoded e;
        try {
            e = IptablesNftWriter.encode(rule, family);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertEquals(rule.withoutCounts(), IptablesNftReader.read(e.expressions(), family).withoutCounts(), line);
    }
}
