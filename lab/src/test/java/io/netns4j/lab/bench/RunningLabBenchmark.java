package io.netns4j.lab.bench;

import io.netns4j.NetnsRegistry;
import io.netns4j.lab.Lab;
import io.netns4j.lab.LabSpec;
import io.netns4j.lab.RunningLab;
import io.netns4j.lab.model.Topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A lab per test method, as the JUnit extension makes it, timed in a warm JVM: N hosts on a
 * bridge, {@code RunningLab.start} then {@code close} (lab up, lab down), median of the rounds
 * after a warm-up, and the two halves apart. Run by bench/lab/running-lab.sh (root); labs are
 * named {@code bench-<pid>-*} and removed by close.
 */
public final class RunningLabBenchmark {
    private RunningLabBenchmark() {
    }

    /** {@code NODES ROUNDS [later]}: with {@code later}, {@link RunningLab#closeLater()} as the JUnit extension does per method. */
    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("bench-running-lab-");
        Lab.Options options = Lab.Options.defaults().withLockDirectory(dir);
        NetnsRegistry registry = NetnsRegistry.system();
        long[] total = new long[rounds];
        long[] up = new long[rounds];
        long[] down = new long[rounds];
        String[] hosts = new String[nodes];
        for (int k = 0; k < nodes; k++) {
            hosts[k] = "n" + (k + 1);
        }
        boolean later = args.length > 2 && args[2].equals("later");
        java.util.List<io.netns4j.lab.LabRelease> releases = new java.util.ArrayList<>();
        int warmup = 5;
        for (int i = 0; i < rounds + warmup; i++) {
            Topology t = LabSpec.named("bench-" + ProcessHandle.current().pid() + "-" + i).ipv4Pool("10.81.0.0/24")
                    .bridge("sw").hosts(hosts).on("sw").topology();
            long t0 = System.nanoTime();
            RunningLab lab = RunningLab.start(t, registry, options);
            long t1 = System.nanoTime();
            if (later) {
                releases.add(lab.closeLater()); // as @LabTest(perMethod = true): the kernel frees it meanwhile
            } else {
                lab.close();
            }
            long t2 = System.nanoTime();
            if (i >= warmup) {
                up[i - warmup] = t1 - t0;
                down[i - warmup] = t2 - t1;
                total[i - warmup] = t2 - t0;
            }
        }
        long w0 = System.nanoTime();
        for (io.netns4j.lab.LabRelease r : releases) {
            r.await(options.deleteWait());
        }
        long awaited = System.nanoTime() - w0;
        Files.deleteIfExists(dir);
        if (later) {
            System.out.printf("(closeLater: the %d releases awaited at the end in %.1f ms)%n", releases.size(), awaited / 1e6);
        }
        System.out.printf("%d hosts on a bridge, %d rounds after %d warm-up, %s: start+close median %.1f ms"
                + " (start %.1f ms, close %.1f ms; start+close min %.1f, max %.1f)%n", nodes, rounds, warmup,
                later ? "closeLater (per test method)" : "close (waiting for the kernel)",
                median(total), median(up), median(down), min(total), max(total));
    }

    private static double median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2] / 1e6;
    }

    private static double min(long[] v) {
        return Arrays.stream(v).min().orElse(0) / 1e6;
    }

    private static double max(long[] v) {
        return Arrays.stream(v).max().orElse(0) / 1e6;
    }
}
