package io.netns4j.junit;

import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.model.LabSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unique lab names that carry their owner, and the sweep of labs whose owner is gone. A test
 * lab is named {@code <name>-j<pid>-<n>}: the JVM's pid and a counter, so parallel tests (and
 * parallel JVMs) never share a lab, and a lab left by a JVM that was killed is recognised by the
 * next run (its pid is no longer a live JVM) and taken down, with no daemon watching.
 */
final class LabNames {
    private static final Pattern OWNED = Pattern.compile(".*-j([0-9]+)-[0-9]+");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile boolean swept;

    private LabNames() {
    }

    /** A name for the next lab made from {@code base}. */
    static String unique(String base) {
        return base + "-j" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    /** Takes down, once per JVM, every lab whose owning JVM no longer runs; returns their names. */
    static List<String> sweepOrphans(NetnsRegistry registry, Lab.Options options) {
        List<String> out = new ArrayList<>();
        if (swept) {
            return out;
        }
        synchronized (LabNames.class) {
            if (swept) {
                return out;
            }
            swept = true;
            return sweep(registry, options);
        }
    }

    /** Takes down every lab on the machine whose owning JVM no longer runs; returns their names. */
    static List<String> sweep(NetnsRegistry registry, Lab.Options options) {
        List<String> out = new ArrayList<>();
        try {
            for (LabSummary l : Lab.list(registry)) {
                Matcher m = OWNED.matcher(l.name());
                if (m.matches() && !ownerAlive(Long.parseLong(m.group(1)))) {
                    Lab.down(l.name(), registry, options);
                    out.add(l.name());
                }
            }
        } catch (NetnsException e) {
            // a lab that cannot be swept now is tried by the next run
        }
        return out;
    }

    /** Whether {@code pid} is a live Java process (a reused pid of another program is not an owner). */
    static boolean ownerAlive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().command()).map(c -> c.endsWith("java")).orElse(false);
    }
}
