package io.netns4j.lab.service;

import io.netns4j.internal.json.JsonReader;
import io.netns4j.internal.json.JsonWriter;
import io.netns4j.lab.model.ServiceStatus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Talks to a lab's supervisor over its control socket ({@link SupervisorServer}): one
 * connection per request.
 */
public final class SupervisorClient {
    private final Path socket;

    /**
     * @param socket the lab's control socket ({@link SupervisorServer#socketFile})
     */
    public SupervisorClient(Path socket) {
        this.socket = socket;
    }

    /** A refusal by the supervisor; {@code usage}: the request named a service or node that is not there. */
    public static final class Refused extends Exception {
        private final boolean usage;

        Refused(String message, boolean usage) {
            super(message);
            this.usage = usage;
        }

        /** Whether the request named something that is not there (a usage error). */
        public boolean usage() {
            return usage;
        }
    }

    /** Whether a supervisor answers on {@code socket}. */
    public static boolean answers(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try {
            new SupervisorClient(socket).call(Map.of("op", "ping"));
            return true;
        } catch (IOException | Refused e) {
            return false;
        }
    }

    /** {@code ps}: every service. */
    public List<ServiceStatus> status() throws IOException, Refused {
        List<ServiceStatus> out = new ArrayList<>();
        try {
            for (Object o : ServiceJson.list(call(Map.of("op", "ps")).get("services"), "services")) {
                out.add(ServiceJson.status(o));
            }
        } catch (ControlProtocolException e) {
            throw new IOException("the supervisor's answer is not understood: " + e.getMessage(), e);
        }
        return out;
    }

    /** Services as of a version of the supervisor's changes. */
    public record Snapshot(long version, List<ServiceStatus> services) {
    }

    /**
     * {@code ps} that waits: answers once the services changed after {@code after} (a version
     * from an earlier snapshot, -1 for at once), or after {@code wait}.
     */
    public Snapshot statusAfter(long after, Duration wait) throws IOException, Refused {
        Map<String, Object> a = call(Map.of("op", "ps", "after", after, "wait", wait.toMillis()));
        List<ServiceStatus> out = new ArrayList<>();
        try {
            for (Object o : ServiceJson.list(a.get("services"), "services")) {
                out.add(ServiceJson.status(o));
            }
        } catch (ControlProtocolException e) {
            throw new IOException("the supervisor's answer is not understood: " + e.getMessage(), e);
        }
        return new Snapshot(a.get("version") instanceof Number v ? v.longValue() : -1, out);
    }

    /** {@code sync}: the services to run, and those to start again. */
    public void sync(List<ServiceTarget> targets, Set<String> restart) throws IOException, Refused {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("op", "sync");
        r.put("services", targets.stream().map(ServiceJson::target).toList());
        r.put("restart", List.copyOf(restart));
        call(r);
    }

    /** {@code stop|start|restart|pause|resume} of {@code target} ({@code NODE/SERVICE} or {@code NODE}); the count for pause and resume. */
    public long act(String op, String target) throws IOException, Refused {
        Object n = call(Map.of("op", op, "target", target)).get("count");
        return n instanceof Long l ? l : 0;
    }

    /** {@code kill}: {@code signal} to each service's process tree; how many had a process. */
    public long kill(String target, int signal) throws IOException, Refused {
        Object n = call(Map.of("op", "kill", "target", target, "signal", (long) signal)).get("count");
        return n instanceof Long l ? l : 0;
    }

    /** {@code logs}: the log file of one service and its last lines. */
    public Map.Entry<Path, List<String>> logs(String target, int lines) throws IOException, Refused {
        Map<String, Object> a = call(Map.of("op", "logs", "target", target, "lines", (long) lines));
        try {
            List<String> out = new ArrayList<>();
            for (Object o : ServiceJson.list(a.get("lines"), "lines")) {
                out.add(ServiceJson.string(o, "line"));
            }
            return Map.entry(Path.of(ServiceJson.string(a.get("file"), "file")), out);
        } catch (ControlProtocolException e) {
            throw new IOException("the supervisor's answer is not understood: " + e.getMessage(), e);
        }
    }

    /** {@code impair}: a userspace engine with {@code words} on {@code device} of {@code namespace}; the words in place. */
    public List<String> impair(String namespace, String device, List<String> words) throws IOException, Refused {
        Map<String, Object> a = call(Map.of("op", "impair", "namespace", namespace, "device", device,
                "impairment", List.copyOf(words)));
        List<String> out = new ArrayList<>();
        if (a.get("impairment") instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o)));
        }
        return out;
    }

    /** {@code unimpair}: removes the engine there; whether there was one. */
    public boolean unimpair(String namespace, String device) throws IOException, Refused {
        return Boolean.TRUE.equals(call(Map.of("op", "unimpair", "namespace", namespace, "device", device))
                .get("removed"));
    }

    /** How many userspace impairment engines the supervisor runs. */
    public long engines() throws IOException, Refused {
        return call(Map.of("op", "ping")).get("engines") instanceof Long l ? l : 0;
    }

    /** {@code shutdown}: the supervisor stops every service and ends; what did not end. */
    public List<String> shutdown() throws IOException, Refused {
        Object left = call(Map.of("op", "shutdown")).get("left");
        List<String> out = new ArrayList<>();
        if (left instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o)));
        }
        return out;
    }

    Map<String, Object> call(Map<String, Object> request) throws IOException, Refused {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(c);
            out.write((JsonWriter.write(request) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c),
                    StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the supervisor on " + socket + " closed the connection without an answer");
            }
            Map<String, Object> a;
            try {
                a = ServiceJson.map(JsonReader.parse(line), "answer");
            } catch (ControlProtocolException | IllegalArgumentException e) {
                throw new IOException("the supervisor's answer is not JSON: " + e.getMessage(), e);
            }
            if (!Boolean.TRUE.equals(a.get("ok"))) {
                throw new Refused(String.valueOf(a.get("error")), Boolean.TRUE.equals(a.get("usage")));
            }
            return a;
        }
    }
}
