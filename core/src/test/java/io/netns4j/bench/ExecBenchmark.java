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

import java.util.concurrent.TimeUnit;

/**
 * {@code exec} of {@code /bin/true} in a namespace: {@link Netns#start} (enter, private mount
 * namespace, fresh /sys, then the JDK's process launch) against what a Java program without
 * netns4j does, start {@code ip netns exec NAME /bin/true}; and the JDK starting
 * {@code /bin/true} with no namespace at all, as the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExecBenchmark {
    private String name;
    private Netns ns;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        name = BenchNamespaces.track("exec");
        ns = NetnsRegistry.system().add(name);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (ns != null) {
            ns.close();
        }
        BenchNamespaces.deleteQuietly(name);
    }

    @Benchmark
    public int netns4jExecTrue() throws Exception {
        return ns.start(new ProcessBuilder("/bin/true")).waitFor();
    }

    @Benchmark
    public int ipNetnsExecTrue() throws Exception {
        return new ProcessBuilder("ip", "netns", "exec", name, "/bin/true").start().waitFor();
    }

    @Benchmark
    public int plainTrue() throws Exception {
        return new ProcessBuilder("/bin/true").start().waitFor();
    }
}
