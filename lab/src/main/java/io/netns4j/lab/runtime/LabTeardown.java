package io.netns4j.lab.runtime;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.wire.ImpairmentHost;
import io.netns4j.lab.wire.UserspaceImpairment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import io.netns4j.lab.service.ProcessTree;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What {@code lab down} (and a failed or updating {@code lab up}) removes besides namespaces:
 * the processes a lab started and the hosts files it wrote.
 */
public final class LabTeardown {
    private LabTeardown() {
    }

    /** How long the processes of a lab get after SIGTERM before SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(2);

    /**
     * Stops processes found inside a lab's namespaces, all at once: SIGTERM to each, one wait
     * for all of them (a zombie counts as ended), SIGKILL to what is left after two seconds
     * ({@code kill PIDS; sleep 2; kill -9 PIDS}). This process is never among them. Returns what
     * could not be stopped, one line each.
     */
    public static List<String> stopAll(Collection<Long> pids) {
        List<Long> others = pids.stream().filter(p -> p != ProcessHandle.current().pid()).toList();
        return others.isEmpty() ? List.of() : ProcessTree.stopAll(others, 15, GRACE, false);
    }

    /**
     * Removes the hosts files of {@code lab} (marked on their first line) under {@code etc}, and their
     * directories when empty ({@code rm /etc/netns/NS/hosts; rmdir /etc/netns/NS}). A {@code lab up}
     * killed while writing one leaves its directory empty or holding only the temporary
     * {@code .hosts.tmp} (empty, or marked): those go too when the directory's namespace was the
     * lab's ({@code owned}). Returns what was removed; what could not be is added to {@code left}.
     */
    public static List<Path> removeHostsFiles(String lab, Path etc, List<String> owned, List<String> left) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(etc)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(etc, p -> p.getFileName().toString()
                .startsWith(lab + "-"))) {
            for (Path dir : ds) {
                boolean labs = owned.contains(dir.getFileName().toString());
                try {
                    for (Path f : List.of(dir.resolve("hosts"), dir.resolve(".hosts.tmp"))) {
                        boolean temporary = f.getFileName().toString().equals(".hosts.tmp");
                        if (Files.isRegularFile(f) && (firstLine(f).equals(LabMarks.HOSTS_HEADER + lab)
                                || temporary && labs)) {
                            Files.delete(f);
                            out.add(f);
                            labs = true;
                        }
                    }
                    if (labs && Files.isDirectory(dir)) {
                        try (var rest = Files.list(dir)) {
                            if (rest.findAny().isEmpty()) {
                                Files.delete(dir);
                                out.add(dir);
                            }
                        }
                    }
                } catch (IOException e) {
                    left.add(dir + ": " + e);
                }
            }
        } catch (IOException e) {
            left.add(etc + ": " + e);
        }
        return out;
    }

    private static String firstLine(Path file) throws IOException {
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? "" : line;
        }
    }

    /**
     * Stops the userspace impairment engines {@code host} runs in the lab's namespaces (an engine holds
     * its namespace open, so deleting the namespace would wait in vain); nothing without a host.
     */
    public static void stopEngines(NetnsRegistry registry, List<String> namespaces, ImpairmentHost host, List<String> left) {
        if (host == null) {
            return;
        }
        for (String name : namespaces) {
            try (Netns n = registry.open(name)) {
                for (String device : UserspaceImpairment.marked(n.links().list())) {
                    host.remove(n, device);
                }
            } catch (NetnsException e) {
                left.add("impairment engines in " + name + ": " + e.getMessage());
            }
        }
    }
}
