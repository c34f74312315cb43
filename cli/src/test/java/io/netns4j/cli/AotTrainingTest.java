package io.netns4j.cli;

import io.netns4j.testing.RequiresRoot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The launcher runs {@link AotTraining} after every build, as root on most machines: both
 * trainings (the full one builds and removes a lab and runs a {@code -batch} that makes and
 * deletes two namespaces) must leave no namespace, lab state or temporary file behind.
 */
@RequiresRoot
class AotTrainingTest {

    @Test
    void bothTrainingsLeaveNothingBehind() throws IOException {
        String mine = "netns4j-aot-" + ProcessHandle.current().pid();
        List<String> tmpBefore = tmpEntries();
        AotTraining.main(new String[] {"quick"});
        AotTraining.main(new String[0]);
        assertEquals(List.of(), namespacesStartingWith(mine), "namespaces left by the training");
        List<String> tmpAfter = tmpEntries();
        tmpAfter.removeAll(tmpBefore);
        assertEquals(List.of(), tmpAfter, "temporary files left by the training");
    }

    private static List<String> namespacesStartingWith(String prefix) throws IOException {
        Path run = Path.of("/run/netns");
        if (!Files.isDirectory(run)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(run)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    private static List<String> tmpEntries() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new java.util.ArrayList<>(s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("netns4j-aot-")).sorted().toList());
        }
    }
}
