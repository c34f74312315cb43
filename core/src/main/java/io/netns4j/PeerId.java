package io.netns4j;

/**
 * An id that one namespace has assigned to another (its "nsid"), as listed by
 * {@code ip netns list-id}: {@code nsid 3 (iproute2 netns name: blue)}.
 *
 * @param nsid          the id
 * @param currentNsid   with a target namespace: the id the current namespace gives the same
 *                      peer, or null
 * @param name          the peer's name in the run directory, or null when it has none
 */
public record PeerId(int nsid, Integer currentNsid, String name) {
}
