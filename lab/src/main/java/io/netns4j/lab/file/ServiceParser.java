package io.netns4j.lab.file;

import io.netns4j.ProcessSignals;
import io.netns4j.error.InvalidRequestException;
import io.netns4j.lab.model.Condition;
import io.netns4j.lab.model.RestartPolicy;
import io.netns4j.lab.model.ServiceSpec;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's {@code exec} list: each item a shell command (a service named after its program,
 * never restarted) or a mapping with {@code command} and the service's settings
 * ({@link ServiceSpec}). Names must be unique within the node.
 */
final class ServiceParser {
    static final Set<String> SERVICE_KEYS = Set.of("name", "command", "restart", "backoff", "ready", "ready-timeout",
            "stop-signal", "stop-grace", "env", "dir", "log-size");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m|min|h|us)");
    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*(|b|k|kb|kib|m|mb|mib)", Pattern.CASE_INSENSITIVE);

    private final TopologyParser p;

    ServiceParser(TopologyParser p) {
        this.p = p;
    }

    List<ServiceSpec> services(Node n, String node) {
        if (Yaml.isNull(n)) {
            return List.of();
        }
        List<Node> items = n instanceof SequenceNode s ? s.getValue() : List.of(n);
        List<ServiceSpec> out = new ArrayList<>();
        List<Node> where = new ArrayList<>();
        for (Node item : items) {
            ServiceSpec s = item instanceof MappingNode ? service(item) : plainItem(item);
            if (s != null) {
                out.add(s);
                where.add(item);
            }
        }
        return unique(out, where, node);
    }

    private ServiceSpec plainItem(Node item) {
        String s = p.yaml.scalar(item, "an item of \"exec\"");
        return s == null ? null : plain(item, s);
    }

    private ServiceSpec plain(Node item, String command) {
        if (command.isBlank()) {
            p.problems.at(item, "an \"exec\" command is empty", "write a shell command, e.g. \"python3 -m http.server 80\"");
            return null;
        }
        return ServiceSpec.of(ServiceSpec.nameFor(command), command);
    }

    /** Plain items named after the same program get {@code -2}, {@code -3}; two explicit names that clash are an error. */
    private List<ServiceSpec> unique(List<ServiceSpec> specs, List<Node> where, String node) {
        Set<String> explicit = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            if (where.get(i) instanceof MappingNode && !explicit.add(specs.get(i).name())) {
                p.problems.at(where.get(i), "node \"" + node + "\" has two services named \"" + specs.get(i).name() + "\"",
                        "give each \"exec\" entry its own \"name\"");
            }
        }
        Set<String> taken = new HashSet<>(explicit);
        List<ServiceSpec> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ServiceSpec s = specs.get(i);
            if (!(where.get(i) instanceof MappingNode)) {
                String name = s.name();
                for (int k = 2; !taken.add(name); k++) {
                    name = s.name() + "-" + k;
                }
                s = new ServiceSpec(name, s.command(), s.env(), s.directory(), s.restart(), s.backoff(), s.ready(),
                        s.readyTimeout(), s.stopSignal(), s.stopGrace(), s.logBytes());
            }
            out.add(s);
        }
        return out;
    }

    private ServiceSpec service(Node item) {
        Map<String, Node> m = p.yaml.mapping(item, "an \"exec\" service", SERVICE_KEYS, Map.of(
                "cmd", "write the command under \"command\"", "run", "write the command under \"command\"",
                "restart-policy", "write \"restart: on-failure\"", "user", "services run as root, as the lab does"));
        if (m == null) {
            return null;
        }
        Node commandNode = m.get("command");
        String command = commandNode == null ? null : p.yaml.scalar(commandNode, "\"command\"");
        if (commandNode == null) {
            p.problems.at(item, "a service has no \"command\"", "add e.g. \"command: etcd --name n1\"");
        }
        String name = command == null ? "exec" : ServiceSpec.nameFor(command);
        if (m.containsKey("name")) {
            String s = p.yaml.scalar(m.get("name"), "\"name\"");
            if (s != null && !ServiceSpec.isName(s)) {
                p.problems.at(m.get("name"), "service name \"" + s + "\" may use only letters, digits, '_', '.' and '-'",
                        "it names the service in \"lab ps\" and its log file; at most 64 characters");
            } else if (s != null) {
                name = s;
            }
        }
        if (command == null || command.isBlank()) {
            if (command != null) {
                p.problems.at(commandNode, "the \"command\" is empty", "write a shell command");
            }
            return null;
        }
        ServiceSpec spec = ServiceSpec.of(name, command);
        if (m.containsKey("restart")) {
            RestartPolicy r = parse(m.get("restart"), "restart", RestartPolicy::of);
            spec = r == null ? spec : spec.withRestart(r);
        }
        Duration backoff = parse(m.get("backoff"), "backoff", ServiceParser::duration);
        spec = backoff == null ? spec : spec.withBackoff(backoff);
        Duration readyTimeout = parse(m.get("ready-timeout"), "ready-timeout", ServiceParser::duration);
        spec = readyTimeout == null ? spec : spec.withReadyTimeout(readyTimeout);
        if (m.containsKey("ready")) {
            List<Condition> ready = new ArrayList<>();
            for (String s : p.yaml.strings(m.get("ready"), "\"ready\"")) {
                try {
                    Condition c = Condition.parse(s);
                    if (c instanceof Condition.ServiceReady) {
                        throw new IllegalArgumentException("a service's readiness cannot wait for a service; use"
                                + " tcp:PORT, udp:PORT or cmd:COMMAND");
                    }
                    ready.add(c);
                } catch (IllegalArgumentException e) {
                    p.problems.at(m.get("ready"), "bad ready: " + e.getMessage(), null);
                }
            }
            spec = spec.withReady(ready);
        }
        Integer signal = parse(m.get("stop-signal"), "stop-signal", ServiceParser::signal);
        Duration grace = parse(m.get("stop-grace"), "stop-grace", ServiceParser::duration);
        spec = spec.withStop(signal == null ? spec.stopSignal() : signal, grace == null ? spec.stopGrace() : grace);
        if (m.containsKey("env")) {
            Map<String, String> env = new LinkedHashMap<>();
            p.environment(m.get("env"), env);
            spec = spec.withEnv(env);
        }
        if (m.containsKey("dir")) {
            String dir = p.yaml.scalar(m.get("dir"), "\"dir\"");
            if (dir != null && !dir.startsWith("/")) {
                p.problems.at(m.get("dir"), "\"dir\" " + dir + " is not an absolute path", "write e.g. /var/lib/etcd");
            } else if (dir != null) {
                spec = spec.withDirectory(dir);
            }
        }
        Long log = parse(m.get("log-size"), "log-size", ServiceParser::size);
        return log == null ? spec : spec.withLogBytes(log);
    }

    private <T> T parse(Node n, String key, java.util.function.Function<String, T> parse) {
        if (n == null) {
            return null;
        }
        String s = p.yaml.scalar(n, "\"" + key + "\"");
        if (s == null) {
            return null;
        }
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            p.problems.at(n, "bad " + key + ": " + e.getMessage(), null);
            return null;
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 1h}, {@code 200us}: a unit is required. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration; write e.g. 500ms, 2s or 5m");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        long unitNanos = switch (m.group(2)) {
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        BigDecimal nanos = n.multiply(BigDecimal.valueOf(unitNanos));
        if (nanos.compareTo(BigDecimal.valueOf(24 * 3_600_000_000_000L)) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is more than a day");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** {@code 1MiB}, {@code 512KiB}, {@code 65536}: bytes, with binary units. */
    static long size(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a size; write e.g. 1MiB or 512KiB");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k", "kb", "kib" -> 1024L;
            case "m", "mb", "mib" -> 1024L * 1024;
            default -> 1L;
        };
        if (n > (1L << 40) / unit) {
            throw new IllegalArgumentException("\"" + text + "\" is too large");
        }
        if (n * unit < 4096) {
            throw new IllegalArgumentException("\"" + text + "\" is below 4KiB; a log that small keeps almost nothing");
        }
        return n * unit;
    }

    private static Integer signal(String text) {
        try {
            return ProcessSignals.number(text);
        } catch (InvalidRequestException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
