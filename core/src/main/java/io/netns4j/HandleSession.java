package io.netns4j;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.internal.sys.NamespaceThreads;
import io.netns4j.types.NamespaceRef;

/** What the per-object verbs ({@code Links}, {@code Routes}, ...) see of a {@link Netns}: never the class itself. */
final class HandleSession implements NamespaceSession {
    private final Netns ns;

    HandleSession(Netns ns) {
        this.ns = ns;
    }

    @Override
    public NetlinkSocket routeSocket() throws NetnsException {
        return ns.routeSocket();
    }

    @Override
    public <T> T inside(NamespaceThreads.Task<T> task) throws NetnsException {
        return ns.inside(task);
    }

    @Override
    public NamespaceRef handle() {
        return ns;
    }
}
