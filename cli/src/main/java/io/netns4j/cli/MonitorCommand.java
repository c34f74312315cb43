package io.netns4j.cli;

import io.netns4j.NetworkMonitor;
import io.netns4j.NetworkMonitor.AddressEvent;
import io.netns4j.NetworkMonitor.Event;
import io.netns4j.NetworkMonitor.LinkEvent;
import io.netns4j.NetworkMonitor.NeighbourEvent;
import io.netns4j.NetworkMonitor.NsidEvent;
import io.netns4j.NetworkMonitor.RouteEvent;
import io.netns4j.NetworkMonitor.RuleEvent;
import io.netns4j.error.NetnsException;
import io.netns4j.link.Link;
import io.netns4j.internal.json.JsonWriter;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code netns4j monitor [all | link | address | route | neigh | rule | nsid ...] [label] [count N]}:
 * {@code ip monitor}, one {@link NetworkMonitor}; each change printed as the matching show
 * command prints the object ({@code Deleted } before a removal), an nsid as ip's print_nsid
 * does ({@link NsidNames}), or with {@code -j} as one JSON object a line with a
 * {@code "deleted": true} key for a removal. {@code all} is ip 6.1's: every object (as no
 * object word), and labels as {@code label}. {@code count N} (netns4j's own) stops after N
 * events, for scripts; without it the command runs until interrupted.
 */
final class MonitorCommand implements ObjectCommand {
    static final String FORM = "monitor [all | link | address | route | neigh | rule | nsid ...] [label] [count N]";
    private static final int POLL_MILLIS = 200;

    /** The words checked: what to watch, whether to label, how many events to print (0: no end). */
    record Request(Set<NetworkMonitor.Kind> kinds, boolean label, long count) {
    }

    static Request parse(List<String> args) throws UsageException {
        Set<NetworkMonitor.Kind> kinds = EnumSet.noneOf(NetworkMonitor.Kind.class);
        boolean label = false;
        long count = 0;
        Words w = new Words(args, FORM);
        while (w.more()) {
            String a = w.next();
            String k = Keywords.resolve(a, "link", "address", "route", "neigh", "rule", "nsid", "all", "label",
                    "count", "help");
            if (k == null) {
                if (List.of("mroute", "prefix", "netconf", "stats", "nexthop", "maddress", "acaddress",
                        "file", "all-nsid", "dev").contains(a)) {
                    throw new UsageException("\"monitor " + a + "\" is not supported by netns4j yet; watch one of"
                            + " link, address, route, neigh, rule, nsid.");
                }
                throw new UsageException("Argument \"" + a + "\" is unknown: the form is \"netns4j " + FORM + "\".");
            }
            switch (k) {
                case "link" -> kinds.add(NetworkMonitor.Kind.LINK);
                case "address" -> kinds.add(NetworkMonitor.Kind.ADDRESS);
                case "route" -> kinds.add(NetworkMonitor.Kind.ROUTE);
                case "neigh" -> kinds.add(NetworkMonitor.Kind.NEIGH);
                case "rule" -> kinds.add(NetworkMonitor.Kind.RULE);
                case "nsid" -> kinds.add(NetworkMonitor.Kind.NSID);
                case "all" -> label = true; // ip 6.1: prefix_banner; no object word still means all
                case "label" -> label = true;
                case "count" -> count = w.intValue(a, 1, Integer.MAX_VALUE);
                default -> throw new UsageException("Usage: netns4j " + FORM);
            }
        }
        return new Request(kinds, label, count);
    }

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        parse(args);
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        Request r = parse(args);
        long printed = 0;
        try (NetworkMonitor monitor = NetworkMonitor.open(ctx.namespace(), r.kinds(), POLL_MILLIS)) {
            NsidNames names = new NsidNames(ctx.namespace(), ctx.registry); // ip's netns_map_init
            while (!Thread.currentThread().isInterrupted() && (r.count() == 0 || printed < r.count())) {
                for (Event e : monitor.poll()) {
                    String nsName = switch (e) {
                        case NsidEvent n -> names.nameFor(n);
                        case LinkEvent l -> names.nameOf(l.link().linkNetnsid());
                        default -> null;
                    };
                    ctx.out.print(ctx.json() ? JsonWriter.write(json(ctx, monitor, e, nsName), false) + "\n"
                            : text(ctx, monitor, e, r.label(), nsName));
                    ctx.out.flush();
                    if (r.count() != 0 && ++printed >= r.count()) {
                        break;
                    }
                }
            }
        }
        return ExitStatus.OK;
    }

    private static String text(Context ctx, NetworkMonitor monitor, Event e, boolean label, String nsName) {
        String body = switch (e) {
            case LinkEvent l -> linkText(ctx, monitor, l.link(), nsName);
            case AddressEvent a -> a.address().index() + ": " + name(monitor, a.address().index())
                    + AddressView.text(a.address(), ctx.options.colour());
            case RouteEvent r -> RouteOutput.text(r.route(), RouteOutput.Omit.NONE);
            case NeighbourEvent n -> NeighbourCommand.text(n.neighbour(), true);
            case RuleEvent r -> RuleCommand.text(r.rule());
            case NsidEvent n -> NsidNames.text(n, nsName);
        };
        String tag = switch (e) {
            case LinkEvent l -> "[LINK]";
            case AddressEvent a -> "[ADDR]";
            case RouteEvent r -> "[ROUTE]";
            case NeighbourEvent n -> "[NEIGH]";
            case RuleEvent r -> "[RULE]";
            case NsidEvent n -> "[NSID]";
        };
        return (label ? tag : "") + (e.deleted() && !(e instanceof NsidEvent) ? "Deleted " : "") + body;
    }

    /**
     * ip monitor prints a link as ip addr's header does, less its queue length (ip's
     * {@code showqueue} is off there), each word followed by a space.
     */
    private static String linkText(Context ctx, NetworkMonitor monitor, Link l, String netnsName) {
        LinkView view = new LinkView(List.copyOf(monitor.knownLinks().values()), netns(l, netnsName),
                ctx.options.withStats(0), false);
        String[] lines = view.text(l).split("\n", 2);
        String first = lines[0].replaceFirst("mode (DEFAULT|DORMANT) ", "").replaceFirst(" qlen \\d+$", "") + " ";
        return first + "\n" + (lines.length > 1 ? lines[1] : "");
    }

    /** The link-netnsid's name for {@link LinkView}, when known. */
    private static Map<Integer, String> netns(Link l, String name) {
        return name == null ? Map.of() : Map.of(l.linkNetnsid(), name);
    }

    private static String name(NetworkMonitor monitor, int index) {
        String n = monitor.nameOf(index);
        return n == null ? "if" + index : n;
    }

    private static Map<String, Object> json(Context ctx, NetworkMonitor monitor, Event e, String nsName) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e.deleted()) {
            m.put("deleted", true);
        }
        switch (e) {
            case LinkEvent l -> m.putAll(new LinkView(List.copyOf(monitor.knownLinks().values()),
                    netns(l.link(), nsName), ctx.options).json(l.link()));
            case AddressEvent a -> {
                m.put("index", a.address().index());
                m.put("dev", name(monitor, a.address().index()));
                m.putAll(AddressView.json(a.address()));
            }
            case RouteEvent r -> m.putAll(RouteOutput.json(r.route(), RouteOutput.Omit.NONE));
            case NeighbourEvent n -> m.putAll(NeighbourCommand.json(n.neighbour(), true));
            case RuleEvent r -> m.putAll(RuleCommand.json(r.rule()));
            case NsidEvent n -> m.putAll(NsidNames.json(n, nsName));
        }
        return m;
    }
}
