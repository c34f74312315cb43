package io.netns4j.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique names for what tests create: {@code n4jt-PID-N-tag}. The prefix marks our objects so
 * a leftover can be traced to the run that made it.
 */
public final class TestNames {
    public static final String PREFIX = "n4jt-";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestNames() {
    }

    public static String unique(String tag) {
        return PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-" + tag;
    }
}
