package io.netns4j.lab;

import io.netns4j.NamespaceRelease;
import io.netns4j.error.NetnsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A lab taken down by {@link Lab#downLater} whose namespaces the kernel is still freeing
 * ({@code lab down} without its last wait). Await it once, from any thread, or close it to stop
 * listening; {@link RunningLab#closeLater()} gives one too.
 */
public final class LabRelease implements AutoCloseable {
    private final Lab.Removed removed;
    private final NamespaceRelease namespaces;

    LabRelease(Lab.Removed removed, NamespaceRelease namespaces) {
        this.removed = removed;
        this.namespaces = namespaces;
    }

    /** {@return what was removed: every namespace listed is deleted, and freed once {@link #await} returns} */
    public Lab.Removed removed() {
        return removed;
    }

    /**
     * Waits until the kernel has freed the lab's namespaces.
     *
     * @param timeout how long to wait in all
     * @throws LabException naming each namespace not freed in time and what holds it
     */
    public void await(Duration timeout) throws NetnsException {
        List<String> left = new ArrayList<>();
        await(timeout, left);
        if (!left.isEmpty()) {
            throw new LabException("lab down \"" + removed.name() + "\" left things behind: " + String.join("; ", left),
                    left, null);
        }
    }

    /** Waits, adding to {@code left} each namespace not freed (those whose deletion failed at once are known already). */
    void await(Duration timeout, List<String> left) throws NetnsException {
        Map<String, NetnsException> atOnce = namespaces.failedAtOnce();
        for (var e : namespaces.await(timeout).entrySet()) {
            if (!atOnce.containsKey(e.getKey())) {
                left.add("namespace " + e.getKey() + ": " + e.getValue().getMessage());
            }
        }
    }

    @Override
    public void close() {
        namespaces.close();
    }
}
