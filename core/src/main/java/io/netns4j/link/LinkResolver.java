package io.netns4j.link;

import io.netns4j.error.NetnsException;



/** What a link-kind encoder needs from the namespace the request goes to. */
public interface LinkResolver {
    /**
     * The index of a device in the request's namespace.
     *
     * @param name the device's name
     * @return its interface index
     * @throws NetnsException when there is no such device ({@link io.netns4j.error.NotFoundException}) or
     * the lookup fails
     */
    int indexOf(String name) throws NetnsException;
}
