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
     * thread uses {@link #useDescriptor} instead.
     *
     * @return the descriptor
     */
    int fileDescriptor();

    /**
     * Runs {@code task} with the namespace's file descriptor, which stays open until the task
     * returns even if another thread closes the handle meanwhile.
     *
     * @param <T> what the task returns
     * @param task the work, given the descriptor
     * @return what {@code task} returns
     * @throws Exception what {@code task} throws, or a {@code NetnsException} when the handle is closed already
     */
    <T> T useDescriptor(DescriptorTask<T> task) throws Exception;

    /**
     * How messages name this namespace.
     *
     * @return e.g. {@code network namespace "blue"}
     */
    String describe();

    /**
     * Work with a handle's file descriptor; see {@link #useDescriptor}.
     *
     * @param <T> what the work returns
     */
    @FunctionalInterface
    interface DescriptorTask<T> {
        /**
         * Does the work.
         *
         * @param fd the namespace's file descriptor, open for the duration of the call
         * @return the result
         * @throws Exception anything; {@link #useDescriptor} passes it on
         */
        T run(int fd) throws Exception;
    }
}
