package io.netns4j.cli;

import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.json.JsonWriter;
import io.netns4j.lab.Lab;
import io.netns4j.lab.LabException;
import io.netns4j.lab.fault.LinkImpairments;
import io.netns4j.lab.fault.Partition;
import io.netns4j.lab.file.Problem;
import io.netns4j.lab.file.TopologyException;
import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.graph.LabGraph;
import io.netns4j.lab.model.Impairment;
import io.netns4j.lab.model.LabNode;
import io.netns4j.lab.model.LabSummary;
import io.netns4j.lab.model.Topology;
import io.netns4j.lab.plan.Plan;
import io.netns4j.lab.view.StaticView;
import io.netns4j.lab.view.ViewHub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code netns4j lab ...}: declarative labs from a topology file (docs/lab-format.md), through
 * {@link Lab}:
 * <ul>
 *   <li>{@code lab check FILE}: every problem in the file, as FILE:LINE:COLUMN: message;</li>
 *   <li>{@code lab plan FILE} (also {@code lab up --dry-run FILE}): the operations
 *       {@code lab up} runs, as the equivalent commands;</li>
 *   <li>{@code lab up FILE}: builds the lab ({@link Lab#up});</li>
 *   <li>{@code lab down FILE|NAME}: removes it, also after a crash ({@link Lab#down});</li>
 *   <li>{@code lab list}, {@code lab show [-j] NAME|FILE}: labs found on the machine by their marks;</li>
 *   <li>{@code lab serve [NAME...] [--listen HOST:PORT]}: the live view in a browser ({@link LabServeCommand});
 *       {@code lab graph --format html}: the same page as one file.</li>
 * </ul>
 * Progress lines go to stderr on a terminal only. Exit 2: usage errors and bad files (nothing
 * created); 1: failures.
 */
final class LabCommand implements ObjectCommand {
    static final String USAGE = "Usage:\tnetns4j lab check FILE\n\tnetns4j lab plan FILE\n"
            + "\tnetns4j lab up [--dry-run] FILE\n\tnetns4j lab down FILE|NAME\n\tnetns4j lab list\n"
            + "\tnetns4j lab show [-j] NAME|FILE\n\tnetns4j lab exec NAME NODE CMD [ARGS]\n"
            + "\tnetns4j lab link NAME NODE:IF up|down\n"
            + "\tnetns4j lab partition NAME GROUP / GROUP... [--oneway] | isolate NODE | halves | majority | ring | bridge"
            + " [NODES]\n\tnetns4j lab heal NAME\n"
            + "\tnetns4j lab graph [--format dot|mermaid|text|html|svg] NAME|FILE\n"
            + "\tnetns4j lab impair NAME NODE:IF [delay TIME [JITTER [CORR%]]] [distribution normal|pareto|paretonormal]"
            + " [loss P% [CORR%] | loss gemodel P% [R% [1-H% [1-K%]]] | loss state P13% [P31% [P32% [P23% [P14%]]]]]"
            + " [duplicate P% [CORR%]] [reorder P% [CORR%] [gap N]] [corrupt P% [CORR%]] [rate RATE [OVERHEAD]] [limit N]"
            + " [seed N] [engine kernel|userspace] | none\n"
            + LabServeCommand.USAGE + "\n" + LabServiceCommand.USAGE;

    @Override
    public void check(GlobalOptions options, List<String> args) throws UsageException {
        parse(args);
    }

    private record Parsed(String verb, String operand, boolean json, boolean dryRun, List<String> more) {
        Parsed(String verb, String operand, boolean json, boolean dryRun) {
            this(verb, operand, json, dryRun, List.of());
        }
    }

    private static Parsed parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException(USAGE);
        }
        String verb = Keywords.resolve(args.getFirst(), "check", "plan", "up", "down", "list", "show", "exec", "graph",
                "link", "partition", "heal", "impair", "graph", "serve", "help", "ps", "logs", "restart", "stop", "start", "kill", "pause",
                "resume", "wait");
        if (verb == null) {
            throw new UsageException("Command \"" + args.getFirst() + "\" is unknown, try \"netns4j lab help\".");
        }
        if (verb.equals("help")) {
            return new Parsed(verb, null, false, false);
        }
        String shown = verb;
        List<String> rest = args.subList(1, args.size());
        if (LabServiceCommand.VERBS.contains(verb)) {
            LabServiceCommand.parse(verb, rest);
            return new Parsed(verb, null, false, false, List.copyOf(rest));
        }
        switch (verb) {
            case "serve" -> {
                LabServeCommand.parse(rest);
                return new Parsed(verb, null, false, false, List.copyOf(rest));
            }
            case "exec" -> {
                if (rest.size() < 3) {
                    throw new UsageException("\"lab exec\" takes a lab, a node and a command: " + usageLine(verb));
                }
                return new Parsed(verb, labOperand(rest.getFirst()), false, false, rest.subList(1, rest.size()));
            }
            case "link" -> {
                if (rest.size() != 3 || Keywords.resolve(rest.get(2), "up", "down") == null) {
                    throw new UsageException("\"lab link\" takes a lab, NODE:INTERFACE and up or down: "
                            + usageLine(verb));
                }
                return new Parsed(verb, labOperand(rest.getFirst()), false, false,
                        List.of(endpoint(rest.get(1)), Keywords.resolve(rest.get(2), "up", "down")));
            }
            case "partition" -> {
                if (rest.size() < 2) {
                    throw new UsageException("\"lab partition\" takes a lab and a partition (\"a,b / c [--oneway]\","
                            + " \"isolate NODE\", \"halves\", \"majority\", \"ring\" or \"bridge\"): " + usageLine(verb));
                }
                return new Parsed(verb, labOperand(rest.getFirst()), false, false, rest.subList(1, rest.size()));
            }
            case "impair" -> {
                if (rest.size() < 3) {
                    throw new UsageException("\"lab impair\" takes a lab, NODE:INTERFACE and netem's words (or"
                            + " \"none\"): " + usageLine(verb));
                }
                try {
                    Impairment.parse(rest.subList(2, rest.size()));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage() + "; nothing was changed.");
                }
                endpoint(rest.get(1));
                return new Parsed(verb, labOperand(rest.getFirst()), false, false, rest.subList(1, rest.size()));
            }
            case "graph" -> {
                String format = "dot";
                List<String> words = new ArrayList<>();
                for (String w : rest) { // --format=mermaid is --format mermaid
                    if (w.startsWith("--format=")) {
                        words.add("--format");
                        words.add(w.substring("--format=".length()));
                    } else {
                        words.add(w);
                    }
                }
                if (words.stream().filter(w -> w.equals("--format")).count() > 1) {
                    throw new UsageException("\"--format\" is given twice: give it once. " + usageLine(verb));
                }
                int at = words.indexOf("--format");
                if (at >= 0) {
                    if (at + 1 >= words.size()) {
                        throw new UsageException("\"--format\" needs dot, mermaid or text: " + usageLine(verb));
                    }
                    format = words.get(at + 1);
                    words.remove(at + 1);
                    words.remove(at);
                }
                try {
                    if (!format.equals("html") && !format.equals("svg")) {
                        LabGraph.Format.of(format);
                    }
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage().replace("text)", "text, html, svg)") + ": " + usageLine(verb));
                }
                if (words.size() != 1 || words.getFirst().startsWith("-")) {
                    throw new UsageException("\"lab graph\" takes one lab name or topology file: " + usageLine(verb));
                }
                return new Parsed(verb, words.getFirst(), false, false, List.of(format));
            }
            case "heal" -> {
                if (rest.size() != 1) {
                    throw new UsageException("\"lab heal\" takes one lab name: " + usageLine(verb));
                }
                return new Parsed(verb, labOperand(rest.getFirst()), false, false);
            }
            default -> {
            }
        }
        boolean dryRun = false;
        if (verb.equals("up") && rest.contains("--dry-run")) {
            rest = rest.stream().filter(w -> !w.equals("--dry-run")).toList();
            dryRun = true;
        }
        boolean json = false;
        if (verb.equals("show") && (rest.contains("-j") || rest.contains("--json"))) {
            rest = rest.stream().filter(w -> !w.equals("-j") && !w.equals("--json")).toList();
            json = true;
        }
        if (verb.equals("list")) {
            if (!rest.isEmpty()) {
                throw new UsageException("\"lab list\" takes no arguments.");
            }
            return new Parsed(verb, null, false, false);
        }
        for (String w : rest) {
            if (w.startsWith("-") && w.length() > 1) {
                throw new UsageException("\"lab " + shown + "\" has no option \"" + w + "\": " + usageLine(shown));
            }
        }
        if (rest.size() != 1) {
            String what = verb.equals("show") || verb.equals("down") ? "one topology file or lab name"
                    : "one topology file";
            throw new UsageException("\"lab " + shown + "\" takes " + what + ": " + usageLine(shown));
        }
        return new Parsed(verb, rest.getFirst(), json, dryRun);
    }

    /** NODE:INTERFACE, checked before anything is looked at. */
    private static String endpoint(String word) throws UsageException {
        int colon = word.indexOf(':');
        if (colon <= 0 || colon == word.length() - 1 || word.indexOf(':', colon + 1) >= 0) {
            throw new UsageException("\"" + word + "\" is not NODE:INTERFACE; write e.g. \"a:eth1\" (\"netns4j lab show"
                    + " NAME\" lists them).");
        }
        return word;
    }

    static String labOperand(String word) throws UsageException {
        if (!word.matches("[A-Za-z0-9_.-]+")) {
            throw new UsageException("\"" + word + "\" is not a lab name (letters, digits, '_', '.', '-'); \"netns4j lab"
                    + " list\" shows the labs.");
        }
        return word;
    }

    private static String usageLine(String verb) {
        return USAGE.lines().filter(l -> l.contains(" lab " + verb + " ")).findFirst().orElse(USAGE).strip();
    }

    /**
     * Runs userspace impairment engines while one process runs several lab commands (the demo); null
     * otherwise, so a single command refuses them: nothing would run the engine after it exits
     * (the lab's supervisor will).
     */
    static final java.util.concurrent.atomic.AtomicReference<io.netns4j.lab.wire.ImpairmentHost> IN_PROCESS_HOST =
            new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public int run(Context ctx, List<String> args) throws UsageException, NetnsException {
        Parsed p = parse(args);
        Lab.Options options = Lab.Options.defaults().withImpairmentHost(IN_PROCESS_HOST.get());
        if (System.console() != null) {
            options = options.withProgress(ctx.err::println);
        }
        switch (p.verb()) {
            case "help" -> ctx.out.println(USAGE);
            case "ps", "logs", "restart", "stop", "start", "kill", "pause", "resume", "wait" -> {
                return LabServiceCommand.run(ctx, LabServiceCommand.parse(p.verb(), p.more()), options);
            }
            case "serve" -> {
                return LabServeCommand.run(ctx, LabServeCommand.parse(p.more()), options);
            }
            case "check" -> {
                Topology t = read(Path.of(p.operand()));
                ctx.out.println(p.operand() + ": lab \"" + t.name() + "\" is valid (" + t.nodes().size() + " nodes, "
                        + t.links().size() + " links)");
            }
            case "plan" -> ctx.out.print(Plan.of(read(Path.of(p.operand()))));
            case "up" -> {
                Topology t = read(Path.of(p.operand()));
                return p.dryRun() ? dryRun(ctx, t, options) : up(ctx, t, options);
            }
            case "down" -> {
                String name = labName(p.operand());
                Lab.Removed r = Lab.down(name, ctx.registry, options);
                if (r.namespaces().isEmpty() && r.files().isEmpty()) {
                    ctx.err.println("No lab \"" + name + "\" on this machine (no namespace carries its mark);"
                            + " nothing to remove.");
                    return ExitStatus.FAILED;
                }
                ctx.out.println("lab \"" + name + "\" is down: " + count(r.namespaces().size(), "namespace") + " removed");
            }
            case "list" -> list(ctx);
            case "exec" -> {
                String ns = Lab.namespace(p.operand(), p.more().getFirst(), ctx.registry);
                return NetnsExec.runIn(ctx, ns, p.more().subList(1, p.more().size()));
            }
            case "partition" -> {
                Partition wanted;
                try {
                    wanted = Lab.parsePartition(p.operand(), p.more(), ctx.registry);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage() + "; nothing was changed.");
                }
                Partition before = Lab.partition(p.operand(), wanted, ctx.registry, options);
                ctx.out.println("lab \"" + p.operand() + "\" partitioned: " + wanted.describe()
                        + (before.isEmpty() ? "" : before.equals(wanted) ? " (it was in place already: nothing changed)"
                        : " (replacing " + before.describe() + ")"));
            }
            case "impair" -> {
                Impairment wanted = Impairment.parse(p.more().subList(1, p.more().size()));
                LinkImpairments.Applied a = Lab.impair(p.operand(), p.more().getFirst(), wanted, ctx.registry, options);
                ctx.out.println("lab \"" + p.operand() + "\": " + p.more().getFirst() + " "
                        + (wanted.isNone() ? "has no impairment" : "impaired: " + a));
            }
            case "graph" -> {
                if (p.more().getFirst().equals("html") || p.more().getFirst().equals("svg")) {
                    return staticPage(ctx, p.operand(), p.more().getFirst(), options);
                }
                Topology t = graphed(p.operand(), options, ctx.registry);
                ctx.out.print(LabGraph.render(t, LabGraph.Format.of(p.more().getFirst())));
            }
            case "heal" -> {
                Partition removed = Lab.heal(p.operand(), ctx.registry, options);
                ctx.out.println(removed.isEmpty() ? "lab \"" + p.operand() + "\" had no partition; nothing changed"
                        : "lab \"" + p.operand() + "\" healed: " + removed.describe() + " removed");
            }
            case "link" -> {
                Lab.setLink(p.operand(), p.more().getFirst(), p.more().get(1).equals("up"), ctx.registry);
                ctx.out.println("lab \"" + p.operand() + "\": " + p.more().getFirst() + " is " + p.more().get(1));
            }
            default -> {
                return show(ctx, labName(p.operand()), p.json() || ctx.options.json()); // a name or its file
            }
        }
        return ExitStatus.OK;
    }

    private static int up(Context ctx, Topology t, Lab.Options options) throws UsageException, NetnsException {
        try {
            Lab.Started s = Lab.up(t, ctx.registry, options);
            if (System.console() == null) {
                s.notes().forEach(n -> ctx.err.println("note: " + n)); // on a terminal, progress printed them
            }
            if (!s.updated()) {
                ctx.out.println("lab \"" + t.name() + "\" is up: " + count(s.namespaces().size(), "namespace")
                        + (s.pids().isEmpty() ? "" : ", " + count(s.pids().size(), "command") + " started"));
            } else if (s.steps().isEmpty()) {
                ctx.out.println("lab \"" + t.name() + "\" is up to date: nothing changed");
            } else {
                ctx.out.println("lab \"" + t.name() + "\" updated: " + count(s.steps().size(), "change"));
            }
        } catch (LabException e) {
            ctx.err.println(e.getMessage());
            return ExitStatus.FAILED;
        }
        return ExitStatus.OK;
    }

    /** {@code lab up --dry-run FILE}: the full plan for a new lab, the changes for a running one. */
    private static int dryRun(Context ctx, Topology t, Lab.Options options) throws NetnsException {
        Lab.Change c = Lab.plan(t, ctx.registry, options);
        if (c.updated()) {
            ctx.out.println(c.plan().steps().isEmpty() ? "# lab \"" + t.name() + "\" is up to date: nothing to change"
                    : "# lab \"" + t.name() + "\" is running; " + c.plan().steps().size() + " changes bring it in line:");
        }
        ctx.out.print(c.plan());
        return ExitStatus.OK;
    }

    /**
     * {@code lab graph --format html|svg NAME|FILE}: the live view's page as one file (or its picture as SVG), with the running
     * lab's state now (link states, partition, impairments, services), or a file's lab as planned.
     */
    private static int staticPage(Context ctx, String operand, String format, Lab.Options options)
            throws UsageException, NetnsException {
        Path path = Path.of(operand);
        List<Map<String, Object>> pictures;
        if (Files.isRegularFile(path) || operand.endsWith(".yaml") || operand.endsWith(".yml")) {
            pictures = List.of(StaticView.planned(read(path)));
        } else {
            try (ViewHub hub = ViewHub.start(ctx.registry, options, List.of(labOperand(operand)))) {
                pictures = hub.snapshots();
            }
        }
        try {
            ctx.out.print(format.equals("svg") ? StaticView.svg(pictures) : StaticView.html(pictures));
        } catch (IOException e) {
            ctx.err.println("Cannot write the page: " + e.getMessage());
            return ExitStatus.FAILED;
        }
        return ExitStatus.OK;
    }

    /** A topology file, or the kept state of running lab NAME. */
    /** A file as it is written; a running lab's kept file with the impairments in place now ({@link AppliedImpairments}). */
    private static Topology graphed(String operand, Lab.Options options, io.netns4j.NetnsRegistry registry)
            throws UsageException, NetnsException {
        Path path = Path.of(operand);
        if (Files.isRegularFile(path) || operand.endsWith(".yaml") || operand.endsWith(".yml")) {
            return read(path);
        }
        return AppliedImpairments.of(Lab.topology(labOperand(operand), options).orElseThrow(() -> new NotFoundException(
                "No running lab \"" + operand + "\" with a kept file (\"netns4j lab list\" shows the labs); give the"
                + " topology file instead", 2, null)), registry);
    }

    /** Where the first byte that is not UTF-8 is: " (line L, byte B of the file)", or "". */
    private static String utf8Position(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            java.nio.charset.CharsetDecoder d = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b);
            java.nio.CharBuffer out = java.nio.CharBuffer.allocate(b.length + 1);
            if (!d.decode(in, out, true).isError()) {
                return "";
            }
            int at = in.position();
            long line = 1;
            for (int i = 0; i < at; i++) {
                line += b[i] == '\n' ? 1 : 0;
            }
            return String.format(" (line %d, byte %d of the file is 0x%02x)", line, at + 1, b[at] & 0xff);
        } catch (IOException e) {
            return "";
        }
    }

    private static Topology read(Path file) throws UsageException {
        try {
            return TopologyFile.read(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("Cannot read topology file \"" + file + "\": no such file.");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UsageException("Cannot read topology file \"" + file + "\": it is not UTF-8 text"
                    + utf8Position(file) + "; save it as UTF-8.");
        } catch (TopologyException e) {
            StringBuilder sb = new StringBuilder();
            for (Problem problem : e.problems()) {
                sb.append(problem).append('\n');
            }
            throw new UsageException(sb + "" + e.problems().size() + " problem(s) in " + file
                    + "; nothing was changed.");
        } catch (IOException e) {
            throw new UsageException("Cannot read topology file \"" + file + "\": " + e.getMessage());
        }
    }

    /** A file's lab name when the operand is a file; the operand itself otherwise. */
    private static String labName(String operand) throws UsageException {
        Path path = Path.of(operand);
        if (Files.isRegularFile(path) || operand.endsWith(".yaml") || operand.endsWith(".yml")) {
            return read(path).name();
        }
        if (!operand.matches("[A-Za-z0-9_.-]+")) {
            throw new UsageException("\"" + operand + "\" is neither a topology file nor a lab name.");
        }
        return operand;
    }

    private static void list(Context ctx) throws NetnsException {
        List<LabSummary> labs = Lab.list(ctx.registry);
        if (ctx.options.json()) {
            List<Object> out = new ArrayList<>();
            for (var l : labs) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("name", l.name());
                row.put("namespaces", l.namespaces());
                out.add(row);
            }
            ctx.out.println(JsonWriter.write(out, ctx.options.pretty()));
            return;
        }
        for (LabSummary l : labs) {
            ctx.out.println(l.name() + "  " + l.namespaces().size() + " namespaces: " + String.join(" ", l.namespaces()));
        }
    }

    private static int show(Context ctx, String name, boolean json) throws NetnsException {
        Optional<List<LabNode>> nodes = Lab.show(name, ctx.registry);
        if (nodes.isEmpty()) {
            ctx.err.println("No lab \"" + name + "\" on this machine (\"netns4j lab list\" shows the labs).");
            return ExitStatus.FAILED;
        }
        Partition partition = Lab.currentPartition(name, ctx.registry);
        if (json) {
            List<Object> out = new ArrayList<>();
            for (LabNode n : nodes.get()) {
                List<Object> ifs = new ArrayList<>();
                for (LabNode.Interface i : n.interfaces()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("ifname", i.name());
                    m.put("kind", i.kind());
                    m.put("up", i.up());
                    m.put("mtu", i.mtu());
                    m.put("master", i.master());
                    m.put("addresses", i.addresses());
                    m.put("impairment", i.impairment().isNone() ? null : i.impairment().toJsonFields());
                    ifs.add(m);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("node", n.node());
                m.put("namespace", n.namespace());
                m.put("interfaces", ifs);
                out.add(m);
            }
            Map<String, Object> lab = new java.util.LinkedHashMap<>();
            lab.put("name", name);
            lab.put("nodes", out);
            List<Object> cuts = new ArrayList<>();
            for (Partition.Cut c : partition.cuts()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", c.from());
                m.put("to", c.to());
                cuts.add(m);
            }
            lab.put("partition", cuts);
            ctx.out.println(JsonWriter.write(lab, ctx.options.pretty()));
            return ExitStatus.OK;
        }
        ctx.out.println("lab " + name);
        for (LabNode n : nodes.get()) {
            ctx.out.println(n.node() + "  (namespace " + n.namespace() + ")");
            for (LabNode.Interface i : n.interfaces()) {
                ctx.out.println("    " + i.name() + (i.kind() == null ? "" : " " + i.kind()) + " " + (i.up() ? "UP" : "DOWN")
                        + (i.master() == null ? "" : " master " + i.master())
                        + (i.addresses().isEmpty() ? "" : " " + String.join(" ", i.addresses()))
                        + (i.impairment().isNone() ? "" : "  [" + String.join(" ", i.impairment().words()) + "]"));
            }
        }
        if (!partition.isEmpty()) {
            ctx.out.println("partition: " + partition.describe());
        }
        return ExitStatus.OK;
    }

    /** "1 namespace", "4 namespaces". */
    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
