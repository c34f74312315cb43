package io.netns4j.lab.runtime;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.plan.Plan;
import io.netns4j.lab.plan.Reconcile;
import io.netns4j.lab.plan.Step;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes an update of a running lab a transaction: the checks made before anything
 * changes, and the way back when a step still fails (or when a {@code lab up} was killed
 * midway, {@link LabState#pendingFile}).
 *
 * <p>The way back is the reverse update: {@code Reconcile.changes(new, old, namespaces now)}
 * carried out by an updating {@link LabBuild}, whose steps are idempotent (an address or
 * route is written with replace, a device that exists is taken as made, one that is gone as
 * deleted). From any point of the forward update, it brings the machine back to what the old
 * file describes: new parts are removed, removed parts come back, settings are written again.
 */
public final class LabUpdate {
    /** A per-device sysctl: {@code net.ipv4.conf.DEV.KEY}, {@code net.ipv6.neigh.DEV.KEY}. */
    private static final Pattern PER_DEVICE = Pattern.compile("(net\\.ipv[46]\\.(?:conf|neigh)\\.)([^.]+)(\\..+)");

    private LabUpdate() {
    }

    /**
     * Checks, without changing anything, what the update's steps need that can be known now:
     * every sysctl key exists (in the node's namespace, or in another of the lab's for a new
     * node; a per-device key of a device the update creates is checked as {@code default}).
     *
     * @param plan the update's steps
     * @param registry the registry
     * @param present the lab's namespaces on the machine
     * @throws NetnsException naming the first problem; nothing was changed
     */
    public static void check(Plan plan, NetnsRegistry registry, Set<String> present) throws NetnsException {
        if (present.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s instanceof Step.SetSysctl c) {
                String where = present.contains(c.namespace()) ? c.namespace() : present.iterator().next();
                try (Netns ns = registry.open(where)) {
                    if (!exists(ns, c.key())) {
                        problems.add("no sysctl \"" + c.key() + "\" in network namespaces on this kernel (step \""
                                + c.command() + "\")");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new NetnsException(String.join("; ", problems) + "; nothing was changed: fix the file and run"
                    + " \"lab up\" again");
        }
    }

    private static boolean exists(Netns ns, String key) throws NetnsException {
        try {
            ns.sysctls().get(key);
            return true;
        } catch (NotFoundException e) {
            Matcher m = PER_DEVICE.matcher(key);
            if (m.matches() && !m.group(2).equals("default") && !m.group(2).equals("all")) {
                try {
                    ns.links().get(m.group(2));
                    return false; // the device is there and has no such key
                } catch (NotFoundException noDevice) {
                    return exists(ns, m.group(1) + "default" + m.group(3));
                }
            }
            return false;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Brings a lab that was being updated from {@code old} to {@code now} back to {@code old}.
     *
     * @param old the topology the lab was built from (its kept state)
     * @param now the topology the failed update was bringing it to
     * @param registry the registry
     * @param builds makes an updating {@link LabBuild} for a topology
     * @return what could not be undone (empty when the lab is as {@code old} describes)
     */
    public static List<String> rollBack(Topology old, Topology now, NetnsRegistry registry,
                                        Function<Topology, LabBuild> builds) {
        List<String> left = new ArrayList<>();
        LabBuild back = null;
        try {
            Set<String> present = new LinkedHashSet<>(LabMarks.owned(registry, old.name()));
            Plan reverse = Reconcile.changes(now, old, present);
            back = builds.apply(old);
            back.run(reverse);
        } catch (NetnsException | RuntimeException e) {
            left.add("rolling back failed at " + e.getMessage());
        } finally {
            if (back != null) {
                back.closeHandles();
            }
        }
        return left;
    }

    /**
     * After a failed update (what it created already removed): rolls the lab back to its kept
     * state and says how that went, for the failure's message.
     *
     * @param now the topology of the failed update
     * @param registry the registry
     * @param directory the lab directory (state and pending files)
     * @param left what could not be undone so far; what the roll-back could not do is added
     * @param builds makes an updating {@link LabBuild} for a topology
     * @return the end of the message: rolled back, or what is left and what to do
     * @throws NetnsException when the kept state cannot be read
     */
    public static String rollBackFailed(Topology now, NetnsRegistry registry, java.nio.file.Path directory,
                                        List<String> left, Function<Topology, LabBuild> builds) throws NetnsException {
        Topology old = LabState.read(directory, now.name()).orElseThrow(() -> new NetnsException(
                "the state of lab \"" + now.name() + "\" is gone"));
        left.addAll(rollBack(old, now, registry, builds));
        if (left.isEmpty()) {
            LabState.deletePending(directory, now.name());
            return "the lab was rolled back to the file it was built from, which stays its state: fix the new file"
                    + " and run \"lab up\" again";
        }
        return String.join("; ", left) + " (the next \"lab up\" tries the roll-back again; \"lab down " + now.name()
                + "\" removes the lab)";
    }

    /**
     * A {@code lab up} killed during an update left its pending file: rolls the lab back to
     * its kept state, so that the plan of the next update starts from what is on the machine.
     *
     * @param lab the lab's name
     * @param registry the registry
     * @param directory the lab directory
     * @param progress receives a line when there is something to roll back
     * @param builds makes an updating {@link LabBuild} for a topology
     * @return what could not be undone (empty when nothing was pending or all went back)
     * @throws NetnsException when the files cannot be read
     */
    public static List<String> finishInterrupted(String lab, NetnsRegistry registry, java.nio.file.Path directory,
                                                 java.util.function.Consumer<String> progress,
                                                 Function<Topology, LabBuild> builds) throws NetnsException {
        Topology pending = LabState.readPending(directory, lab).orElse(null);
        if (pending == null) {
            return List.of();
        }
        Topology old = LabState.read(directory, lab).orElse(null);
        if (old == null || LabMarks.owned(registry, lab).isEmpty()) {
            LabState.deletePending(directory, lab);
            return List.of();
        }
        progress.accept("lab \"" + lab + "\": an earlier \"lab up\" was interrupted during an update; rolling the"
                + " lab back to " + LabState.file(directory, lab) + " first");
        List<String> left = new ArrayList<>(rollBack(old, pending, registry, builds));
        left.addAll(removeEmptyFiles(pending, registry));
        if (left.isEmpty()) {
            LabState.deletePending(directory, lab);
        }
        return left;
    }

    /**
     * A {@code lab up} killed between creating a namespace's file and mounting the namespace on
     * it leaves an empty file under the node's name: no namespace, so neither marked nor rolled
     * back. Removes those of {@code t}'s nodes ({@code rm /run/netns/NAME}, only when nothing is
     * mounted there), as {@code lab down} does; returns what could not be removed.
     */
    private static List<String> removeEmptyFiles(Topology t, NetnsRegistry registry) {
        List<String> left = new ArrayList<>();
        for (var n : t.nodes()) {
            String ns = t.namespace(n.name());
            try {
                registry.removeUnmounted(ns);
            } catch (NetnsException e) {
                left.add("empty namespace file " + ns + ": " + e.getMessage());
            }
        }
        return left;
    }
}
