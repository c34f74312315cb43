package io.netns4j.lab.runtime;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.lab.service.NamespaceOpener;
import io.netns4j.lab.service.ProcessTree;
import io.netns4j.lab.service.ServiceLog;
import io.netns4j.lab.service.Supervisor;
import io.netns4j.lab.service.SupervisorClient;
import io.netns4j.lab.service.SupervisorServer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Finds, starts and ends labs' supervisors. A supervisor runs either in its own process
 * ({@link SupervisorMain}, what the CLI uses: it outlives the {@code lab up} that started it)
 * or inside this JVM (for Java programs and tests that own the lab for their lifetime); both
 * answer on {@code <lab>.sock}, so every command reaches either the same way.
 */
public final class LabSupervisors {
    private static final Duration START_WAIT = Duration.ofSeconds(20);
    private static final Map<String, InProcess> IN_PROCESS = new ConcurrentHashMap<>();

    private record InProcess(Supervisor supervisor, SupervisorServer server) {
    }

    private LabSupervisors() {
    }

    /** Where a supervisor process writes its pid. */
    static Path pidFile(Path directory, String lab) {
        return directory.resolve(lab + ".supervisor.pid");
    }

    /** Where a supervisor process writes its own messages. */
    static Path logFile(Path directory, String lab) {
        return directory.resolve(lab + ".supervisor.log");
    }

    /** Opens a node's namespace for a supervisor, refusing one without the lab's mark. */
    static NamespaceOpener opener(NetnsRegistry registry, String lab) {
        return namespace -> {
            Netns n = registry.open(namespace);
            try {
                String alias = n.links().get("lo").alias();
                if (!LabMarks.of(lab).equals(alias)) {
                    throw new NotFoundException("Namespace \"" + namespace + "\" is not lab \"" + lab + "\"'s (its lo"
                            + " has no mark " + LabMarks.of(lab) + "); the supervisor starts nothing there", 2, null);
                }
                return n;
            } catch (NetnsException | RuntimeException e) {
                n.close();
                throw e;
            }
        };
    }

    /** A client of lab {@code lab}'s supervisor, when one answers. */
    public static Optional<SupervisorClient> find(Path directory, String lab) {
        Path socket = SupervisorServer.socketFile(directory, lab);
        return SupervisorClient.answers(socket) ? Optional.of(new SupervisorClient(socket)) : Optional.empty();
    }

    /**
     * The lab's supervisor, started when none answers: in this JVM when {@code inProcess}, else
     * as a process of its own, whose start is waited for (up to 20 s).
     *
     * @throws NetnsException it could not be started; the message has the last lines of its log
     */
    public static SupervisorClient ensure(String lab, Path directory, Path etcNetns, NetnsRegistry registry,
                                          boolean inProcess) throws NetnsException {
        Optional<SupervisorClient> found = find(directory, lab);
        if (found.isPresent()) {
            return found.get();
        }
        Path socket = SupervisorServer.socketFile(directory, lab);
        try {
            Files.createDirectories(directory);
            if (inProcess) {
                Supervisor s = new Supervisor(lab, directory, etcNetns, opener(registry, lab));
                IN_PROCESS.put(lab, new InProcess(s, SupervisorServer.listen(s, socket)));
                return new SupervisorClient(socket);
            }
            Process p = spawn(lab, directory, etcNetns, registry);
            long deadline = System.nanoTime() + START_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (SupervisorClient.answers(socket)) {
                    return new SupervisorClient(socket);
                }
                if (!p.isAlive()) {
                    break;
                }
                LockSupport.parkNanos(10_000_000);
                if (Thread.currentThread().isInterrupted()) {
                    p.destroyForcibly();
                    throw new io.netns4j.error.OperationInterruptedException("Interrupted while the supervisor of lab \""
                            + lab + "\" started");
                }
            }
            p.destroyForcibly();
            throw new NetnsException("The supervisor of lab \"" + lab + "\" did not start (" + (p.isAlive()
                    ? "no answer on " + socket + " after " + START_WAIT.toSeconds() + " s" : "it ended with status "
                    + p.exitValue()) + "); its log " + logFile(directory, lab) + " ends: " + tail(logFile(directory, lab)));
        } catch (IOException e) {
            throw new NetnsException("Cannot start the supervisor of lab \"" + lab + "\": " + e.getMessage());
        }
    }

    private static Process spawn(String lab, Path directory, Path etcNetns, NetnsRegistry registry)
            throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx96m",
                "-Xss512k", "-XX:-UsePerfData"));
        String modulePath = System.getProperty("jdk.module.path", "");
        String main = SupervisorMain.class.getName();
        if (!modulePath.isEmpty() && LabSupervisors.class.getModule().isNamed()) {
            cmd.addAll(List.of("--enable-native-access=io.netns4j.core", "-p", modulePath, "-m",
                    "io.netns4j.lab/" + main));
        } else {
            cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    main));
        }
        cmd.addAll(List.of("--lab", lab, "--directory", directory.toString(), "--etc-netns", etcNetns.toString(),
                "--netns-dir", registry.directory().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(directory, lab).toFile()))
                .redirectErrorStream(true)
                .directory(new File("/"));
        return pb.start();
    }

    /**
     * Ends lab {@code lab}'s supervisor, which first stops every service at once, and waits until
     * its process has ended; then removes its socket, pid file, its log and the services' logs.
     * Returns what could not be done.
     */
    public static List<String> shutdown(String lab, Path directory) {
        long pid = readPid(directory, lab);
        List<String> left = new ArrayList<>(requestShutdown(lab, directory));
        left.addAll(awaitExit(lab, pid));
        return left;
    }

    /**
     * Asks lab {@code lab}'s supervisor to stop every service and end, without waiting for its
     * process to end (its services have ended when this returns); removes its files. A
     * supervisor in this JVM is shut down here. Returns what could not be done. Pair with
     * {@link #awaitExit}, given {@link #readPid} from before.
     */
    public static List<String> requestShutdown(String lab, Path directory) {
        List<String> left = new ArrayList<>();
        InProcess local = IN_PROCESS.remove(lab);
        if (local != null) {
            left.addAll(local.supervisor().shutdown());
            local.server().close();
        }
        Optional<SupervisorClient> client = find(directory, lab);
        if (client.isPresent()) {
            try {
                left.addAll(client.get().shutdown());
            } catch (IOException | SupervisorClient.Refused e) {
                left.add("supervisor of lab " + lab + ": " + e.getMessage());
            }
        }
        try {
            Files.deleteIfExists(SupervisorServer.socketFile(directory, lab));
            Files.deleteIfExists(pidFile(directory, lab));
            Files.deleteIfExists(logFile(directory, lab));
            deleteTree(ServiceLog.directory(directory, lab));
        } catch (IOException e) {
            left.add("supervisor files of lab " + lab + ": " + e);
        }
        return left;
    }

    /**
     * Waits up to five seconds for supervisor process {@code pid} of {@code lab} to end, then
     * kills it; a pid that is not a supervisor of this lab (reused, or 0) is left alone.
     */
    public static List<String> awaitExit(String lab, long pid) {
        if (pid <= 0 || !isSupervisorOf(pid, lab)) {
            return List.of();
        }
        if (ProcessTree.waitGone(List.of(pid), Duration.ofSeconds(5)).isEmpty()) {
            return List.of();
        }
        return ProcessTree.stopAll(List.of(pid), 15, Duration.ofSeconds(2), false);
    }

    /** The pid a supervisor process of {@code lab} wrote, 0 when there is none. */
    public static long readPid(Path directory, String lab) {
        try {
            return Long.parseLong(Files.readString(pidFile(directory, lab), StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Whether {@code pid}'s command line is a supervisor of {@code lab} (a reused pid is never killed). */
    private static boolean isSupervisorOf(long pid, String lab) {
        try {
            List<String> argv = List.of(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
            int i = argv.indexOf("--lab");
            return argv.stream().anyMatch(a -> a.endsWith(SupervisorMain.class.getSimpleName()))
                    && i >= 0 && i + 1 < argv.size() && argv.get(i + 1).equals(lab);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
