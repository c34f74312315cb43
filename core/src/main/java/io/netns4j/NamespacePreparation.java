package io.netns4j;

import io.netns4j.error.NetnsException;

/**
 * Work done on a new namespace before it gets its name: see
 * {@link NetnsRegistry#add(String, NamespacePreparation)}. A lab marks its namespaces this way.
 */
@FunctionalInterface
public interface NamespacePreparation {
    /**
     * Prepares the namespace before it is named.
     *
     * @param unnamed the new namespace, open; do not close it or keep it
     * @throws NetnsException to abandon the namespace: it is dropped unnamed and the error
     *         is thrown from {@code add}
     */
    void prepare(Netns unnamed) throws NetnsException;
}
