/**
 * Faults on running labs: partitions ({@code lab partition}, {@code lab heal}) as nftables
 * drops per receiving node, and link impairments ({@code lab impair}) as netem, or tbf plus an
 * nftables drop; reached through {@link io.netns4j.lab.Lab}, which takes the lab's lock.
 */
package io.netns4j.lab.fault;
