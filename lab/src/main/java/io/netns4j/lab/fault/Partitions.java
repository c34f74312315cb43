package io.netns4j.lab.fault;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Firewall;
import io.netns4j.firewall.Hook;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.Verdict;
import io.netns4j.lab.model.LabNode;
import io.netns4j.types.InetPrefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Network partitions on a running lab ({@code netns4j lab partition LAB ...} and
 * {@code lab heal LAB}): {@link #apply} puts a {@link Partition} in place, {@link #heal}
 * removes it, {@link #current} reads it back.
 *
 * <p><b>The rules are the state</b>; no file is written. Each node that must drop traffic
 * gets one nftables table, {@code inet netns4j_partition}, with a base chain on the
 * {@code input} hook at priority {@code filter - 10} (-10), so it runs before the lab's own
 * filter chains (iptables-nft's and {@code firewall.nft}'s, at priority 0) and a drop there
 * is final. The chain drops every packet whose source is an address of a node cut from this
 * one, one rule per address (all addresses of all the sender's interfaces, IPv6 link-local
 * ones included, {@code lo} left out), each with a counter and the comment
 * {@code from NODE} that {@link #current} reads back. For {@code a,b / c} on a lab where
 * {@code a} is 10.30.0.1 and {@code b} is 10.30.0.2, namespace {@code LAB-c} gets what
 * this command would make:
 *
 * <pre>
 * ip netns exec LAB-c nft -f - &lt;&lt;'EOF'
 * add table inet netns4j_partition
 * delete table inet netns4j_partition
 * table inet netns4j_partition {
 *     chain input {
 *         type filter hook input priority -10; policy accept;
 *         icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect } accept comment "neighbour discovery"
 *         ip saddr 10.30.0.1 counter drop comment "from a"
 *         ip saddr 10.30.0.2 counter drop comment "from b"
 *     }
 * }
 * EOF
 * </pre>
 *
 * and {@code LAB-a} and {@code LAB-b} get the same table dropping {@code ip saddr 10.30.0.3}
 * ({@code from c}). Healing is {@code nft delete table inet netns4j_partition} in each.
 *
 * <p><b>Blocking at the receiver's input is enough</b>, for two-way and one-way cuts alike:
 * a cut {@code (a, c)} is the receiver {@code c} dropping what {@code a} sends, whether
 * {@code a} sent it straight or through routers (routers keep the source address). Two-way
 * is both receivers dropping. Existing connections are cut too (no connection-tracking
 * exception). A one-way cut still breaks TCP in the allowed direction, because the replies
 * travel the cut one; datagrams (UDP, ICMP echo requests) show the direction.
 *
 * <p><b>Not blocked:</b> ARP (not IP; the arp family has its own hooks) and IPv6 neighbour
 * discovery (accepted before the drops, so that a one-way cut does not break address
 * resolution for the allowed direction), which keep neighbour tables as they were;
 * traffic a router node forwards for others at the router itself (it is dropped at the
 * receiving host when that host is in the partition); frames a bridge node switches;
 * traffic to or from nodes not named by the partition; and addresses added to a node after
 * the partition was applied (apply it again). Source NAT between two nodes would hide the
 * sender and defeat the match.
 *
 * <p>The methods here work on the nodes {@code lab show} found; the lab's front door
 * ({@code Lab.partition}, {@code Lab.heal}) finds them and holds the lab's lock
 * ({@code /run/netns4j/labs/LAB.lock}, as {@code lab up} and {@code lab down} do) around
 * {@code apply} and {@code heal}. Each namespace changes in one nftables
 * transaction; across namespaces, a failure midway puts back the previous partition in the
 * namespaces already changed.
 */
public final class Partitions {
    /** The table each affected node holds: {@code inet netns4j_partition}. */
    public static final String TABLE = "netns4j_partition";
    /** Its base chain, on the input hook. */
    public static final String CHAIN = "input";
    /** Its priority: {@code filter - 10}, before the usual filter chains at 0. */
    public static final int PRIORITY = -10;
    static final String FROM = "from ";
    static final String ND_COMMENT = "neighbour discovery";
    private static final int COMMENT_MAX = 128;

    private Partitions() {
    }

    /**
     * The lab's nodes and their roles, as found on the machine: a node without any address
     * other than IPv6 link-local ones is a bridge node ({@code kind: bridge} has none); a node
     * with {@code net.ipv4.ip_forward} or {@code net.ipv6.conf.all.forwarding} at 1 is a
     * router; the others are hosts. Each list is in the order of {@code nodes} ({@code lab show}'s:
     * sorted by name).
     *
     * @param nodes the lab's nodes as {@code lab show} finds them
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @return the hosts, routers and bridges
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static PartitionNodes nodes(List<LabNode> nodes, NetnsRegistry registry) throws NetnsException {
        List<String> hosts = new ArrayList<>();
        List<String> routers = new ArrayList<>();
        List<String> bridges = new ArrayList<>();
        for (LabNode n : nodes) {
            boolean addressed = addresses(n).stream().anyMatch(a -> !a.isLinkLocalAddress());
            if (!addressed) {
                bridges.add(n.node());
                continue;
            }
            boolean forwards;
            try (Netns ns = registry.open(n.namespace())) {
                forwards = isOne(ns, "net.ipv4.ip_forward") || isOne(ns, "net.ipv6.conf.all.forwarding");
            }
            (forwards ? routers : hosts).add(n.node());
        }
        return new PartitionNodes(hosts, routers, bridges);
    }

    /** Whether a sysctl reads 1; a key the kernel lacks (IPv6 switched off at boot) reads as 0. */
    private static boolean isOne(Netns ns, String key) throws NetnsException {
        try {
            return ns.sysctls().get(key).equals("1");
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * The partition in place on a lab's nodes, read from the tables of their namespaces
     * ({@code nft -j list table inet netns4j_partition} in each); {@link Partition#none()}
     * when there is none. Equals the partition last applied.
     *
     * @param nodes the lab's nodes, by name
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @return the partition in place, or {@link Partition#none()}
     * @throws NetnsException when the lab or a node cannot be found, or the kernel refuses a step (the message says which)
     */
    public static Partition current(List<LabNode> nodes, NetnsRegistry registry) throws NetnsException {
        return partitionOf(tables(nodes, registry));
    }

    /**
     * Replaces the lab's partition with {@code partition}: every node that must drop traffic
     * gets its {@code inet netns4j_partition} table replaced in one transaction
     * ({@code add table}, {@code delete table}, the new table, in one {@code nft -f} batch),
     * and nodes that held one and no longer drop anything lose it ({@code nft delete table}).
     * An empty partition heals. Everything is checked before the first change: each node of
     * the partition must be a node of the lab, and each sender must have an address.
     *
     * @param lab   the lab's name, for messages
     * @param nodes the lab's nodes as {@code lab show} finds them; the caller holds the lab's lock
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @param partition the partition: for each receiving node, the nodes whose packets it drops
     * @return the partition that was in place before
     * @throws NotFoundException       the partition names a node the lab lacks
     * @throws InvalidRequestException a sender has no address, or a node name too long for a rule comment
     * @throws FaultException          a namespace refused the change (the others were put back)
     */
    public static Partition apply(String lab, List<LabNode> nodes, NetnsRegistry registry, Partition partition)
            throws NetnsException {
        Map<String, LabNode> byName = new LinkedHashMap<>();
        nodes.forEach(n -> byName.put(n.node(), n));
        for (String n : partition.nodes()) {
            if (!byName.containsKey(n)) {
                throw new NotFoundException("The partition names node \"" + n + "\", which lab \"" + lab
                        + "\" does not have (its nodes: " + String.join(", ", byName.keySet()) + "); nothing was"
                        + " changed", 2, null);
            }
        }
        Map<String, List<InetAddress>> senders = new LinkedHashMap<>();
        for (Partition.Cut c : partition.cuts()) {
            if (!senders.containsKey(c.from())) {
                List<InetAddress> a = addresses(byName.get(c.from()));
                if (a.isEmpty()) {
                    throw new InvalidRequestException("Node \"" + c.from() + "\" of lab \"" + lab + "\" has no"
                            + " addresses, so nothing it sends can be dropped by source: leave it out of the"
                            + " partition (bridge nodes take no part); nothing was changed", 22, null);
                }
                if ((FROM + c.from()).length() > COMMENT_MAX) {
                    throw new InvalidRequestException("Node name \"" + c.from() + "\" is too long to be recorded"
                            + " in an nftables rule comment (" + (COMMENT_MAX - FROM.length()) + " characters at"
                            + " most): partition nodes with shorter names; nothing was changed", 22, null);
                }
                senders.put(c.from(), a);
            }
        }
        Map<String, Table> before = tables(nodes, registry);
        Partition previous = partitionOf(before);
        Map<String, Table> wanted = tablesFor(partition, senders);
        List<LabNode> changed = new ArrayList<>();
        for (LabNode n : nodes) {
            Table want = wanted.get(n.node());
            if (want == null && !before.containsKey(n.node())) {
                continue;
            }
            try {
                put(registry, n, want);
                changed.add(n);
            } catch (NetnsException | RuntimeException e) {
                List<String> left = restore(registry, changed, previous, byName);
                throw new FaultException("lab partition \"" + lab + "\" failed in namespace " + n.namespace() + ": "
                        + e.getMessage() + "; " + (left.isEmpty() ? "the previous partition was put back"
                        : "could not put back: " + String.join("; ", left) + " (\"lab heal " + lab
                        + "\" removes all partition rules)"), left, e);
            }
        }
        return previous;
    }

    /**
     * Removes the lab's partition: {@code nft delete table inet netns4j_partition} in each
     * namespace that has the table. A lab without a partition is left as it is.
     *
     * @param lab   the lab's name, for messages
     * @param nodes the lab's nodes as {@code lab show} finds them; the caller holds the lab's lock
     * @param registry the namespace registry the lab's nodes live in ({@code NetnsRegistry.system()}: {@code /run/netns})
     * @return the partition that was removed ({@link Partition#none()} when there was none)
     * @throws FaultException a table could not be removed (the others were)
     */
    public static Partition heal(String lab, List<LabNode> nodes, NetnsRegistry registry) throws NetnsException {
        Map<String, Table> before = tables(nodes, registry);
        List<String> left = new ArrayList<>();
        for (LabNode n : nodes) {
            if (before.containsKey(n.node())) {
                try {
                    put(registry, n, null);
                } catch (NetnsException | RuntimeException e) {
                    left.add(n.namespace() + ": " + e.getMessage());
                }
            }
        }
        if (!left.isEmpty()) {
            throw new FaultException("lab heal \"" + lab + "\" left partition rules behind: " + String.join("; ",
                    left), left, null);
        }
        return partitionOf(before);
    }

    // ---- the tables ----

    /**
     * The table node {@code to} holds to drop what {@code senders} send: the neighbour
     * discovery exception first, then one rule per sender address, in order.
     */
    static Table table(Map<String, List<InetAddress>> senders) {
        List<Rule> rules = new ArrayList<>();
        rules.add(Rule.of(Verdict.ACCEPT, Match.raw("icmpv6 type { nd-router-solicit, nd-router-advert,"
                + " nd-neighbor-solicit, nd-neighbor-advert, nd-redirect }")).withComment(ND_COMMENT));
        for (Map.Entry<String, List<InetAddress>> e : senders.entrySet()) {
            for (InetAddress a : e.getValue()) {
                InetPrefix host = new InetPrefix(a, a.getAddress().length * 8);
                rules.add(new Rule(List.of(new Match.Address(false, host, false), Match.counter()), Verdict.DROP,
                        FROM + e.getKey()));
            }
        }
        Chain input = new Chain(CHAIN, new Hook("filter", "input", PRIORITY, Policy.ACCEPT, null), rules);
        return new Table(Family.INET, TABLE, List.of(input));
    }

    /** Node name to the table it must hold, for the nodes that drop something. */
    static Map<String, Table> tablesFor(Partition partition, Map<String, List<InetAddress>> senders) {
        Map<String, Table> out = new LinkedHashMap<>();
        for (String to : partition.nodes()) {
            Map<String, List<InetAddress>> from = new LinkedHashMap<>();
            for (String f : partition.dropsAt(to)) {
                List<InetAddress> a = senders.get(f);
                if (a != null && !a.isEmpty()) {
                    from.put(f, a);
                }
            }
            if (!from.isEmpty()) {
                out.put(to, table(from));
            }
        }
        return out;
    }

    /** Replaces the node's table with {@code table}, or deletes it when {@code table} is null. */
    private static void put(NetnsRegistry registry, LabNode n, Table table) throws NetnsException {
        try (Netns ns = registry.open(n.namespace())) {
            Firewall fw = ns.firewall();
            if (table != null) {
                fw.replace(table);
            } else {
                // creating it first makes the delete a no-op when it is gone already, in one transaction
                fw.run("add table inet " + TABLE + "\ndelete table inet " + TABLE);
            }
        }
    }

    /** Puts {@code previous} back in the namespaces changed so far; returns what could not be. */
    private static List<String> restore(NetnsRegistry registry, List<LabNode> changed, Partition previous,
                                        Map<String, LabNode> byName) {
        Map<String, List<InetAddress>> senders = new LinkedHashMap<>();
        for (String n : previous.nodes()) {
            if (byName.containsKey(n)) {
                senders.put(n, addresses(byName.get(n)));
            }
        }
        Map<String, Table> tables = tablesFor(previous, senders);
        List<String> left = new ArrayList<>();
        for (LabNode n : changed.reversed()) {
            try {
                put(registry, n, tables.get(n.node()));
            } catch (NetnsException | RuntimeException e) {
                left.add(n.namespace() + ": " + e.getMessage());
            }
        }
        return left;
    }

    /** Node name to its partition table, for the nodes that hold one. */
    private static Map<String, Table> tables(List<LabNode> nodes, NetnsRegistry registry) throws NetnsException {
        Map<String, Table> out = new LinkedHashMap<>();
        for (LabNode n : nodes) {
            try (Netns ns = registry.open(n.namespace())) {
                Optional<Table> t = ns.firewall().read(Family.INET, TABLE);
                t.ifPresent(table -> out.put(n.node(), table));
            }
        }
        return out;
    }

    /** The cuts the tables record: each {@code from NODE} rule of node {@code to}'s chain is the cut (NODE, to). */
    static Partition partitionOf(Map<String, Table> tables) {
        List<Partition.Cut> cuts = new ArrayList<>();
        for (Map.Entry<String, Table> e : tables.entrySet()) {
            Optional<Chain> chain = e.getValue().chain(CHAIN);
            if (chain.isEmpty()) {
                continue;
            }
            for (Rule r : chain.get().rules()) {
                if (r.comment() != null && r.comment().startsWith(FROM) && r.comment().length() > FROM.length()
                        && !r.comment().substring(FROM.length()).equals(e.getKey())) {
                    cuts.add(new Partition.Cut(r.comment().substring(FROM.length()), e.getKey()));
                }
            }
        }
        return Partition.of(cuts);
    }

    /** Every address of the node's interfaces ({@code lo} is not among them), in order. */
    static List<InetAddress> addresses(LabNode n) {
        List<InetAddress> out = new ArrayList<>();
        for (LabNode.Interface i : n.interfaces()) {
            for (String a : i.addresses()) {
                InetAddress address = InetPrefix.parse(a).address();
                if (!out.contains(address)) {
                    out.add(address);
                }
            }
        }
        return out;
    }
}
