package io.netns4j.bench;


import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The namespaces the benchmarks make: every name starts with {@link #PREFIX} (bench/jmh.sh
 * sets it to {@code bench-<its pid>-} and sweeps that prefix when it ends), and every name
 * handed out is deleted by the state's @TearDown and, as a last resort, by a shutdown hook.
 */
final class BenchNamespaces {
    static final String PREFIX = System.getProperty("netns4j.bench.prefix",
            "bench-" + ProcessHandle.current().pid() + "-");

    private static final NetnsRegistry REGISTRY = NetnsRegistry.system();
    private static final Set<String> TRACKED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TRACKED.forEach(BenchNamespaces::deleteQuietly)));
    }

    private BenchNamespaces() {
    }

    /** A name for {@code suffix}, tracked for deletion from now on. */
    static String track(String suffix) {
        String name = PREFIX + suffix;
        TRACKED.add(name);
        return name;
    }

    /** Deletes the name if it exists; never throws (a teardown must go on). */
    static void deleteQuietly(String name) {
        try {
            if (Files.exists(file(name), LinkOption.NOFOLLOW_LINKS)) {
                REGISTRY.delete(name);
            }
            TRACKED.remove(name);
        } catch (NetnsException | RuntimeException e) {
            System.err.println("bench: could not delete namespace " + name + ": " + e.getMessage());
        }
    }

    /** Runs {@code ip -n NAMESPACE -batch -} with {@code lines} on its input; fails unless it exits 0. */
    static void ipBatch(String namespace, List<String> lines) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "-n", namespace, "-batch", "-")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
        }
        int status = p.waitFor();
        if (status != 0) {
            throw new IOException("ip -n " + namespace + " -batch exited with " + status);
        }
    }

    /** Runs one {@code ip} process as a Java program without netns4j would; returns its status. */
    static int ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(args.length + 1);
        cmd.add("ip");
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start()
                .waitFor();
    }

    /** Like {@link #ip} but fails unless it exits 0. */
    static void ipOrFail(String... args) throws IOException, InterruptedException {
        int status = ip(args);
        if (status != 0) {
            throw new IOException("ip " + String.join(" ", args) + " exited with " + status);
        }
    }

    static Path file(String name) {
        return REGISTRY.directory().resolve(name);
    }
}
