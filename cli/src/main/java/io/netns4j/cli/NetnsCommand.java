package io.netns4j.cli;

import io.netns4j.NamespacePeers;
import io.netns4j.Netns;
import io.netns4j.NetnsEvent;
import io.netns4j.NetnsMonitor;
import io.netns4j.PeerId;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.json.JsonWriter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code netns4j netns ...}: the {@code ip netns} command set, with its syntax, output and
 * JSON. Every verb maps onto one library call on {@link io.netns4j.NetnsRegistry} or
 * {@link Netns}; the words are all checked before it, and before {@code -n}'s namespace is
 * opened ({@link #parse}).
 */
final class NetnsCommand implements ObjectCommand {
    static final String USAGE = """
            Usage:	netns4j netns list
            	netns4j netns add NAME
            	netns4j netns attach NAME PID
            	netns4j netns set NAME NETNSID
            	netns4j [-all] netns delete [--wait[=SECONDS]] [NAME]
            	netns4j [-all] netns exec [NAME] cmd ...
            	netns4j netns identify [PID]
            	netns4j netns pids NAME
            	netns4j netns monitor
            	netns4j netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]
            NETNSID := auto | POSITIVE-INT""";
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    /** The command line checked, opening nothing: what {@link #run} will do. */
    sealed interface Request permits ListNames, ListIds, Help, Add, Attach, SetId, Delete, Identify, Pids, Monitor,
            Exec {
    }

    /** {@code netns list}. */
    record ListNames() implements Request {
    }

    /** {@code netns list-id [target-nsid N] [nsid N]}; null: not given. */
    record ListIds(Integer target, Integer nsid) implements Request {
    }

    /** {@code netns help}. */
    record Help() implements Request {
    }

    /** {@code netns add NAME}. */
    record Add(String name) implements Request {
    }

    /** {@code netns attach NAME PID}. */
    record Attach(String name, long pid) implements Request {
    }

    /** {@code netns set NAME NETNSID}; -1 for {@code auto}. */
    record SetId(String name, int nsid) implements Request {
    }

    /** {@code [-all] netns delete [--wait[=SECONDS]] [NAME]}: no names with {@code -all}; timeout null: no waiting. */
    record Delete(List<String> names, Duration timeout) implements Request {
    }

    /** {@code netns identify [PID]}; 0: the namespace the command runs in. */
    record Identify(long pid) implements Request {
    }

    /** {@code netns pids NAME}. */
    record Pids(String name) implements Request {
    }

    /** {@code netns monitor}. */
    record Monitor() implements Request {
    }

    /** {@code [-all] netns exec [NAME] CMD...}: no name with {@code -all}. */
    record Exec(String name, List<String> command) implements Request {
    }

    /**
     * Checks every word and says what to do, touching no namespace and no file: bad input
     * fails here with a {@link UsageException} (exit 2).
     */
    static Request parse(GlobalOptions options, List<String> args) throws UsageException {
        if (args.isEmpty()) {
            return listNames(args);
        }
        String verb = Keywords.resolve(args.getFirst(), "list", "show", "lst", "list-id", "help", "add", "set",
                "delete", "identify", "pids", "exec", "monitor", "attach");
        List<String> rest = args.subList(1, args.size());
        if (verb == null) {
            throw new UsageException("Command \"" + args.getFirst() + "\" is unknown, try \"netns4j netns help\".");
        }
        return switch (verb) {
            case "list", "show", "lst" -> listNames(rest);
            case "list-id" -> listIds(rest);
            case "help" -> new Help();
            case "add" -> add(rest);
            case "set" -> setId(rest);
            case "delete" -> delete(options, rest);
            case "identify" -> identify(rest);
            case "pids" -> pids(rest);
            case "monitor" -> monitor(rest);
            case "attach" -> attach(rest);
            default -> NetnsExec.parse(options, rest);
        };
    }

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        parse(options, args);
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        return switch (parse(ctx.options, args)) {
            case ListNames l -> list(ctx);
            case ListIds l -> listId(ctx, l);
            case Help h -> {
                ctx.out.println(USAGE);
                yield 0;
            }
            case Add a -> {
                ctx.keepOrClose(a.name(), ctx.registry.add(a.name()));
                yield 0;
            }
            case Attach a -> {
                ctx.registry.attach(a.name(), a.pid()).close();
                yield 0;
            }
            case SetId s -> {
                try (Netns peer = ctx.registry.open(s.name())) {
                    if (s.nsid() < 0) { // "auto"
                        ctx.namespace().peers().assign(peer);
                    } else {
                        ctx.namespace().peers().assign(peer, s.nsid());
                    }
                }
                yield 0;
            }
            case Delete d -> delete(ctx, d);
            case Identify i -> identify(ctx, i.pid());
            case Pids p -> pids(ctx, p.name());
            case Monitor m -> monitor(ctx);
            case Exec e -> NetnsExec.run(ctx, e);
        };
    }

    private static void noMore(List<String> args, int expected, String form) throws UsageException {
        if (args.size() > expected) {
            throw new UsageException("Extra argument \"" + args.get(expected) + "\": the form is \"netns4j netns "
                    + form + "\".");
        }
    }

    private static String nameArg(List<String> args, String form) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("No netns name specified: the form is \"netns4j netns " + form + "\".");
        }
        return Validation.name(args.getFirst());
    }

    private static ListNames listNames(List<String> args) throws UsageException {
        noMore(args, 0, "list");
        return new ListNames();
    }

    private static ListIds listIds(List<String> args) throws UsageException {
        Integer target = null;
        Integer nsid = null;
        for (int i = 0; i < args.size(); i += 2) {
            String key = args.get(i);
            if (!key.equals("target-nsid") && !key.equals("nsid")) {
                throw new UsageException("Unknown argument \"" + key + "\": the form is \"netns4j netns list-id"
                        + " [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\".");
            }
            if ((key.equals("nsid") ? nsid : target) != null) {
                throw new UsageException("Duplicate argument \"" + key + "\".");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("\"" + key + "\" needs a value (a number >= 0).");
            }
            int v = Validation.nonNegative(args.get(i + 1), key);
            if (key.equals("nsid")) {
                nsid = v;
            } else {
                target = v;
            }
        }
        return new ListIds(target, nsid);
    }

    private static Add add(List<String> args) throws UsageException {
        String name = nameArg(args, "add NAME");
        noMore(args, 1, "add NAME");
        return new Add(name);
    }

    private static Attach attach(List<String> args) throws UsageException {
        String name = nameArg(args, "attach NAME PID");
        if (args.size() < 2) {
            throw new UsageException("No PID specified: the form is \"netns4j netns attach NAME PID\".");
        }
        long pid = Validation.pid(args.get(1));
        noMore(args, 2, "attach NAME PID");
        return new Attach(name, pid);
    }

    private static SetId setId(List<String> args) throws UsageException {
        String name = nameArg(args, "set NAME auto|ID");
        if (args.size() < 2) {
            throw new UsageException("No nsid specified: the form is \"netns4j netns set NAME auto|ID\".");
        }
        int nsid = args.get(1).equals("auto") ? -1 : Validation.nonNegative(args.get(1), "netnsid");
        noMore(args, 2, "set NAME auto|ID");
        return new SetId(name, nsid);
    }

    private static Delete delete(GlobalOptions options, List<String> args) throws UsageException {
        Duration wait = null;
        List<String> names = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--wait") || a.equals("-wait")) {
                wait = DEFAULT_WAIT;
            } else if (a.startsWith("--wait=")) {
                wait = Duration.ofMillis(Math.round(Validation.seconds(a.substring(7)) * 1000));
            } else {
                names.add(a);
            }
        }
        if (options.all()) {
            if (!names.isEmpty()) {
                throw new UsageException("\"-all netns delete\" takes no name; drop \"" + names.getFirst() + "\".");
            }
        } else {
            nameArg(names, "delete NAME");
            noMore(names, 1, "delete [--wait] NAME");
        }
        return new Delete(List.copyOf(names), wait);
    }

    private static Identify identify(List<String> args) throws UsageException {
        long pid = args.isEmpty() ? 0 : Validation.pid(args.getFirst());
        noMore(args, 1, "identify [PID]");
        return new Identify(pid);
    }

    private static Pids pids(List<String> args) throws UsageException {
        String name = nameArg(args, "pids NAME");
        noMore(args, 1, "pids NAME");
        return new Pids(name);
    }

    private static Monitor monitor(List<String> args) throws UsageException {
        noMore(args, 0, "monitor");
        return new Monitor();
    }

    private static int list(Context ctx) throws NetnsException {
        Netns viewer = ctx.namespace();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : ctx.registry.names()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            viewer.peers().idOf(ctx.registry, name).ifPresent(id -> row.put("id", id));
            rows.add(row);
        }
        if (ctx.json()) {
            ctx.printJson(rows);
        } else {
            for (Map<String, Object> r : rows) {
                ctx.out.println(r.get("name") + (r.containsKey("id") ? " (id: " + r.get("id") + ")" : ""));
            }
        }
        return 0;
    }

    private static int listId(Context ctx, ListIds request) throws NetnsException {
        NamespacePeers peers = ctx.namespace().peers();
        List<PeerId> ids;
        if (request.nsid() != null) {
            ids = (request.target() == null ? peers.lookupNamed(ctx.registry, request.nsid())
                    : peers.lookupNamed(ctx.registry, request.nsid(), request.target())).stream().toList();
        } else {
            ids = request.target() == null ? peers.listNamed(ctx.registry) : peers.listNamed(ctx.registry, request.target());
        }
        if (ctx.json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PeerId p : ids) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("nsid", p.nsid());
                if (p.currentNsid() != null && p.currentNsid() >= 0) {
                    row.put("current-nsid", p.currentNsid());
                }
                if (p.name() != null) {
                    row.put("name", p.name());
                }
                rows.add(row);
            }
            ctx.printJson(rows);
        } else {
            for (PeerId p : ids) {
                StringBuilder sb = new StringBuilder("nsid ").append(p.nsid()).append(' ');
                if (p.currentNsid() != null) {
                    sb.append(p.currentNsid() < 0 ? "current-nsid unassigned " : "current-nsid " + p.currentNsid() + " ");
                }
                if (p.name() != null) {
                    sb.append("(iproute2 netns name: ").append(p.name()).append(')');
                }
                ctx.out.println(sb.toString().stripTrailing());
            }
        }
        return 0;
    }

    private static int delete(Context ctx, Delete request) throws NetnsException {
        List<String> names = ctx.options.all() ? ctx.registry.names() : request.names();
        Duration wait = request.timeout();
        int status = 0;
        for (String name : names) {
            ctx.release(name);
            try {
                if (wait != null) {
                    ctx.registry.delete(name, wait);
                } else {
                    ctx.registry.delete(name);
                }
            } catch (NetnsException e) {
                if (!ctx.options.all()) {
                    throw e;
                }
                ctx.err.println(e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    private static int identify(Context ctx, long pid) throws NetnsException {
        // without a pid: the namespace the command runs in, -n's one when given (as ip -n NS netns identify)
        List<String> names = pid == 0 ? ctx.registry.namesOf(ctx.namespace().id()) : ctx.registry.identify(pid);
        if (ctx.json()) {
            ctx.printJson(names.stream().map(n -> Map.of("name", n)).toList());
        } else if (names.isEmpty()) {
            ctx.out.println();
        } else {
            names.forEach(ctx.out::println);
        }
        return 0;
    }

    private static int pids(Context ctx, String name) throws NetnsException {
        List<Long> pids = ctx.registry.pids(name);
        if (ctx.json()) {
            ctx.printJson(pids.stream().map(p -> Map.of("pid", p)).toList());
        } else {
            pids.forEach(ctx.out::println);
        }
        return 0;
    }

    private static int monitor(Context ctx) throws NetnsException {
        try (NetnsMonitor m = ctx.registry.monitor()) {
            for (; ; ) {
                Optional<NetnsEvent> e = m.next(Duration.ofDays(1));
                if (e.isEmpty()) {
                    continue;
                }
                NetnsEvent ev = e.get();
                if (ctx.json()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("event", ev.kind() == NetnsEvent.Kind.ADD ? "add" : "delete");
                    row.put("name", ev.name());
                    ctx.out.println(JsonWriter.write(row, false));
                } else {
                    ctx.out.println(ev);
                }
                ctx.out.flush();
            }
        }
    }
}
