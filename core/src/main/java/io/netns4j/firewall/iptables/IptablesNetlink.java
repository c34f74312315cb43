package io.netns4j.firewall.iptables;

import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Hook;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Table;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.nft.Nft;
import io.netns4j.internal.netlink.nft.NftMessages;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.NamespaceThreads;
import io.netns4j.types.NamespaceRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * nf_tables over netlink for {@link Iptables}, as iptables-nft talks to the kernel: a
 * netfilter socket opened inside the namespace, dumps of one table's chains and rules, and
 * every change as one batch (a transaction: all of it or nothing).
 */
final class IptablesNetlink {
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final List<String> HOOKS = List.of("prerouting", "input", "forward", "output", "postrouting");

    private final NamespaceRef ns;
    private final Family family;

    IptablesNetlink(NamespaceRef ns, Family family) {
        this.ns = ns;
        this.family = family;
    }

    int nfproto() {
        return family == Family.IP6 ? 10 : 2;
    }

    /** One table as read: its chains in kernel order, each rule with its handle. */
    record Snapshot(Table table, Map<String, List<Long>> handles) {
    }

    /** The table, or empty when it does not exist. */
    Optional<Snapshot> read(String table) throws NetnsException {
        return call(socket -> {
            try {
                socket.request(NftMessages.getTable(nfproto(), table));
            } catch (NotFoundException e) {
                return Optional.<Snapshot>empty();
            }
            Map<String, NftMessages.ChainMessage> chains = new LinkedHashMap<>();
            for (NetlinkMessage m : socket.dump(NftMessages.dumpChains(nfproto(), table))) {
                NftMessages.ChainMessage c = NftMessages.readChain(m);
                if (c.table().equals(table)) {
                    chains.put(c.name(), c);
                }
            }
            Map<String, List<Rule>> rules = new LinkedHashMap<>();
            Map<String, List<Long>> handles = new LinkedHashMap<>();
            for (String name : chains.keySet()) {
                rules.put(name, new ArrayList<>());
                handles.put(name, new ArrayList<>());
            }
            for (NetlinkMessage m : socket.dump(NftMessages.dumpRules(nfproto(), table))) {
                NftMessages.RuleMessage r = NftMessages.readRule(m);
                if (!r.table().equals(table) || !rules.containsKey(r.chain())) {
                    continue;
                }
                rules.get(r.chain()).add(IptablesNftReader.read(r.expressions(), family));
                handles.get(r.chain()).add(r.handle());
            }
            List<Chain> out = new ArrayList<>();
            for (NftMessages.ChainMessage c : chains.values()) {
                Chain chain = c.isBase() && c.hook() < HOOKS.size()
                        ? Chain.base(c.name(), new Hook(c.type(), HOOKS.get(c.hook()), c.priority(),
                        c.policy() == Nft.NF_DROP ? Policy.DROP : Policy.ACCEPT, null))
                        : Chain.regular(c.name());
                out.add(chain.withRules(rules.get(c.name())));
            }
            return Optional.of(new Snapshot(new Table(family, table, out), handles));
        });
    }

    /** Every rule of the table as the kernel holds it (chain, then expressions): for tests and diagnostics. */
    List<NftMessages.RuleMessage> rawRules(String table) throws NetnsException {
        return call(socket -> {
            List<NftMessages.RuleMessage> out = new ArrayList<>();
            for (NetlinkMessage m : socket.dump(NftMessages.dumpRules(nfproto(), table))) {
                out.add(NftMessages.readRule(m));
            }
            return out;
        });
    }

    /** Carries out {@code requests} as one nf_tables transaction. */
    void run(List<byte[]> requests) throws NetnsException {
        if (requests.isEmpty()) {
            return;
        }
        call(socket -> {
            socket.executeBatch(NftMessages.batch(true), requests, NftMessages.batch(false));
            return null;
        });
    }

    private interface SocketTask<T> {
        T run(NetlinkSocket socket) throws NetnsException;
    }

    private <T> T call(SocketTask<T> task) throws NetnsException {
        NetlinkSocket socket;
        try {
            socket = ns.useDescriptor(fd -> NamespaceThreads.callIn(fd,
                    () -> NetlinkSocket.open(Nft.NETLINK_NETFILTER, TIMEOUT_MILLIS)));
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot enter " + ns.describe());
        } catch (NetnsException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new NetnsException("Cannot open a netfilter netlink socket in " + ns.describe() + ": " + e);
        }
        try (socket) {
            return task.run(socket);
        }
    }
}
