package io.netns4j.lab.service;

import io.netns4j.lab.model.ServiceSpec;

/**
 * A service as the supervisor is asked to run it: where ({@code node}, its {@code namespace})
 * and what ({@code spec}, its environment already merged with the node's).
 */
public record ServiceTarget(String node, String namespace, ServiceSpec spec) {
    /** {@code NODE/SERVICE}. */
    public String id() {
        return node + "/" + spec.name();
    }
}
