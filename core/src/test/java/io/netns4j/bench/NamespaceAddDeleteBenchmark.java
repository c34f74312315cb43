package io.netns4j.bench;

import io.netns4j.NetnsRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Adding a named namespace and deleting it again, one name reused. {@code addDelete} is
 * {@code add(name).close(); delete(name)}, which returns before the kernel has freed the
 * namespace (as {@code ip netns delete} does); {@code addDeleteWait} waits for the kernel's
 * teardown too. The peer is an {@code ip netns add} and an {@code ip netns delete} process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class NamespaceAddDeleteBenchmark {
    private final NetnsRegistry registry = NetnsRegistry.system();
    private String name;

    @Setup(Level.Trial)
    public void setUp() {
        name = BenchNamespaces.track("add-delete");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchNamespaces.deleteQuietly(name);
    }

    @Benchmark
    public void addDelete() throws Exception {
        registry.add(name).close();
        registry.delete(name);
    }

    @Benchmark
    public void addDeleteWait() throws Exception {
        registry.add(name).close();
        registry.delete(name, Duration.ofSeconds(30));
    }

    /** Peer: {@code ip netns add NAME} then {@code ip netns delete NAME}, one process each. */
    @Benchmark
    public void ipProcessAddDelete() throws Exception {
        BenchNamespaces.ipOrFail("netns", "add", name);
        BenchNamespaces.ipOrFail("netns", "delete", name);
    }
}
