package io.netns4j.lab.file;

import java.util.Set;

/** Names a lab's typed firewall cannot use for a table or chain ({@link TypedFirewallParser}). */
final class NftKeywords {
    private NftKeywords() {
    }

    /**
     * Words nft 1.0 reads as keywords where a chain or table name is expected (each one found
     * refused by {@code nft -c} in {@code table inet t { chain WORD {} ... jump WORD }}); not
     * every keyword of nft, so libnftables may still refuse a rarer one at {@code lab up}.
     */
    static final Set<String> WORDS = Set.of(
            "accept", "drop", "reject", "return", "jump", "goto", "continue", "queue", "counter", "log", "limit",
            "quota", "table", "chain", "rule", "set", "map", "policy", "type", "hook", "priority", "ip", "ip6",
            "inet", "arp", "bridge", "netdev", "tcp", "udp", "udplite", "sctp", "dccp", "icmp", "icmpv6", "igmp",
            "esp", "ah", "comp", "ct", "meta", "comment", "mark", "fib", "rt", "socket", "osf", "flow", "flowtable",
            "dup", "fwd", "notrack", "ether", "vlan", "snat", "dnat", "masquerade", "redirect", "tproxy", "synproxy",
            "secmark", "element", "elements", "add", "delete", "insert", "replace", "create", "flush", "list",
            "reset", "rename", "describe", "monitor", "export", "import", "define", "include", "handle", "position",
            "index", "device", "devices", "ruleset", "iif", "oif", "iifname", "oifname", "iiftype", "oiftype",
            "skuid", "skgid", "cpu", "cgroup", "pkttype", "nftrace", "day", "hour", "time", "jhash", "symhash",
            "numgen", "random", "size", "timeout", "expires", "gc-interval", "flags", "constant", "interval",
            "dynamic", "auto-merge", "vmap", "exthdr", "hbh", "rt0", "frag", "dst", "mh", "srh", "ipsec", "ecn",
            "all");
}
