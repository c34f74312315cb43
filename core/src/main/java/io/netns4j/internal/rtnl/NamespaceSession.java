package io.netns4j.internal.rtnl;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.sys.NamespaceThreads;
import io.netns4j.types.NamespaceRef;



/**
 * What the per-object verbs ({@code Links}, {@code Routes}, ...) need of a namespace handle:
 * its route socket, a way to run a short task inside, and its name for messages. The handle
 * ({@code io.netns4j.Netns}) gives one to each facade it makes, so the facades never depend
 * on the handle's class.
 */
public interface NamespaceSession {
    /** The route netlink socket inside the namespace, opened on first use. */
    NetlinkSocket routeSocket() throws NetnsException;

    /** Runs a short task on a platform thread inside the namespace. */
    <T> T inside(NamespaceThreads.Task<T> task) throws NetnsException;

    /** The public handle, for requests that name this namespace. */
    NamespaceRef handle();

    /** How messages name the namespace: {@code network namespace "blue"}. */
    default String describe() {
        return handle().describe();
    }
}
