package io.netns4j.cli;

import io.netns4j.ProcessSignals;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.json.JsonWriter;
import io.netns4j.lab.Lab;
import io.netns4j.lab.LabServices;
import io.netns4j.lab.model.Condition;
import io.netns4j.lab.model.LabSummary;
import io.netns4j.lab.model.ServiceStatus;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The service verbs of {@code netns4j lab}, through {@link LabServices}: {@code ps [-j] [LAB]},
 * {@code logs [-f] [-n N] LAB NODE[/SERVICE]}, {@code stop|start|restart|pause|resume LAB
 * NODE[/SERVICE]}, {@code kill [-s SIGNAL] LAB NODE[/SERVICE]} and {@code wait LAB NODE
 * CONDITION [--from NODE] [--timeout D]}. Every word is checked before the supervisor is asked
 * (exit 2); a service that is not there is a usage error too.
 */
final class LabServiceCommand {
    static final Set<String> VERBS = Set.of("ps", "logs", "stop", "start", "restart", "kill", "pause", "resume", "wait");
    static final String USAGE = "\tnetns4j lab ps [-j] [NAME]\n\tnetns4j lab logs [-f] [-n LINES] NAME NODE[/SERVICE]\n"
            + "\tnetns4j lab stop|start|restart|pause|resume NAME NODE[/SERVICE]\n"
            + "\tnetns4j lab kill [-s SIGNAL] NAME NODE[/SERVICE]\n"
            + "\tnetns4j lab wait NAME NODE tcp:PORT|tcp:HOST:PORT|udp:PORT|cmd:COMMAND|service:NAME [--from NODE]"
            + " [--timeout 30s]";
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private LabServiceCommand() {
    }

    /** What the words ask for, checked. */
    record Request(String verb, String lab, String target, boolean json, boolean follow, int lines, int signal,
                   Condition condition, Optional<String> from, Duration timeout) {
    }

    static Request parse(String verb, List<String> words) throws UsageException {
        List<String> rest = new ArrayList<>(words);
        boolean json = rest.remove("-j") | rest.remove("--json");
        boolean follow = rest.remove("-f") | rest.remove("--follow");
        int lines = 20;
        int signal = 15;
        Optional<String> from = Optional.empty();
        Duration timeout = DEFAULT_WAIT;
        String n = option(rest, "-n", verb);
        if (n != null) {
            if (!n.matches("[0-9]{1,7}")) {
                throw new UsageException("\"-n\" takes a number of lines, not \"" + n + "\": " + line(verb));
            }
            lines = Integer.parseInt(n);
        }
        String s = option(rest, "-s", verb);
        if (s != null) {
            try {
                signal = ProcessSignals.number(s);
            } catch (InvalidRequestException e) {
                throw new UsageException(e.getMessage() + ".");
            }
        }
        String f = option(rest, "--from", verb);
        if (f != null) {
            from = Optional.of(f);
        }
        String t = option(rest, "--timeout", verb);
        if (t != null) {
            timeout = duration(t, verb);
        }
        boolean optionsFit = switch (verb) {
            case "ps" -> !follow && n == null && s == null && f == null && t == null;
            case "logs" -> !json && s == null && f == null && t == null;
            case "kill" -> !json && !follow && n == null && f == null && t == null;
            case "wait" -> !json && !follow && n == null && s == null;
            default -> !json && !follow && n == null && s == null && f == null && t == null;
        };
        if (!optionsFit) {
            throw new UsageException("\"lab " + verb + "\" does not take that option: " + line(verb));
        }
        for (String w : rest) {
            if (w.startsWith("-") && w.length() > 1 && !verb.equals("wait")) {
                throw new UsageException("\"lab " + verb + "\" has no option \"" + w + "\": " + line(verb));
            }
        }
        if (verb.equals("ps")) {
            if (rest.size() > 1) {
                throw new UsageException("\"lab ps\" takes at most one lab name: " + line(verb));
            }
            return new Request(verb, rest.isEmpty() ? null : lab(rest.getFirst()), null, json, false, 0, 0, null,
                    Optional.empty(), timeout);
        }
        if (verb.equals("wait")) {
            if (rest.size() < 3) {
                throw new UsageException("\"lab wait\" takes a lab, a node and a condition: " + line(verb));
            }
            String cond = String.join(" ", rest.subList(2, rest.size()));
            Condition c;
            try {
                c = Condition.parse(cond);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage() + ".");
            }
            if (from.isPresent() && !(c instanceof Condition.TcpPort)) {
                throw new UsageException("\"--from\" works with tcp: conditions only (UDP has no handshake to test from"
                        + " another node; commands and services are checked on their own node).");
            }
            return new Request(verb, lab(rest.getFirst()), node(rest.get(1)), false, false, 0, 0, c, from, timeout);
        }
        if (rest.size() != 2) {
            throw new UsageException("\"lab " + verb + "\" takes a lab and NODE/SERVICE (or NODE for all its services): "
                    + line(verb));
        }
        return new Request(verb, lab(rest.getFirst()), selector(rest.get(1)), json, follow, lines, signal, null, from,
                timeout);
    }

    static int run(Context ctx, Request r, Lab.Options options) throws NetnsException {
        switch (r.verb()) {
            case "ps" -> {
                return ps(ctx, r, options);
            }
            case "logs" -> {
                return logs(ctx, r, options);
            }
            case "wait" -> {
                LabServices.WaitOutcome o = LabServices.waitFor(r.lab(), r.target(), r.condition(), r.from(),
                        r.timeout(), ctx.registry, options);
                String where = r.target() + (r.from().isPresent() ? " from " + r.from().get() : "");
                if (o.holds()) {
                    ctx.out.println(r.condition().words() + " holds on " + where + " after " + seconds(o.waited())
                            + " (" + o.seen() + ")");
                    return ExitStatus.OK;
                }
                ctx.err.println(r.condition().words() + " does not hold on " + where + " after " + seconds(o.waited())
                        + "; last seen: " + o.seen());
                return ExitStatus.FAILED;
            }
            case "kill" -> {
                long n = LabServices.kill(r.lab(), r.target(), r.signal(), options);
                ctx.out.println("lab \"" + r.lab() + "\": SIG" + ProcessSignals.name(r.signal()).orElse("" + r.signal())
                        + " sent to " + n + " service" + (n == 1 ? "" : "s") + " (" + r.target() + ")");
                return n == 0 ? ExitStatus.FAILED : ExitStatus.OK;
            }
            case "pause", "resume" -> {
                long n = r.verb().equals("pause") ? LabServices.pause(r.lab(), r.target(), options)
                        : LabServices.resume(r.lab(), r.target(), options);
                ctx.out.println("lab \"" + r.lab() + "\": " + n + " service" + (n == 1 ? "" : "s") + " "
                        + (r.verb().equals("pause") ? "paused" : "resumed") + " (" + r.target() + ")");
                return n == 0 ? ExitStatus.FAILED : ExitStatus.OK;
            }
            default -> {
                switch (r.verb()) {
                    case "stop" -> LabServices.stop(r.lab(), r.target(), options);
                    case "start" -> LabServices.start(r.lab(), r.target(), options);
                    default -> LabServices.restart(r.lab(), r.target(), options);
                }
                ctx.out.println("lab \"" + r.lab() + "\": " + r.target() + " " + (r.verb().equals("stop") ? "stopped"
                        : r.verb().equals("start") ? "started" : "restarted"));
                return ExitStatus.OK;
            }
        }
    }

    private static int ps(Context ctx, Request r, Lab.Options options) throws NetnsException {
        List<String> labs = new ArrayList<>();
        if (r.lab() != null) {
            labs.add(r.lab());
        } else {
            Lab.list(ctx.registry).stream().map(LabSummary::name).forEach(labs::add);
        }
        List<ServiceStatus> all = new ArrayList<>();
        List<String> labOf = new ArrayList<>();
        for (String lab : labs) {
            try {
                for (ServiceStatus s : LabServices.list(lab, options)) {
                    all.add(s);
                    labOf.add(lab);
                }
            } catch (NotFoundException e) {
                if (r.lab() != null) {
                    throw e;
                }
            }
        }
        Instant now = Instant.now();
        if (r.json() || ctx.options.json()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                ServiceStatus s = all.get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("lab", labOf.get(i));
                m.put("node", s.node());
                m.put("service", s.service());
                m.put("pid", s.pid());
                m.put("state", s.state().word());
                m.put("ready", s.ready());
                m.put("restarts", s.restarts());
                m.put("since", s.since().toString());
                s.uptime(now).ifPresent(d -> m.put("uptime_s", d.toMillis() / 1000.0));
                m.put("last_exit", s.lastExit());
                m.put("problem", s.problem());
                out.add(m);
            }
            ctx.out.println(JsonWriter.write(out, ctx.options.pretty()));
            return ExitStatus.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(r.lab() == null ? new String[]{"LAB", "NODE", "SERVICE", "PID", "STATE", "READY", "RESTARTS", "UPTIME",
            "LAST EXIT / PROBLEM"} : new String[]{"NODE", "SERVICE", "PID", "STATE", "READY", "RESTARTS", "UPTIME",
            "LAST EXIT / PROBLEM"});
        for (int i = 0; i < all.size(); i++) {
            ServiceStatus s = all.get(i);
            List<String> row = new ArrayList<>();
            if (r.lab() == null) {
                row.add(labOf.get(i));
            }
            row.addAll(List.of(s.node(), s.service(), s.pid() == 0 ? "-" : Long.toString(s.pid()), s.state().word(),
                    s.ready() ? "yes" : "no", Integer.toString(s.restarts()),
                    s.uptime(now).map(LabServiceCommand::uptime).orElse("-"),
                    s.problem().isEmpty() ? s.lastExit() : s.problem()));
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                sb.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            ctx.out.println(sb.toString().stripTrailing());
        }
        return ExitStatus.OK;
    }

    private static int logs(Context ctx, Request r, Lab.Options options) throws NetnsException {
        Map.Entry<Path, List<String>> l = LabServices.logs(r.lab(), r.target(), r.lines(), options);
        l.getValue().forEach(ctx.out::println);
        ctx.out.flush();
        if (!r.follow()) {
            return ExitStatus.OK;
        }
        try {
            follow(ctx, l.getKey());
        } catch (IOException e) {
            throw new NetnsException("Cannot follow " + l.getKey() + ": " + e.getMessage());
        }
        return ExitStatus.OK;
    }

    /** {@code tail -F}: prints what is appended, from the start again after a rotation, until interrupted. */
    private static void follow(Context ctx, Path file) throws IOException {
        long offset = Files.size(file);
        byte[] buf = new byte[65536];
        while (!Thread.currentThread().isInterrupted()) {
            long size = Files.exists(file) ? Files.size(file) : 0;
            if (size < offset) {
                offset = 0; // rotated: the file was truncated
            }
            if (size > offset) {
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                    f.seek(offset);
                    int n;
                    while ((n = f.read(buf)) > 0) {
                        ctx.out.write(buf, 0, n);
                        offset += n;
                    }
                }
                ctx.out.flush();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String option(List<String> rest, String name, String verb) throws UsageException {
        int at = rest.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= rest.size()) {
            throw new UsageException("\"" + name + "\" needs a value: " + line(verb));
        }
        String v = rest.get(at + 1);
        rest.remove(at + 1);
        rest.remove(at);
        return v;
    }

    private static Duration duration(String text, String verb) throws UsageException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m)?").matcher(text);
        if (!m.matches()) {
            throw new UsageException("\"--timeout\" takes a time such as 500ms, 30s or 2m, not \"" + text + "\": "
                    + line(verb));
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> v;
            case "m" -> v * 60_000;
            default -> v * 1000;
        };
        return Duration.ofMillis((long) millis);
    }

    private static String lab(String word) throws UsageException {
        return LabCommand.labOperand(word);
    }

    private static String node(String word) throws UsageException {
        if (!word.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]*")) {
            throw new UsageException("\"" + word + "\" is not a node name.");
        }
        return word;
    }

    private static String selector(String word) throws UsageException {
        if (!word.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)?")) {
            throw new UsageException("\"" + word + "\" is not NODE/SERVICE or NODE; \"netns4j lab ps NAME\" lists the"
                    + " services.");
        }
        return word;
    }

    private static String line(String verb) {
        return USAGE.lines().filter(l -> l.contains(" lab ") && l.contains(verb)).findFirst().orElse(USAGE).strip();
    }

    private static String seconds(Duration d) {
        return String.format("%.2f s", d.toMillis() / 1000.0);
    }

    static String uptime(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
    }
}
