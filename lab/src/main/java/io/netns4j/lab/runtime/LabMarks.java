package io.netns4j.lab.runtime;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ownership marks a lab puts on what it makes, and finding labs by them: the alias of
 * {@code lo} in each of its namespaces ({@code ip -n NS link set lo alias netns4j-lab:LAB}) and
 * the first line of each hosts file it writes ({@code # netns4j-lab:LAB}).
 */
public final class LabMarks {
    /** The alias of {@code lo} in every namespace of lab {@code L}: {@code netns4j-lab:L}. */
    public static final String PREFIX = "netns4j-lab:";
    /** The first line of a lab's {@code /etc/netns/NS/hosts}, followed by the lab's name. */
    public static final String HOSTS_HEADER = "# " + PREFIX;

    private LabMarks() {
    }

    /** The mark of lab {@code lab}: {@code netns4j-lab:LAB}. */
    public static String of(String lab) {
        return PREFIX + lab;
    }

    /**
     * Lab name to its namespaces (sorted), from the alias of each namespace's {@code lo};
     * equivalent to reading {@code ip -n NS link show lo} in every namespace.
     */
    public static Map<String, List<String>> owned(NetnsRegistry registry) throws NetnsException {
        return ownedByLab(registry, "");
    }

    /**
     * Lab {@code lab}'s namespaces (sorted; none: empty list). Only names starting with
     * {@code <lab>-} are opened, since {@code up} names every namespace so; the mark decides.
     */
    public static List<String> owned(NetnsRegistry registry, String lab) throws NetnsException {
        return ownedByLab(registry, lab + "-").getOrDefault(lab, List.of());
    }

    /**
     * Whether namespace {@code ns} exists and carries lab {@code lab}'s mark: one query, where
     * {@link #owned(NetnsRegistry, String)} reads every namespace of the lab.
     */
    public static boolean carries(NetnsRegistry registry, String ns, String lab) {
        try (Netns n = registry.open(ns)) {
            return of(lab).equals(n.links().get("lo").alias());
        } catch (NetnsException e) {
            return false;
        }
    }

    private static Map<String, List<String>> ownedByLab(NetnsRegistry registry, String prefix) throws NetnsException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String ns : registry.names()) {
            if (!ns.startsWith(prefix)) {
                continue;
            }
            String alias;
            try (Netns n = registry.open(ns)) {
                alias = n.links().get("lo").alias();
            } catch (NetnsException e) {
                continue; // being created or deleted, or not ours to read
            }
            if (alias != null && alias.startsWith(PREFIX)) {
                out.computeIfAbsent(alias.substring(PREFIX.length()), k -> new ArrayList<>()).add(ns);
            }
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }
}
