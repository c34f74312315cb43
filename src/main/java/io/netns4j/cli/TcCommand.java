package io.netns4j.cli;

import io.netns4j.NetnsException;
import io.netns4j.Qdisc;
import io.netns4j.Qdiscs;
import io.netns4j.TbfSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code netns4j tc qdisc ...}: the part of tc's syntax netns4j has so far, a root token
 * bucket filter (rate limit) per device, and listing qdiscs as {@code tc qdisc show} does.
 */
final class TcCommand implements ObjectCommand {
    static final String FORM = "tc qdisc { add | replace | del | show } [dev DEV] [root tbf rate RATE burst SIZE"
            + " (latency TIME | limit SIZE)]";

    private record Parsed(String verb, String dev, TbfSpec tbf) {
    }

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        parse(args);
    }

    private static Parsed parse(List<String> args) throws UsageException {
        if (args.isEmpty() || Keywords.resolve(args.getFirst(), "qdisc") == null) {
            throw new UsageException("netns4j supports \"tc qdisc\" so far: the form is \"netns4j " + FORM + "\".");
        }
        List<String> rest = args.subList(1, args.size());
        String verb = rest.isEmpty() ? "show" : Keywords.resolve(rest.getFirst(), "add", "delete", "replace", "show",
                "list", "ls");
        if (verb == null) {
            throw new UsageException("Command \"" + rest.getFirst() + "\" is unknown: the form is \"netns4j " + FORM + "\".");
        }
        Words w = new Words(rest.isEmpty() ? rest : rest.subList(1, rest.size()), FORM);
        String dev = null;
        boolean root = false;
        String kind = null;
        Long rate = null;
        Integer burst = null;
        long latency = 0;
        long limit = 0;
        while (w.more()) {
            String a = w.next();
            switch (a) {
                case "dev" -> dev = LinkKindArgs.ifname(w.value(a, "a device"));
                case "root" -> root = true;
                case "tbf" -> kind = "tbf";
                case "rate" -> rate = TcUnits.rate(w.value(a, "a rate such as 1mbit"));
                case "burst", "buffer", "maxburst" -> burst = TcUnits.size(w.value(a, "a size such as 32kbit"));
                case "latency" -> latency = TcUnits.time(w.value(a, "a time such as 400ms"));
                case "limit" -> limit = TcUnits.size(w.value(a, "a size in bytes"));
                default -> throw new UsageException("Unknown or unsupported word \"" + a + "\": netns4j's tc takes \""
                        + FORM + "\" (netem, htb and filters are not supported yet).");
            }
        }
        if (verb.equals("show") || verb.equals("list") || verb.equals("ls")) {
            return new Parsed("show", dev, null);
        }
        if (dev == null || !root) {
            throw new UsageException("\"tc qdisc " + verb + "\" needs \"dev DEV root\": the form is \"netns4j " + FORM + "\".");
        }
        if (verb.equals("delete")) {
            return new Parsed(verb, dev, null);
        }
        if (!"tbf".equals(kind)) {
            throw new UsageException("netns4j's tc can add a \"tbf\" root qdisc so far: the form is \"netns4j " + FORM + "\".");
        }
        if (rate == null || burst == null) {
            throw new UsageException("tbf needs \"rate\" and \"burst\" (and \"latency\" or \"limit\").");
        }
        try {
            return new Parsed(verb, dev, new TbfSpec(rate, burst, latency, limit));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ".");
        }
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        Parsed p = parse(args);
        Qdiscs qdiscs = ctx.namespace().qdiscs();
        switch (p.verb()) {
            case "add" -> qdiscs.addRootTbf(p.dev(), p.tbf());
            case "replace" -> qdiscs.replaceRootTbf(p.dev(), p.tbf());
            case "delete" -> qdiscs.deleteRoot(p.dev());
            default -> show(ctx, qdiscs.list(), p.dev());
        }
        return 0;
    }

    private static void show(Context ctx, List<Qdisc> all, String dev) {
        List<Qdisc> shown = all.stream().filter(q -> dev == null || q.device().equals(dev)).toList();
        if (ctx.json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Qdisc q : shown) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", q.kind());
                m.put("handle", q.handleText());
                if (dev == null) {
                    m.put("dev", q.device());
                }
                if (q.isRoot()) {
                    m.put("root", true);
                }
                if (q.refcnt() != 1) {
                    m.put("refcnt", q.refcnt());
                }
                Map<String, Object> options = new LinkedHashMap<>();
                if (q.tbf() != null) {
                    options.put("rate", q.tbf().rate());
                    options.put("burst", q.tbf().burst());
                    options.put("lat", q.tbf().latencyMicros());
                }
                m.put("options", options);
                rows.add(m);
            }
            ctx.printJson(rows);
            return;
        }
        for (Qdisc q : shown) {
            StringBuilder sb = new StringBuilder("qdisc ").append(q.kind()).append(' ').append(q.handleText()).append(' ');
            if (dev == null) {
                sb.append("dev ").append(q.device()).append(' ');
            }
            sb.append(q.isRoot() ? "root " : "parent " + Integer.toHexString(q.parent() >>> 16) + ":"
                    + Integer.toHexString(q.parent() & 0xffff) + " ");
            if (q.refcnt() != 1) {
                sb.append("refcnt ").append(q.refcnt()).append(' ');
            }
            if (q.tbf() != null) {
                sb.append("rate ").append(TcUnits.formatRate(q.tbf().rate())).append(" burst ")
                        .append(TcUnits.formatSize(q.tbf().burst())).append(" lat ")
                        .append(TcUnits.formatTime(q.tbf().latencyMicros())).append(' ');
            }
            ctx.out.println(sb);
        }
    }
}
