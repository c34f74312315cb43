/**
 * Value types shared by every object package: {@link io.netns4j.types.InetPrefix} (an address
 * with a prefix length, parsed from literals only), {@link io.netns4j.types.InetFamily} (IPv4
 * or IPv6, {@code ip -4}/{@code ip -6}), {@link io.netns4j.types.InetText} (addresses written as
 * {@code ip} writes them), {@link io.netns4j.types.MacAddress}, the name rules
 * {@link io.netns4j.types.InterfaceNames} and {@link io.netns4j.types.NetnsNames} (checked
 * before any system call), {@link io.netns4j.types.KernelNumbered} (constants that stand for a
 * kernel number) and {@link io.netns4j.types.NamespaceRef} (a namespace as the request types
 * see it, implemented by {@code io.netns4j.Netns}).
 */
package io.netns4j.types;
