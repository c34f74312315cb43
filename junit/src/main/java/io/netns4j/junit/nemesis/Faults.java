package io.netns4j.junit.nemesis;

import io.netns4j.error.NetnsException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.LabServices;
import io.netns4j.lab.RunningLab;
import io.netns4j.lab.fault.Partition;
import io.netns4j.lab.model.Endpoint;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.ServiceStatus;
import io.netns4j.lab.model.TopologyLink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The faults of Jepsen's nemeses for a lab: partitions of every shape (fixed, random halves, a
 * random node isolated, majorities ring, bridge, any one-way grudge), impairments, and process
 * faults on the lab's services (kill, pause, restart), each with its undo.
 */
public final class Faults {
    private Faults() {
    }

    /**
     * A partition in {@code lab partition} words ({@code netns4j lab partition LAB n1 / n2,n3}): each
     * side drops what the other sends, by an nftables input chain on each receiving node; undone by
     * {@code lab heal}.
     *
     * @param words {@code "n1 / n2,n3"}, {@code "isolate n1"}, {@code "halves"}, {@code "ring"}, {@code "n1 / n2 --oneway"}, ...
     * @return the fault
     */
    public static Fault partition(String words) {
        return fault("partition", (lab, r) -> {
            Partition p = lab.partition(words);
            return Fault.applied("partition " + p.describe(), lab::heal);
        });
    }

    /**
     * The lab's hosts shuffled and cut in two halves that no longer hear each other (Jepsen's
     * {@code partition-random-halves}; {@code lab partition LAB halves} over the shuffled hosts).
     * Undone by {@code lab heal}.
     *
     * @return the fault
     */
    public static Fault randomHalves() {
        return shuffled("random halves", "halves");
    }

    /**
     * One host picked at random, cut from all others both ways (Jepsen's {@code partition-random-node};
     * {@code lab partition LAB isolate NODE}). Undone by {@code lab heal}.
     *
     * @return the fault
     */
    public static Fault isolateRandomNode() {
        return fault("partition", (lab, r) -> {
            List<String> hosts = hosts(lab);
            String node = hosts.get(r.nextInt(hosts.size()));
            Partition p = lab.partition("isolate " + node);
            return Fault.applied("partition " + p.describe(), lab::heal);
        });
    }

    /**
     * Jepsen's majorities ring over the hosts in a random order ({@code lab partition LAB ring ...}):
     * each node hears a majority, no two nodes the same one, so every node may think it leads.
     * Undone by {@code lab heal}.
     *
     * @return the fault
     */
    public static Fault randomMajoritiesRing() {
        return shuffled("random majorities ring", "ring");
    }

    /**
     * Two random halves and one node that hears both (Jepsen's {@code partition-majorities-bridge};
     * {@code lab partition LAB bridge ...}). Undone by {@code lab heal}.
     *
     * @return the fault
     */
    public static Fault randomBridge() {
        return shuffled("random bridge", "bridge");
    }

    /**
     * A grudge, Jepsen's most general partition: each node of the map no longer hears the nodes it
     * is given (one-way cuts: {@code Map.of("n1", Set.of("n2"))} drops what n2 sends to n1 only;
     * one-way cuts as {@code lab partition LAB ... --oneway} makes them). Undone by {@code lab heal}.
     *
     * @param noLongerHears for each receiving node, the nodes whose packets it drops
     * @return the fault
     */
    public static Fault grudge(Map<String, Set<String>> noLongerHears) {
        return fault("partition", (lab, r) -> {
            List<Partition.Cut> cuts = new ArrayList<>();
            noLongerHears.forEach((to, froms) -> froms.forEach(from -> cuts.add(new Partition.Cut(from, to))));
            Partition p = Partition.of(cuts);
            Lab.partition(lab.name(), p, lab.registry(), lab.options());
            return Fault.applied("partition " + p.describe(), lab::heal);
        });
    }

    /**
     * {@code impairment} (netem's words: {@code delay 100ms loss 5%}) on endpoints {@code NODE:IF},
     * as {@code netns4j lab impair LAB NODE:IF delay 100ms loss 5%} puts it; undone by putting back
     * what the lab file declares there (often nothing).
     *
     * @param impairment what to put on each endpoint's egress
     * @param endpoints  {@code NODE:IF}, one or more
     * @return the fault
     */
    public static Fault impair(Impairment impairment, String... endpoints) {
        return fault("impairment", (lab, r) -> {
            for (String e : endpoints) {
                Lab.impair(lab.name(), e, impairment, lab.registry(), lab.options());
            }
            String words = String.join(" ", impairment.tcWords());
            return Fault.applied("impair " + String.join(",", endpoints) + " " + words, () -> {
                for (String e : endpoints) {
                    Lab.impair(lab.name(), e, declared(lab, e), lab.registry(), lab.options());
                }
            });
        });
    }

    /**
     * {@code kill -9} of a service's whole process tree ({@code netns4j lab kill -s 9 LAB SELECTOR});
     * undone by starting it, if its restart policy has not done so already.
     *
     * @param selector {@code NODE/SERVICE}, or {@code NODE} for every service of the node
     * @return the fault
     */
    public static Fault kill(String selector) {
        return fault("kill", (lab, r) -> kill(lab, selector));
    }

    /**
     * {@code kill -9} of one of the lab's services picked at random, as {@link #kill(String)}.
     *
     * @return the fault
     */
    public static Fault killRandomService() {
        return fault("kill", (lab, r) -> kill(lab, randomService(lab, r)));
    }

    /**
     * SIGSTOP to a service's process tree, which then holds its sockets and answers nothing
     * (Jepsen's {@code hammer-time}; {@code netns4j lab pause LAB SELECTOR}); undone by SIGCONT.
     *
     * @param selector {@code NODE/SERVICE}, or {@code NODE} for every service of the node
     * @return the fault
     */
    public static Fault pause(String selector) {
        return fault("pause", (lab, r) -> pause(lab, selector));
    }

    /**
     * SIGSTOP to one of the lab's services picked at random, as {@link #pause(String)}; undone by SIGCONT.
     *
     * @return the fault
     */
    public static Fault pauseRandomService() {
        return fault("pause", (lab, r) -> pause(lab, randomService(lab, r)));
    }

    /**
     * A service restarted: stopped with its stop signal, then started again
     * ({@code netns4j lab restart LAB SELECTOR}); nothing to undo.
     *
     * @param selector {@code NODE/SERVICE}, or {@code NODE} for every service of the node
     * @return the fault
     */
    public static Fault restart(String selector) {
        return fault("restart", (lab, r) -> {
            LabServices.restart(lab.name(), selector, lab.options());
            return Fault.applied("restart " + selector, () -> { });
        });
    }

    private static Fault.Applied kill(RunningLab lab, String selector) throws NetnsException {
        LabServices.kill(lab.name(), selector, 9, lab.options());
        return Fault.applied("kill -9 " + selector, () -> LabServices.start(lab.name(), selector, lab.options()));
    }

    private static Fault.Applied pause(RunningLab lab, String selector) throws NetnsException {
        LabServices.pause(lab.name(), selector, lab.options());
        return Fault.applied("pause " + selector, () -> LabServices.resume(lab.name(), selector, lab.options()));
    }

    private static Fault shuffled(String what, String scheme) {
        return fault("partition", (lab, r) -> {
            List<String> hosts = new ArrayList<>(hosts(lab));
            Collections.shuffle(hosts, toRandom(r));
            Partition p = lab.partition(scheme + " " + String.join(",", hosts));
            return Fault.applied("partition (" + what + ") " + p.describe(), lab::heal);
        });
    }

    private static java.util.Random toRandom(RandomGenerator r) {
        return new java.util.Random(r.nextLong());
    }

    private static String randomService(RunningLab lab, RandomGenerator r) throws NetnsException {
        List<ServiceStatus> all = lab.services();
        if (all.isEmpty()) {
            throw new NetnsException("lab \"" + lab.name() + "\" has no services to kill or pause");
        }
        return all.get(r.nextInt(all.size())).id();
    }

    private static List<String> hosts(RunningLab lab) throws NetnsException {
        List<String> hosts = Lab.partitionNodes(lab.name(), lab.registry()).hosts();
        if (hosts.size() < 2) {
            throw new NetnsException("lab \"" + lab.name() + "\" has " + hosts.size() + " hosts; a partition needs 2");
        }
        return hosts;
    }

    private static Impairment declared(RunningLab lab, String endpoint) {
        for (TopologyLink l : lab.topology().links()) {
            for (Endpoint e : List.of(l.a(), l.b())) {
                if ((e.node() + ":" + e.iface()).equals(endpoint)) {
                    return e.impairment();
                }
            }
        }
        return Impairment.NONE;
    }

    private interface Apply {
        Fault.Applied apply(RunningLab lab, RandomGenerator random) throws NetnsException;
    }

    private static Fault fault(String kind, Apply apply) {
        return new Fault() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Applied apply(RunningLab lab, RandomGenerator random) throws NetnsException {
                return apply.apply(lab, random);
            }

            @Override
            public String toString() {
                return kind;
            }
        };
    }
}
