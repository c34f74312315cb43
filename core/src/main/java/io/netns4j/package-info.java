/**
 * The handle on a network namespace and the registry of named ones. {@link io.netns4j.Netns}
 * is an open namespace (a file descriptor): it runs code inside ({@code call}, {@code run},
 * {@code executor}, {@code start} for processes) and hands out the verbs of each kernel object
 * ({@code links()}, {@code addresses()}, {@code routes()}, {@code rules()}, {@code neighbours()},
 * {@code qdiscs()}, {@code sysctls()}, {@code firewall()}), all sharing one netlink socket
 * opened inside the namespace on first use. {@link io.netns4j.NetnsRegistry} is
 * {@code ip netns}: the run directory ({@code /run/netns}, or {@code $NETNS_RUN_DIR}) with
 * the on-disk contract of iproute2, so names made here and by {@code ip netns add} are the
 * same. Also here: {@link io.netns4j.NetnsMonitor} ({@code ip netns monitor}),
 * {@link io.netns4j.Sysctls} ({@code sysctl} inside a namespace), and the values
 * {@link io.netns4j.NamespaceId}, {@link io.netns4j.PeerId} and {@link io.netns4j.NetnsEvent}.
 */
package io.netns4j;
