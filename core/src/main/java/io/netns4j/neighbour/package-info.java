/**
 * The neighbour tables (ARP and NDP) and proxy entries: {@code ip neighbour}.
 * {@link io.netns4j.neighbour.Neighbour} is an entry as the kernel reports it,
 * {@link io.netns4j.neighbour.NeighbourRequest} what {@code ip neigh add|replace|change|del}
 * says, {@link io.netns4j.neighbour.NeighbourFilter} the selectors of
 * {@code ip neigh show|flush}, {@link io.netns4j.neighbour.NeighbourState} the {@code NUD_*}
 * states; {@link io.netns4j.neighbour.Neighbours} holds the verbs, reached as
 * {@code Netns.neighbours()}.
 */
package io.netns4j.neighbour;
