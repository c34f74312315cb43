package io.netns4j.lab;

import io.netns4j.lab.wire.InProcessImpairmentHost;

import io.netns4j.NetnsRegistry;
import io.netns4j.lab.file.TopologyException;
import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.model.Topology;
import io.netns4j.testing.TestNames;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One lab of a root test: a unique name ({@code n4jt-PID-N-TAG}), lock and state files in a
 * temporary directory, and {@link #close()} that takes the lab down and removes the directory,
 * also when the test failed.
 */
final class TestLab implements AutoCloseable {
    final NetnsRegistry registry = NetnsRegistry.system();
    final String name;
    final Path lockDirectory;
    final Lab.Options options;
    /** The test JVM runs the lab's userspace impairment engines (there is no supervisor yet). */
    final InProcessImpairmentHost host = new InProcessImpairmentHost();

    TestLab(String tag) throws Exception {
        name = TestNames.unique(tag);
        lockDirectory = Files.createTempDirectory(TestNames.PREFIX + "locks-");
        options = Lab.Options.defaults().withLockDirectory(lockDirectory).withImpairmentHost(host);
    }

    /** A file's topology with its {@code name: r} line renamed to this lab. */
    Topology topology(String text) throws TopologyException {
        return TopologyFile.parse("lab.yaml", text.replace("name: r\n", "name: " + name + "\n"));
    }

    String namespace(String node) {
        return name + "-" + node;
    }

    /**
     * Takes the lab down, then checks that down left nothing: no {@code <lab>-*} namespace, and
     * nothing in the lock directory (down removes the state and the lock file itself).
     */
    @Override
    public void close() throws Exception {
        Lab.down(name, registry, options);
        host.close();
        List<Path> left;
        try (Stream<Path> s = Files.list(lockDirectory)) {
            left = s.toList();
        }
        for (Path p : left) {
            Files.delete(p);
        }
        Files.delete(lockDirectory);
        List<String> namespaces = registry.names().stream().filter(n -> n.startsWith(name + "-")).toList();
        if (!left.isEmpty() || !namespaces.isEmpty()) {
            throw new AssertionError("lab down left " + left + " " + namespaces);
        }
    }
}
