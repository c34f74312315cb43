package io.netns4j.link;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.netns4j.error.MalformedMessageException;
import io.netns4j.error.NetnsException;
import io.netns4j.rule.Rules;

/**
 * Jazzer over the typed read-backs of link kinds (the tunnel families' {@code from}, on any
 * link message's IFLA_INFO_DATA) and of rules ({@link Rules#decode}, with uidrange and port
 * ranges): any bytes give values or a {@link MalformedMessageException}, never another
 * exception. Without {@code JAZZER_FUZZ} this replays the kept seeds (the tunnel goldens and
 * the rule requests), as CI does.
 */
class LinkKindFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void kindsAndRulesDecodeOrAreRefused(@NotNull byte[] data) {
        try {
            Link link = Links.decode(data);
            KindAttributes k = link.details().kindData();
            for (IpTunnel.Type t : IpTunnel.Type.values()) {
                IpTunnel.from(t, k, i -> null);
            }
            Ip6Tunnel.from(k, i -> "lo");
            for (GreTunnel.Type t : GreTunnel.Type.values()) {
                GreTunnel.from(t, k, i -> null);
            }
            for (VtiTunnel.Type t : VtiTunnel.Type.values()) {
                VtiTunnel.from(t, k, i -> null);
            }
        } catch (MalformedMessageException e) {
            // the typed refusal
        }
        try {
            Rules.decode(data);
        } catch (MalformedMessageException e) {
            // the typed refusal
        } catch (NetnsException e) {
            throw new AssertionError("a decoder may refuse only as malformed", e);
        }
    }
}
