package io.netns4j.lab;

import io.netns4j.NamespaceRelease;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.runtime.LabLock;
import io.netns4j.lab.runtime.LabMarks;
import io.netns4j.lab.runtime.LabState;
import io.netns4j.lab.runtime.LabSupervisors;
import io.netns4j.lab.runtime.LabTeardown;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link Lab#downLater} (and so {@link Lab#down}): moved out to keep Lab short. */
final class LabDown {
    private LabDown() {
    }

    static LabRelease run(String name, NetnsRegistry registry, Lab.Options options) throws NetnsException {
        try (LabLock lock = LabLock.take(options.lockDirectory(), name)) {
            List<String> owned = LabMarks.owned(registry, name);
            List<String> left = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            long supervisor = LabSupervisors.readPid(options.lockDirectory(), name);
            left.addAll(LabSupervisors.requestShutdown(name, options.lockDirectory()));
            // engines off before the processes end: their last segments (FINs) must not meet an
            // impairment's loss, or a peer's socket waits in FIN_WAIT2 and holds its namespace
            LabTeardown.stopEngines(registry, owned, options.impairmentHost(), left); // their handles hold the namespaces
            try {
                left.addAll(LabTeardown.stopAll(registry.pids(owned).values().stream().flatMap(List::stream).toList()));
            } catch (NetnsException e) {
                left.add("processes in the lab: " + e.getMessage());
            }
            options.progress().accept("removing " + owned.size() + " namespaces");
            shortenOrphans(registry, owned);
            NamespaceRelease namespaces = registry.deleteAllLater(owned.reversed());
            Map<String, NetnsException> failed = namespaces.failedAtOnce();
            for (String ns : owned) {
                if (failed.containsKey(ns)) {
                    left.add("namespace " + ns + ": " + failed.get(ns).getMessage());
                } else {
                    removed.add(ns);
                }
            }
            left.addAll(LabSupervisors.awaitExit(name, supervisor)); // its services ended before; it ends meanwhile
            List<Path> files = LabTeardown.removeHostsFiles(name, options.etcNetns(), owned, left);
            for (String ns : registry.names()) {
                if (ns.startsWith(name + "-") && !owned.contains(ns)) {
                    try {
                        if (registry.removeUnmounted(ns)) {
                            files.add(registry.directory().resolve(ns));
                        }
                    } catch (NetnsException e) {
                        left.add("empty namespace file " + ns + ": " + e.getMessage());
                    }
                }
            }
            try {
                if (LabState.delete(options.lockDirectory(), name)) {
                    files.add(LabState.file(options.lockDirectory(), name));
                }
            } catch (NetnsException e) {
                left.add(e.getMessage());
            }
            LabRelease release = new LabRelease(new Lab.Removed(name, removed, files), namespaces);
            if (!left.isEmpty()) {
                try (release) {
                    release.await(options.deleteWait(), left);
                }
                throw new LabException("lab down \"" + name + "\" left things behind: " + String.join("; ", left), left,
                        null);
            }
            lock.removeFile();
            return release;
        }
    }

    /**
     * A TCP connection closed while a partition or an impairment dropped its FIN stays behind
     * its process as an orphan that retransmits the FIN (FIN_WAIT1, LAST_ACK), by default up to
     * 8 times with back-off, about 100 s, and holds its namespace all that time: {@code lab
     * down} would wait 30 s for the kernel and fail. With {@code net.ipv4.tcp_orphan_retries=1}
     * set in each namespace just before it is deleted, the kernel gives up on such a socket at
     * its next retransmission timeout. Nothing else runs in the lab by then.
     */
    private static void shortenOrphans(NetnsRegistry registry, List<String> owned) {
        for (String ns : owned) {
            try (io.netns4j.Netns n = registry.open(ns)) {
                n.sysctls().set("net.ipv4.tcp_orphan_retries", "1");
            } catch (NetnsException | RuntimeException e) {
                // a namespace already going, or no IPv4: nothing to shorten
            }
        }
    }
}
