package io.netns4j.lab.file;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The corpus of bad topology files: each starts with {@code # expect: LINE:COLUMN: FRAGMENT}, and
 * reading it must fail with a problem at that position whose message contains the fragment.
 */
class BadTopologyTest {
    private static final Path DIR = Path.of("lab/src/test/resources/labs/bad");
    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+): (.+)");

    static Stream<Path> files() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 30, "the corpus has at least 30 files, found " + files.size());
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void eachBadFileGivesItsProblem(Path file) throws IOException {
        String text = Files.readString(file);
        Matcher m = EXPECT.matcher(text.lines().findFirst().orElse(""));
        assertTrue(m.matches(), file + " must start with \"# expect: LINE:COLUMN: FRAGMENT\"");
        String name = file.getFileName().toString();
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyFile.parse(name, text));
        String expected = name + ":" + m.group(1) + ":" + m.group(2) + ": ";
        boolean found = e.problems().stream()
                .anyMatch(p -> p.toString().startsWith(expected) && p.toString().contains(m.group(3)));
        assertTrue(found, "expected " + expected + "..." + m.group(3) + "\nbut got:\n" + e.getMessage());
    }
}
