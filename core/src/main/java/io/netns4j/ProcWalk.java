package io.netns4j;

import io.netns4j.error.NetnsException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which processes are inside which namespaces: one walk of {@code /proc}, comparing each
 * process's {@code ns/net} (device and inode) with the namespaces asked for, as
 * {@code ip netns pids} does.
 */
final class ProcWalk {
    private ProcWalk() {
    }

    /** The processes inside {@code target}, in pid order. */
    static List<Long> pidsIn(NamespaceId target) throws NetnsException {
        return pidsIn(Set.of(target)).get(target);
    }

    /** For each of {@code targets}, the processes inside it, in pid order (one walk of /proc). */
    static Map<NamespaceId, List<Long>> pidsIn(Set<NamespaceId> targets) throws NetnsException {
        Map<NamespaceId, List<Long>> out = new HashMap<>();
        targets.forEach(t -> out.put(t, new ArrayList<>()));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), p -> isNumber(p.getFileName().toString()))) {
            for (Path p : ds) {
                try {
                    List<Long> pids = out.get(idOf(p.resolve("ns/net")));
                    if (pids != null) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException ignored) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new NetnsException("Open of /proc failed: " + e.getMessage());
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    /** Device and inode of a namespace file ({@code /proc/PID/ns/net}, a name in the run directory). */
    static NamespaceId idOf(Path p) throws IOException {
        Map<String, Object> st = Files.readAttributes(p, "unix:dev,ino");
        return new NamespaceId((Long) st.get("dev"), (Long) st.get("ino"));
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
