package io.netns4j.internal.netlink.route.kind;

import io.netns4j.NetnsException;

/** What a link-kind encoder needs from the namespace the request goes to. */
public interface LinkResolver {
    /** The index of device {@code name} in the request's namespace. */
    int indexOf(String name) throws NetnsException;
}
