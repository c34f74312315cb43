package io.netns4j.lab.plan;

import io.netns4j.lab.model.NodeKind;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.model.TopologyNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The changes that turn a running lab, built from {@code old}, into {@code now}: what a second
 * {@code lab up} runs (and {@code lab up --dry-run} prints). A pure function, like {@link Plan#of}.
 *
 * <p>Both files are turned into their full plans, and the plans compared step by step (steps
 * are values): a step of the new plan that the old one has is already done and is skipped;
 * one it lacks is run; a step of the old plan that the new one lacks is undone by its inverse
 * ({@code address add} by {@code address del}, a veth by {@code link del}, a node by
 * {@code netns delete}...). Undoing comes first. Some things cannot be changed piecemeal:
 * <ul>
 *   <li>a node that turns into or out of a bridge, or whose namespace is missing from the
 *       machine, is (re)created with all its links;</li>
 *   <li>a node whose firewall changed gets its tables removed ({@link Step.ResetFirewall}) and
 *       its whole firewall written again; a service whose settings changed (or the node's {@code env}) is stopped
 *       and started again with the new ones, one the file no longer has is stopped, and the
 *       services of a node whose hosts file changed are started again (a running process
 *       keeps the hosts file it was started with);</li>
 *   <li>a router turned host gets forwarding set back to 0; a removed node's hosts file
 *       goes with it;</li>
 *   <li>a node that lost an address or a link gets all its routes written with
 *       {@code route replace}, since the kernel drops routes through a device whose last
 *       address goes;</li>
 *   <li>an endpoint whose MTU the file no longer sets goes back to 1500, the veth default;
 *       a sysctl the file no longer sets keeps its value (the old default is not known).</li>
 * </ul>
 * What was changed on the machine by hand, outside the lab, is not looked at.
 */
public final class Reconcile {
    static final int DEFAULT_MTU = 1500;

    private Reconcile() {
    }

    /**
     * The steps that turn a lab built from {@code old} into {@code now}: new steps, and the
     * inverses of steps that are gone, as {@code lab up} on a running lab runs them.
     *
     * @param old     the topology the lab was last built from
     * @param now     the topology it should become
     * @param present the lab's namespaces on the machine (those carrying its mark)
     * @return the changes, in the order they run; empty when nothing changed
     */
    public static Plan changes(Topology old, Topology now, Set<String> present) {
        List<Step> before = Plan.of(old).steps();
        List<Step> after = Plan.of(now).steps();
        Set<Step> had = new HashSet<>(before);
        Set<Step> has = new HashSet<>(after);

        Set<String> wanted = new HashSet<>();
        Set<String> fresh = new LinkedHashSet<>();
        for (TopologyNode n : now.nodes()) {
            String ns = now.namespace(n.name());
            wanted.add(ns);
            TopologyNode o = old.node(n.name()).orElse(null);
            if (!present.contains(ns) || o == null
                    || (o.kind() == NodeKind.BRIDGE) != (n.kind() == NodeKind.BRIDGE)) {
                fresh.add(ns);
            }
        }
        Set<String> doomed = new LinkedHashSet<>();
        for (String ns : present) {
            if (!wanted.contains(ns) || fresh.contains(ns)) {
                doomed.add(ns);
            }
        }

        Set<String> freshDevices = new HashSet<>();
        for (Step s : after) {
            if (s instanceof Step.AddVeth v && (!had.contains(v) || fresh.contains(v.namespace())
                    || fresh.contains(v.peerNamespace()))) {
                freshDevices.add(key(v.namespace(), v.name()));
                freshDevices.add(key(v.peerNamespace(), v.peerName()));
            }
        }
        Set<String> goneDevices = new HashSet<>();
        List<Step> undo = new ArrayList<>();
        Set<String> lostAddresses = new HashSet<>();
        for (Step s : before) {
            if (s instanceof Step.AddVeth v && (!has.contains(v) || freshDevices.contains(key(v.namespace(), v.name())))) {
                goneDevices.add(key(v.namespace(), v.name()));
                goneDevices.add(key(v.peerNamespace(), v.peerName()));
                lostAddresses.add(v.namespace());
                lostAddresses.add(v.peerNamespace());
                if (!doomed.contains(v.namespace()) && !doomed.contains(v.peerNamespace())
                        && present.contains(v.namespace()) && present.contains(v.peerNamespace())) {
                    undo.add(new Step.DeleteLink(v.namespace(), v.name()));
                }
            }
        }

        Set<String> firewallChanged = changedGroups(before, after, Reconcile::isFirewall);
        // a running service keeps the hosts file it started with (netns exec bind-mounts it):
        // the services of a node whose hosts file changed are started again to see the new one
        Set<String> hostsChanged = changedGroups(before, after, s -> s instanceof Step.WriteHosts);
        Set<Step.StartService> restarted = new HashSet<>();
        List<Step> stops = new ArrayList<>();
        for (Step s : before) {
            if (s instanceof Step.StartService was && present.contains(was.namespace())) {
                Step.StartService will = after.stream().filter(x -> x instanceof Step.StartService n
                        && n.namespace().equals(was.namespace()) && n.service().name().equals(was.service().name()))
                        .map(Step.StartService.class::cast).findFirst().orElse(null);
                boolean same = will != null && will.equals(was) && !doomed.contains(was.namespace())
                        && !hostsChanged.contains(was.namespace());
                if (!same) {
                    stops.add(new Step.StopService(was.namespace(), was.node(), was.service().name()));
                }
                if (will != null && !same) {
                    restarted.add(will);
                }
            }
        }
        List<Step> deletions = new ArrayList<>();
        for (String ns : doomed) {
            deletions.addFirst(new Step.DeleteNamespace(ns));
            boolean hadHosts = before.stream().anyMatch(s -> s instanceof Step.WriteHosts && s.namespace().equals(ns));
            boolean getsHosts = after.stream().anyMatch(s -> s instanceof Step.WriteHosts && s.namespace().equals(ns));
            if (hadHosts && !getsHosts) {
                deletions.add(new Step.RemoveHosts(ns));
            }
        }
        for (Step s : before.reversed()) {
            if (has.contains(s) || doomed.contains(s.namespace()) || !present.contains(s.namespace())) {
                continue;
            }
            switch (s) {
                case Step.AddAddress a when !goneDevices.contains(key(a.namespace(), a.device())) -> {
                    undo.add(new Step.DeleteAddress(a.namespace(), a.device(), a.prefix()));
                    lostAddresses.add(a.namespace());
                }
                case Step.AddRoute r -> undo.add(new Step.DeleteRoute(r.namespace(), r.route()));
                // forwarding a router got from its kind goes back to a new namespace's 0
                case Step.SetSysctl c when c.automatic() && after.stream().noneMatch(x -> x instanceof Step.SetSysctl n
                        && n.namespace().equals(c.namespace()) && n.key().equals(c.key())) ->
                        undo.add(new Step.SetSysctl(c.namespace(), c.key(), "0", true));
                case Step.Impair i when !goneDevices.contains(key(i.namespace(), i.device())) && after.stream()
                        .noneMatch(x -> x instanceof Step.Impair j && j.namespace().equals(i.namespace())
                                && j.device().equals(i.device())) ->
                        undo.add(new Step.ClearImpairment(i.namespace(), i.device()));
                case Step.WriteHosts h when after.stream()
                        .noneMatch(x -> x instanceof Step.WriteHosts w && w.namespace().equals(h.namespace())) ->
                        undo.add(new Step.RemoveHosts(h.namespace()));
                default -> {
                }
            }
        }
        for (String ns : firewallChanged) {
            if (present.contains(ns) && !doomed.contains(ns) && before.stream()
                    .anyMatch(s -> isFirewall(s) && s.namespace().equals(ns))) {
                undo.add(new Step.ResetFirewall(ns));
            }
        }

        List<Step> out = new ArrayList<>(stops);
        out.addAll(deletions);
        out.addAll(undo);
        for (Step s : after) {
            String ns = s.namespace();
            boolean isFresh = fresh.contains(ns);
            Step keep = switch (s) {
                case Step.AddNamespace a -> isFresh ? a : null;
                case Step.LinkUp l -> isFresh || !had.contains(l) ? l : null;
                case Step.AddBridge b -> isFresh || !had.contains(b) ? b : null;
                case Step.AddVeth v -> freshDevices.contains(key(ns, v.name())) ? v : null;
                case Step.SetLink l -> freshDevices.contains(key(ns, l.device())) || isFresh ? l
                        : had.contains(l) ? null : resetMtu(l, before);
                case Step.AddAddress a -> isFresh || freshDevices.contains(key(ns, a.device())) || !had.contains(a)
                        ? a : null;
                case Step.Impair i -> isFresh || freshDevices.contains(key(ns, i.device())) || !had.contains(i)
                        ? i : null;
                case Step.AddRoute r -> isFresh ? r : lostAddresses.contains(ns) ? new Step.ReplaceRoute(ns, r.route())
                        : had.contains(r) ? null : r;
                case Step.IptablesLine l -> isFresh || firewallChanged.contains(ns) ? l : null;
                case Step.NftScript n -> isFresh || firewallChanged.contains(ns) ? n : null;
                case Step.FirewallTable f -> isFresh || firewallChanged.contains(ns) ? f : null;
                case Step.StartService v -> isFresh || restarted.contains(v) || !had.contains(v) ? v : null;
                default -> isFresh || !had.contains(s) ? s : null;
            };
            if (keep != null) {
                out.add(keep);
            }
        }
        return new Plan(out);
    }

    private static boolean isFirewall(Step s) {
        return s instanceof Step.IptablesLine || s instanceof Step.NftScript || s instanceof Step.FirewallTable;
    }

    /** Namespaces whose steps of one group (firewall, exec) are not the same list in both plans. */
    private static Set<String> changedGroups(List<Step> before, List<Step> after, java.util.function.Predicate<Step> group) {
        Set<String> out = new LinkedHashSet<>();
        Set<String> all = new LinkedHashSet<>();
        before.stream().filter(group).forEach(s -> all.add(s.namespace()));
        after.stream().filter(group).forEach(s -> all.add(s.namespace()));
        for (String ns : all) {
            List<Step> a = before.stream().filter(group).filter(s -> s.namespace().equals(ns)).toList();
            List<Step> b = after.stream().filter(group).filter(s -> s.namespace().equals(ns)).toList();
            if (!a.equals(b)) {
                out.add(ns);
            }
        }
        return out;
    }

    /** A changed link setting; an MTU the file no longer sets goes back to the veth default. */
    private static Step.SetLink resetMtu(Step.SetLink l, List<Step> before) {
        if (l.mtu() != null) {
            return l;
        }
        boolean hadMtu = before.stream().anyMatch(s -> s instanceof Step.SetLink o && o.namespace().equals(l.namespace())
                && o.device().equals(l.device()) && o.mtu() != null);
        return hadMtu ? new Step.SetLink(l.namespace(), l.device(), DEFAULT_MTU, l.mac(), l.master()) : l;
    }

    private static String key(String ns, String device) {
        return Objects.requireNonNull(ns) + "\0" + device;
    }
}
