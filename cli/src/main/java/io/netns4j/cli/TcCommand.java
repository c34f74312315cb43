package io.netns4j.cli;

import io.netns4j.error.NetnsException;
import io.netns4j.qdisc.NetemSpec;
import io.netns4j.qdisc.NetemWords;
import io.netns4j.qdisc.Qdisc;
import io.netns4j.qdisc.Qdiscs;
import io.netns4j.qdisc.TbfSpec;
import io.netns4j.qdisc.TcUnits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code netns4j tc qdisc ...}: the part of tc's syntax netns4j has so far: tbf (rate limit)
 * and netem (delay, loss, duplication, reordering, an emulated rate) at a device's root or
 * under a parent class, deleting a device's root qdisc, and listing qdiscs as
 * {@code tc qdisc show} does.
 */
final class TcCommand implements ObjectCommand {
    static final String FORM = "tc qdisc { add | replace | del | show } [dev DEV] [root | parent CLASSID] [handle HANDLE]"
            + " [tbf rate RATE burst SIZE (latency TIME | limit SIZE) | " + NetemWords.FORM + "]";

    private record Parsed(String verb, String dev, int parent, int handle, TbfSpec tbf, NetemSpec netem) {
    }

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        parse(args);
    }

    /** tc's own options before the object: {@code -s}, {@code -j}, {@code -p}, {@code -d}. */
    record TcOptions(boolean stats, boolean json, boolean pretty, List<String> rest) {
    }

    static TcOptions options(List<String> args) throws UsageException {
        boolean stats = false, json = false, pretty = false;
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-"); i++) {
            String o = args.get(i).startsWith("--") ? args.get(i).substring(2) : args.get(i).substring(1);
            String w = Keywords.resolve(o, "stats", "statistics", "json", "pretty", "details");
            if (w == null) {
                throw new UsageException("Option \"" + args.get(i) + "\" is unknown to \"netns4j tc\": it takes -s, -j,"
                        + " -p and -d (and netns4j's own options before \"tc\", e.g. -n NS).");
            }
            switch (w) {
                case "stats", "statistics" -> stats = true;
                case "json" -> json = true;
                case "pretty" -> pretty = true;
                default -> { } // -d: tc prints nothing more for tbf and netem here
            }
        }
        return new TcOptions(stats, json, pretty, args.subList(i, args.size()));
    }

    private static Parsed parse(List<String> all) throws UsageException {
        List<String> args = options(all).rest();
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
        Integer parent = null;
        int handle = 0;
        String kind = null;
        Long rate = null;
        Integer burst = null;
        long latency = 0;
        long limit = 0;
        NetemSpec netem = null;
        while (w.more()) {
            String a = w.next();
            switch (a) {
                case "dev" -> dev = LinkKindArgs.ifname(w.value(a, "a device"));
                case "root" -> parent = place(parent, Qdisc.ROOT);
                case "parent" -> parent = place(parent, classId(w.value(a, "a class id such as 1:1")));
                case "handle" -> handle = handle(w.value(a, "a handle such as 1:"));
                case "tbf" -> kind = "tbf";
                case "netem" -> {
                    kind = "netem";
                    netem = usage(NetemWords::parse, w.rest());
                }
                case "rate" -> rate = usage(TcUnits::rate, w.value(a, "a rate such as 1mbit"));
                case "burst", "buffer", "maxburst" -> burst = usage(TcUnits::size, w.value(a, "a size such as 32kbit"));
                case "latency" -> latency = usage(TcUnits::time, w.value(a, "a time such as 400ms"));
                case "limit" -> limit = usage(TcUnits::size, w.value(a, "a size in bytes"));
                default -> throw new UsageException("Unknown or unsupported word \"" + a + "\": netns4j's tc takes \""
                        + FORM + "\" (htb, classes and filters are not supported yet).");
            }
        }
        if (verb.equals("show") || verb.equals("list") || verb.equals("ls")) {
            return new Parsed("show", dev, 0, 0, null, null);
        }
        if (dev == null || parent == null) {
            throw new UsageException("\"tc qdisc " + verb + "\" needs \"dev DEV\" and \"root\" or \"parent CLASSID\": the"
                    + " form is \"netns4j " + FORM + "\".");
        }
        if (verb.equals("delete")) {
            if (parent != Qdisc.ROOT) {
                throw new UsageException("netns4j's tc deletes a device's root qdisc so far: \"tc qdisc del dev DEV root\".");
            }
            return new Parsed(verb, dev, parent, 0, null, null);
        }
        if ("netem".equals(kind)) {
            return new Parsed(verb, dev, parent, handle, null, netem);
        }
        if (!"tbf".equals(kind)) {
            throw new UsageException("netns4j's tc can add a \"tbf\" or \"netem\" qdisc so far: the form is \"netns4j "
                    + FORM + "\".");
        }
        if (rate == null || burst == null) {
            throw new UsageException("tbf needs \"rate\" and \"burst\" (and \"latency\" or \"limit\").");
        }
        try {
            return new Parsed(verb, dev, parent, handle, new TbfSpec(rate, burst, latency, limit), null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ".");
        }
    }

    /** Core's unit and netem parsers refuse a word with an IllegalArgumentException: a usage error, same words. */
    private static <A, T> T usage(Function<A, T> parse, A words) throws UsageException {
        try {
            return parse.apply(words);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int place(Integer previous, int parent) throws UsageException {
        if (previous != null) {
            throw new UsageException("\"root\" and \"parent\" name the qdisc's place: give one of them, once.");
        }
        return parent;
    }

    /** A qdisc handle as tc writes it: {@code 1:} or {@code 1} (hexadecimal major, minor 0). */
    static int handle(String word) throws UsageException {
        String major = word.endsWith(":") ? word.substring(0, word.length() - 1) : word;
        try {
            return Qdiscs.handle(Integer.parseInt(major, 16), 0);
        } catch (IllegalArgumentException e) {
            throw new UsageException("\"" + word + "\" is not a qdisc handle: write a hexadecimal major number and a"
                    + " colon, e.g. 1: or 10:");
        }
    }

    /** A class id as tc writes it: {@code 1:1}, {@code 10:} (hexadecimal MAJOR:MINOR). */
    static int classId(String word) throws UsageException {
        int colon = word.indexOf(':');
        try {
            if (colon > 0) {
                String minor = word.substring(colon + 1);
                return Qdiscs.handle(Integer.parseInt(word.substring(0, colon), 16),
                        minor.isEmpty() ? 0 : Integer.parseInt(minor, 16));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new UsageException("\"" + word + "\" is not a class id: write MAJOR:MINOR in hexadecimal, e.g. 1:1");
    }

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        Parsed p = parse(args);
        TcOptions tc = options(args);
        Qdiscs qdiscs = ctx.namespace().qdiscs();
        switch (p.verb()) {
            case "add" -> {
                if (p.netem() != null) {
                    qdiscs.addNetem(p.dev(), p.parent(), p.handle(), p.netem());
                } else {
                    qdiscs.addTbf(p.dev(), p.parent(), p.handle(), p.tbf());
                }
            }
            case "replace" -> {
                if (p.netem() != null) {
                    qdiscs.replaceNetem(p.dev(), p.parent(), p.handle(), p.netem());
                } else {
                    qdiscs.replaceTbf(p.dev(), p.parent(), p.handle(), p.tbf());
                }
            }
            case "delete" -> qdiscs.deleteRoot(p.dev());
            default -> show(ctx, qdiscs, p.dev(), tc);
        }
        return 0;
    }

    private static void show(Context ctx, Qdiscs qdiscs, String dev, TcOptions tc) throws NetnsException {
        List<Qdisc> shown = qdiscs.list().stream().filter(q -> dev == null || q.device().equals(dev)).toList();
        Map<Qdisc, NetemSpec> netem = shown.stream().anyMatch(q -> q.kind().equals("netem")) ? qdiscs.netemQdiscs()
                : Map.of();
        show(ctx, shown, netem, dev, tc);
    }

    private static void show(Context ctx, List<Qdisc> shown, Map<Qdisc, NetemSpec> netem, String dev,
                             TcOptions tc) {
        if (ctx.json() || tc.json()) {
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
                } else if (q.parent() != 0) {
                    m.put("parent", classIdText(q.parent()));
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
                if (netem.containsKey(q)) {
                    options.putAll(netemJson(netem.get(q)));
                }
                m.put("options", options);
                if (tc.stats() && q.stats() != null) {
                    Qdisc.Stats st = q.stats();
                    m.put("bytes", st.bytes());
                    m.put("packets", st.packets());
                    m.put("drops", st.drops());
                    m.put("overlimits", st.overlimits());
                    m.put("requeues", st.requeues());
                    m.put("backlog", st.backlog());
                    m.put("qlen", st.qlen());
                }
                rows.add(m);
            }
            ctx.out.println(io.netns4j.internal.json.JsonWriter.write(rows, ctx.options.pretty() || tc.pretty()));
            return;
        }
        for (Qdisc q : shown) {
            StringBuilder sb = new StringBuilder("qdisc ").append(q.kind()).append(' ').append(q.handleText()).append(' ');
            if (dev == null) {
                sb.append("dev ").append(q.device()).append(' ');
            }
            if (q.isRoot()) {
                sb.append("root ");
            } else if (q.parent() != 0) {
                sb.append("parent ").append(classIdText(q.parent())).append(' ');
            }
            if (q.refcnt() != 1) {
                sb.append("refcnt ").append(q.refcnt()).append(' ');
            }
            if (q.tbf() != null) {
                sb.append("rate ").append(TcUnits.formatRate(q.tbf().rate())).append(" burst ")
                        .append(TcUnits.formatSize(q.tbf().burst())).append(" lat ")
                        .append(TcUnits.formatTime(q.tbf().latencyMicros())).append(' ');
            }
            if (netem.containsKey(q)) {
                sb.append(netemText(netem.get(q)));
            }
            if (tc.stats() && q.stats() != null) {
                Qdisc.Stats st = q.stats();
                sb.append("\n Sent ").append(st.bytes()).append(" bytes ").append(st.packets()).append(" pkt (dropped ")
                        .append(st.drops()).append(", overlimits ").append(st.overlimits()).append(" requeues ")
                        .append(st.requeues()).append(") \n backlog ").append(TcUnits.formatSize(st.backlog()))
                        .append(' ').append(st.qlen()).append("p requeues ").append(st.requeues());
            }
            ctx.out.println(sb);
        }
    }

    /** A class id as tc prints it: {@code 1:1}, {@code 1:}, {@code :1}. */
    static String classIdText(int id) {
        int major = id >>> 16;
        int minor = id & 0xffff;
        if (major == 0) {
            return ":" + Integer.toHexString(minor);
        }
        return Integer.toHexString(major) + ":" + (minor == 0 ? "" : Integer.toHexString(minor));
    }

    /** netem's settings as tc 6.1's netem_print_opt prints them in text (no correlations: netns4j sets none). */
    static String netemText(NetemSpec n) {
        StringBuilder sb = new StringBuilder("limit ").append(n.limit());
        if (n.delayMicros() > 0) {
            sb.append(" delay ").append(TcUnits.formatTime(n.delayMicros()));
            if (n.jitterMicros() > 0) {
                sb.append("  ").append(TcUnits.formatTime(n.jitterMicros()));
            }
        }
        percent(sb, "loss", n.lossPercent());
        percent(sb, "duplicate", n.duplicatePercent());
        percent(sb, "reorder", n.reorderPercent());
        if (n.rate() > 0) {
            sb.append(" rate ").append(TcUnits.formatRate(n.rate()));
        }
        if (n.effectiveGap() > 0) {
            sb.append(" gap ").append(n.effectiveGap());
        }
        return sb.toString();
    }

    private static void percent(StringBuilder sb, String word, double p) {
        if (p > 0) {
            sb.append(' ').append(word).append(' ').append(TcUnits.formatPercent(p)).append('%');
        }
    }

    /** netem's settings as tc 6.1 prints them in JSON: times in seconds, percentages as fractions. */
    static Map<String, Object> netemJson(NetemSpec n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("limit", n.limit());
        if (n.delayMicros() > 0) {
            m.put("delay", ordered("delay", number(n.delayMicros() / 1e6), "jitter", number(n.jitterMicros() / 1e6),
                    "correlation", 0L));
        }
        if (n.lossPercent() > 0) {
            m.put("loss-random", ordered("loss", fraction(n.lossPercent()), "correlation", 0L));
        }
        if (n.duplicatePercent() > 0) {
            m.put("duplicate", ordered("duplicate", fraction(n.duplicatePercent()), "correlation", 0L));
        }
        if (n.reorderPercent() > 0) {
            m.put("reorder", ordered("reorder", fraction(n.reorderPercent()), "correlation", 0L));
        }
        if (n.rate() > 0) {
            m.put("rate", ordered("rate", n.rate(), "packetoverhead", 0L, "cellsize", 0L, "celloverhead", 0L));
        }
        m.put("ecn", false);
        m.put("gap", (long) n.effectiveGap());
        return m;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Object fraction(double percent) {
        return number(Double.parseDouble(TcUnits.formatPercent(percent)) / 100);
    }

    /** A JSON number as tc's %g writes it: whole numbers without ".0". */
    private static Object number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }
}
