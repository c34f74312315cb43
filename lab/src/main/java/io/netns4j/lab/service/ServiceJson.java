package io.netns4j.lab.service;

import io.netns4j.lab.model.Condition;
import io.netns4j.lab.model.RestartPolicy;
import io.netns4j.lab.model.ServiceSpec;
import io.netns4j.lab.model.ServiceState;
import io.netns4j.lab.model.ServiceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Services and their status as JSON values (maps, lists, strings, numbers), for the
 * supervisor's control socket and {@code lab ps -j}. Reading checks every field's type and
 * raises {@link ControlProtocolException} naming the field, never a ClassCastException.
 */
public final class ServiceJson {
    private ServiceJson() {
    }

    /** A service to run, as the control socket's {@code sync} carries it. */
    static Map<String, Object> target(ServiceTarget t) {
        ServiceSpec s = t.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", t.node());
        m.put("namespace", t.namespace());
        m.put("name", s.name());
        m.put("command", s.command());
        m.put("env", new LinkedHashMap<>(s.env()));
        m.put("dir", s.directory());
        m.put("restart", s.restart().word());
        m.put("backoff_ms", s.backoff().toMillis());
        m.put("ready", s.ready().stream().map(Condition::words).toList());
        m.put("ready_timeout_ms", s.readyTimeout().toMillis());
        m.put("stop_signal", (long) s.stopSignal());
        m.put("stop_grace_ms", s.stopGrace().toMillis());
        m.put("log_bytes", s.logBytes());
        return m;
    }

    static ServiceTarget target(Object json) throws ControlProtocolException {
        Map<String, Object> m = map(json, "service");
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(m.get("env"), "env").entrySet()) {
            env.put(e.getKey(), string(e.getValue(), "env " + e.getKey()));
        }
        try {
            ServiceSpec spec = new ServiceSpec(string(m.get("name"), "name"), string(m.get("command"), "command"), env,
                    string(m.get("dir"), "dir"), RestartPolicy.of(string(m.get("restart"), "restart")),
                    Duration.ofMillis(number(m.get("backoff_ms"), "backoff_ms")),
                    list(m.get("ready"), "ready").stream().map(o -> Condition.parse(String.valueOf(o))).toList(),
                    Duration.ofMillis(number(m.get("ready_timeout_ms"), "ready_timeout_ms")),
                    (int) number(m.get("stop_signal"), "stop_signal"),
                    Duration.ofMillis(number(m.get("stop_grace_ms"), "stop_grace_ms")),
                    number(m.get("log_bytes"), "log_bytes"));
            return new ServiceTarget(string(m.get("node"), "node"), string(m.get("namespace"), "namespace"), spec);
        } catch (IllegalArgumentException e) {
            throw new ControlProtocolException("bad service: " + e.getMessage());
        }
    }

    /** One line of {@code lab ps -j}. */
    public static Map<String, Object> status(ServiceStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", s.node());
        m.put("service", s.service());
        m.put("pid", s.pid());
        m.put("state", s.state().word());
        m.put("ready", s.ready());
        m.put("restarts", (long) s.restarts());
        m.put("since", s.since().toString());
        s.uptime(Instant.now()).ifPresent(d -> m.put("uptime_s", d.toMillis() / 1000.0));
        m.put("last_exit", s.lastExit());
        m.put("problem", s.problem());
        return m;
    }

    static ServiceStatus status(Object json) throws ControlProtocolException {
        Map<String, Object> m = map(json, "status");
        try {
            return new ServiceStatus(string(m.get("node"), "node"), string(m.get("service"), "service"),
                    number(m.get("pid"), "pid"),
                    ServiceState.valueOf(string(m.get("state"), "state").toUpperCase(Locale.ROOT)),
                    bool(m.get("ready"), "ready"), (int) number(m.get("restarts"), "restarts"),
                    Instant.parse(string(m.get("since"), "since")), string(m.get("last_exit"), "last_exit"),
                    string(m.get("problem"), "problem"));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new ControlProtocolException("bad status: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String what) throws ControlProtocolException {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new ControlProtocolException(what + " is not an object");
    }

    static List<?> list(Object o, String what) throws ControlProtocolException {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new ControlProtocolException(what + " is not a list");
    }

    static String string(Object o, String what) throws ControlProtocolException {
        if (o instanceof String s) {
            return s;
        }
        throw new ControlProtocolException(what + " is not a string");
    }

    static long number(Object o, String what) throws ControlProtocolException {
        if (o instanceof Long l) {
            return l;
        }
        throw new ControlProtocolException(what + " is not a whole number");
    }

    static boolean bool(Object o, String what) throws ControlProtocolException {
        if (o instanceof Boolean b) {
            return b;
        }
        throw new ControlProtocolException(what + " is not true or false");
    }
}
