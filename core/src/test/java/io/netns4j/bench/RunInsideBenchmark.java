package io.netns4j.bench;

import io.netns4j.Netns;
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

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The cost of running a trivial task inside a namespace: a one-off {@link Netns#call}
 * (a hand-off to a worker that enters and leaves the namespace), a task submitted to an
 * executor whose thread lives in the namespace, and, as the floor, the same submit to an
 * ordinary single-thread executor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RunInsideBenchmark {
    private String name;
    private Netns ns;
    private ExecutorService inside;
    private ExecutorService plain;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        name = BenchNamespaces.track("run-inside");
        ns = NetnsRegistry.system().add(name);
        inside = ns.executor(1);
        plain = Executors.newSingleThreadExecutor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (inside != null) {
            inside.shutdownNow();
        }
        if (plain != null) {
            plain.shutdownNow();
        }
        if (ns != null) {
            ns.close();
        }
        BenchNamespaces.deleteQuietly(name);
    }

    @Benchmark
    public Integer call() throws Exception {
        return ns.call(() -> 1);
    }

    @Benchmark
    public Integer executor() throws Exception {
        return inside.submit(() -> 1).get();
    }

    /** Floor: the same hand-off to a thread with no namespace involved. */
    @Benchmark
    public Integer plainExecutor() throws Exception {
        return plain.submit(() -> 1).get();
    }
}
