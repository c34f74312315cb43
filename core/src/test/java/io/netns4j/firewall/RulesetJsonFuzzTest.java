package io.netns4j.firewall;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Jazzer over the reader of nft's JSON ({@code nft -j list ruleset}): any text gives a listing
 * or an {@link IllegalArgumentException} naming the problem, never another exception.
 */
class RulesetJsonFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void nftJsonParsesOrIsRefused(@NotNull byte[] data) {
        String json = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        try {
            RulesetJson.parse(json);
        } catch (IllegalArgumentException e) {
            // the typed refusal
        }
    }
}
