package io.netns4j.lab.file;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Jazzer over lab files: any text is a topology or a {@link TopologyException} with its
 * problems, never another exception.
 */
class TopologyFileFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void labFilesParseOrAreRefused(@NotNull byte[] data) {
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        try {
            TopologyFile.parse("fuzz.yaml", text);
        } catch (TopologyException e) {
            // the typed refusal
        }
    }
}
