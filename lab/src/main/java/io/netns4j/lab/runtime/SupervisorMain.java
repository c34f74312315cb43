package io.netns4j.lab.runtime;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.ProcessSignals;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.service.Supervisor;
import io.netns4j.lab.service.SupervisorServer;
import io.netns4j.lab.wire.UserspaceImpairment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The per-lab supervisor process that {@code lab up} starts when a lab has services:
 * {@code java -cp netns4j.jar io.netns4j.lab.runtime.SupervisorMain --lab L --directory D
 * --etc-netns E --netns-dir N}. It makes itself a session leader (no terminal's signals reach
 * it), writes {@code <lab>.supervisor.pid}, answers on {@code <lab>.sock}, and ends when asked
 * ({@code lab down}) or when none of its lab's namespaces is left (someone removed the lab
 * without {@code lab down}). Its own output goes to {@code <lab>.supervisor.log}.
 */
public final class SupervisorMain {
    private static final long WATCH_MILLIS = 5_000;

    private SupervisorMain() {
    }

    /**
     * Runs the supervisor until it is asked to shut down.
     *
     * @param args {@code --lab L --directory D --etc-netns E --netns-dir N}
     */
    public static void main(String[] args) throws Exception {
        String lab = arg(args, "--lab");
        Path directory = Path.of(arg(args, "--directory"));
        Path etcNetns = Path.of(arg(args, "--etc-netns"));
        NetnsRegistry registry = NetnsRegistry.at(Path.of(arg(args, "--netns-dir")));
        try {
            ProcessSignals.startSession();
        } catch (NetnsException e) {
            System.err.println("netns4j supervisor: " + e.getMessage() + " (going on in the caller's session)");
        }
        Path pidFile = LabSupervisors.pidFile(directory, lab);
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        Supervisor supervisor = new Supervisor(lab, directory, etcNetns, LabSupervisors.opener(registry, lab));
        adoptEngines(supervisor, registry, lab);
        SupervisorServer server = SupervisorServer.listen(supervisor, SupervisorServer.socketFile(directory, lab));
        System.err.println(Instant.now() + " netns4j supervisor of lab " + lab + " started, pid "
                + ProcessHandle.current().pid());
        Thread watch = Thread.ofPlatform().daemon().start(() -> watch(registry, lab, server));
        server.awaitShutdown();
        watch.interrupt();
        List<String> left = supervisor.shutdown();
        server.close();
        left.forEach(l -> System.err.println("netns4j supervisor: " + l));
        Files.deleteIfExists(pidFile);
        System.err.println(Instant.now() + " netns4j supervisor of lab " + lab + " ended");
        System.exit(0);
    }

    /**
     * Puts back the userspace impairment engines an earlier supervisor of the lab ran (their
     * marks are on the taps: {@code netns4j-impair:WORDS seed N}): without a reader, what those
     * devices send would be lost until {@code lab down}.
     */
    private static void adoptEngines(Supervisor supervisor, NetnsRegistry registry, String lab) {
        try {
            for (String ns : LabMarks.owned(registry, lab)) {
                try (Netns n = registry.open(ns)) {
                    for (String device : UserspaceImpairment.marked(n.links().list())) {
                        Optional<Impairment> imp = UserspaceImpairment.readBack(n, device);
                        if (imp.isPresent()) {
                            supervisor.impair(ns, device, imp.get());
                            System.err.println(Instant.now() + " netns4j supervisor: took over the impairment engine on "
                                    + ns + ":" + device);
                        }
                    }
                } catch (NetnsException e) {
                    System.err.println("netns4j supervisor: engines in " + ns + ": " + e.getMessage());
                }
            }
        } catch (NetnsException e) {
            System.err.println("netns4j supervisor: the lab's namespaces: " + e.getMessage());
        }
    }

    /** Ends the supervisor once no namespace carries the lab's mark any more. */
    private static void watch(NetnsRegistry registry, String lab, SupervisorServer server) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(WATCH_MILLIS);
                if (LabMarks.owned(registry, lab).isEmpty()) {
                    System.err.println(Instant.now() + " netns4j supervisor: lab " + lab + " has no namespace left;"
                            + " ending");
                    server.close();
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (NetnsException e) {
                // the registry could not be read this time; look again later
            }
        }
    }

    private static String arg(String[] args, String name) throws IOException {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IOException("netns4j supervisor: missing " + name);
    }
}
