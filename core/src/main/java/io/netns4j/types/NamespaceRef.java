package io.netns4j.types;

/**
 * A network namespace as the request types see it: the target of {@code ip link add ...
 * netns NS}, a veth peer's namespace, the namespace a firewall runs in. Implemented by
 * {@code io.netns4j.Netns}; the request types hold this interface so that they sit below the
 * handle in the layers.
 */
public interface NamespaceRef {
    /**
     * The file descriptor open on the namespace. Code that may race with a close from another
     * thread uses {@link #withDescriptor} instead.
     */
    int fileDescriptor();

    /**
     * Runs {@code task} with the namespace's file descriptor, which stays open until the task
     * returns even if another thread closes the handle meanwhile.
     */
    <T> T withDescriptor(DescriptorTask<T> task) throws Exception;

    /** How messages name this namespace: {@code network namespace "blue"}. */
    String describe();

    /** Work with a handle's file descriptor; see {@link #withDescriptor}. */
    @FunctionalInterface
    interface DescriptorTask<T> {
        T run(int fd) throws Exception;
    }
}
