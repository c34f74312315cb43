package io.netns4j.lab.service;

import io.netns4j.Netns;
import io.netns4j.error.NetnsException;

/**
 * Opens a node's namespace for the supervisor, after checking that it carries the lab's mark:
 * a supervisor never starts anything in a namespace that is not its lab's, even one of the
 * right name. The lab's runtime gives the check ({@code LabMarks}).
 */
@FunctionalInterface
public interface NamespaceOpener {
    /**
     * @param namespace the node's namespace ({@code LAB-NODE})
     * @return an open handle, which the caller closes
     * @throws NetnsException it is gone, or is not the lab's
     */
    Netns open(String namespace) throws NetnsException;
}
