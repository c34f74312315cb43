package io.netns4j.lab.view;

import io.netns4j.error.NetnsException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.LabServices;
import io.netns4j.lab.fault.Partition;
import io.netns4j.lab.model.Impairment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The page's actions ({@code POST /api/action} with a JSON object), each the front door's verb
 * that the CLI runs for the same words:
 * <ul>
 *   <li>{@code {"action":"link","lab":L,"endpoint":"a:eth0","state":"down"}}: {@code lab link L a:eth0 down};</li>
 *   <li>{@code {"action":"partition","lab":L,"words":["a","/","b,c"]}}: {@code lab partition L a / b,c};</li>
 *   <li>{@code {"action":"heal","lab":L}}: {@code lab heal L};</li>
 *   <li>{@code {"action":"impair","lab":L,"endpoint":"a:eth0","words":["delay","50ms"]}}: {@code lab impair ...};</li>
 *   <li>{@code {"action":"restart","lab":L,"service":"a/web"}}: {@code lab restart L a/web}.</li>
 * </ul>
 * The request is checked before anything changes: a bad one is an {@link IllegalArgumentException}
 * whose message says what is wrong (the server answers 400).
 */
final class ViewActions {
    private ViewActions() {
    }

    /**
     * Carries out one action.
     *
     * @return what was done, in the CLI's words
     * @throws IllegalArgumentException the request is malformed or names no lab being shown
     * @throws NetnsException           the action failed (the lab's own error)
     */
    static String run(ViewHub hub, Object request) throws NetnsException {
        if (!(request instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("the body must be a JSON object with \"action\" and \"lab\"");
        }
        String action = string(m, "action");
        String lab = string(m, "lab");
        if (hub.lab(lab).isEmpty()) {
            throw new IllegalArgumentException("lab \"" + lab + "\" is not shown here (shown: " + hub.labs() + ")");
        }
        var registry = hub.registry();
        var options = hub.options();
        return switch (action) {
            case "link" -> {
                String endpoint = endpoint(m);
                String state = string(m, "state");
                if (!state.equals("up") && !state.equals("down")) {
                    throw new IllegalArgumentException("\"state\" must be \"up\" or \"down\", not \"" + state + "\"");
                }
                Lab.setLink(lab, endpoint, state.equals("up"), registry);
                yield "lab " + lab + ": " + endpoint + " is " + state;
            }
            case "partition" -> {
                Partition p = Lab.parsePartition(lab, words(m), registry);
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("the words make no cut; use \"heal\" to remove a partition");
                }
                Lab.partition(lab, p, registry, options);
                yield "lab " + lab + " partitioned: " + p.describe();
            }
            case "heal" -> {
                Partition removed = Lab.heal(lab, registry, options);
                yield removed.isEmpty() ? "lab " + lab + " had no partition" : "lab " + lab + " healed: "
                        + removed.describe() + " removed";
            }
            case "impair" -> {
                String endpoint = endpoint(m);
                Impairment imp = Impairment.parse(words(m));
                Lab.impair(lab, endpoint, imp, registry, options);
                yield "lab " + lab + ": " + endpoint + (imp.isNone() ? " has no impairment" : " impaired: "
                        + String.join(" ", imp.words()));
            }
            case "restart" -> {
                String service = string(m, "service");
                if (!service.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
                    throw new IllegalArgumentException("\"service\" must be NODE/SERVICE, e.g. \"a/web\"");
                }
                LabServices.restart(lab, service, options);
                yield "lab " + lab + ": " + service + " restarted";
            }
            default -> throw new IllegalArgumentException("unknown action \"" + action
                    + "\": link, partition, heal, impair or restart");
        };
    }

    private static String string(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a non-empty string");
        }
        return s;
    }

    private static String endpoint(Map<?, ?> m) {
        String e = string(m, "endpoint");
        if (!e.matches("[A-Za-z0-9_.-]+:[A-Za-z0-9_.@-]+")) {
            throw new IllegalArgumentException("\"endpoint\" must be NODE:INTERFACE, e.g. \"a:eth0\", not \"" + e + "\"");
        }
        return e;
    }

    private static List<String> words(Map<?, ?> m) {
        if (!(m.get("words") instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalArgumentException("\"words\" must be a non-empty list of strings, as on the command line");
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException("\"words\" must hold strings only");
            }
            out.add(s);
        }
        return out;
    }
}
