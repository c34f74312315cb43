package io.netns4j.link;

import io.netns4j.error.NetnsException;



/** What a link-kind encoder needs from the namespace the request goes to. */
public interface LinkResolver {
    /** The index of device {@code name} in the request's namespace. */
    int indexOf(String name) throws NetnsException;
}
