/**
 * IP addresses on interfaces: {@code ip address}. {@link io.netns4j.address.Address} is an
 * address as the kernel reports it, {@link io.netns4j.address.AddressRequest} what
 * {@code ip addr add|replace|change|del} says, {@link io.netns4j.address.AddressFilter} the
 * selectors of {@code ip addr show|flush}, {@link io.netns4j.address.AddressFlag} the
 * {@code IFA_F_*} flags; {@link io.netns4j.address.Addresses} holds the verbs (one netlink
 * request or dump each), reached as {@code Netns.addresses()}.
 */
package io.netns4j.address;
