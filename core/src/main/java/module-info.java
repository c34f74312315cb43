/**
 * netns4j-core: Linux network namespaces through netlink and the Foreign Function &amp; Memory
 * API. Exported: the handle and registry ({@code io.netns4j}), errors, value types, one
 * package per kernel object (link, address, route, rule, neighbour, qdisc, filter) and the nftables
 * firewall with its iptables translator. Everything under {@code io.netns4j.internal} is
 * sealed; two internals are shared with netns4j's own modules only: the JSON writer (the
 * CLI's {@code -j}) and shell-word splitting (lab files and {@code -batch} lines).
 *
 * <p>Run with {@code --enable-native-access=io.netns4j.core} (or {@code ALL-UNNAMED} on the
 * class path): the module calls libc and libnftables through FFM.
 */
module io.netns4j.core {
    requires transitive java.net.http; // Netns.sockets().httpClient() returns an HttpClient

    exports io.netns4j;
    exports io.netns4j.error;
    exports io.netns4j.types;
    exports io.netns4j.link;
    exports io.netns4j.address;
    exports io.netns4j.route;
    exports io.netns4j.rule;
    exports io.netns4j.neighbour;
    exports io.netns4j.qdisc;
    exports io.netns4j.filter;
    exports io.netns4j.firewall;
    exports io.netns4j.firewall.iptables;

    exports io.netns4j.internal.json to io.netns4j.lab, io.netns4j.cli;
    exports io.netns4j.internal.text to io.netns4j.lab, io.netns4j.cli;
}
