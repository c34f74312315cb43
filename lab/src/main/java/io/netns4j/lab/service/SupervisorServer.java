package io.netns4j.lab.service;

import io.netns4j.internal.json.JsonReader;
import io.netns4j.internal.json.JsonWriter;
import io.netns4j.lab.model.Impairment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * A supervisor's control socket, {@code /run/netns4j/labs/<lab>.sock} (a Unix stream socket,
 * mode 0600): one JSON request per line, one JSON answer per line. Requests:
 * {@code {"op":"ps"}}, {@code {"op":"sync","services":[...],"restart":[ids]}},
 * {@code {"op":"stop|start|restart|pause|resume","target":"NODE[/SERVICE]"}},
 * {@code {"op":"kill","target":...,"signal":N}}, {@code {"op":"logs","target":...,"lines":N}},
 * {@code {"op":"impair","namespace":NS,"device":DEV,"impairment":[words]}},
 * {@code {"op":"unimpair","namespace":NS,"device":DEV}}, {@code {"op":"ping"}} (its pid and how many
 * engines it runs), {@code {"op":"shutdown"}}. Answers: {@code {"ok":true,...}} or
 * {@code {"ok":false,"error":"...","usage":true|false}} (usage: the request named something
 * that is not there, exit 2 in the CLI).
 */
public final class SupervisorServer implements AutoCloseable {
    private final Supervisor supervisor;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final CountDownLatch shutdownAsked = new CountDownLatch(1);

    private SupervisorServer(Supervisor supervisor, Path socket, ServerSocketChannel server) {
        this.supervisor = supervisor;
        this.socket = socket;
        this.server = server;
        this.acceptor = Thread.ofPlatform().daemon().name("netns4j-control-" + supervisor.lab()).unstarted(this::serve);
    }

    /** Where lab {@code lab}'s control socket is under the lab directory. */
    public static Path socketFile(Path directory, String lab) {
        return directory.resolve(lab + ".sock");
    }

    /**
     * Listens on {@code socket} for {@code supervisor}; a stale socket file (nobody answering) is
     * replaced.
     *
     * @throws IOException another supervisor answers there, or the socket cannot be made
     */
    public static SupervisorServer listen(Supervisor supervisor, Path socket) throws IOException {
        Files.createDirectories(socket.getParent());
        if (Files.exists(socket)) {
            if (SupervisorClient.answers(socket)) {
                throw new IOException("a supervisor of lab \"" + supervisor.lab() + "\" already answers on " + socket);
            }
            Files.deleteIfExists(socket);
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        SupervisorServer s = new SupervisorServer(supervisor, socket, ch);
        s.acceptor.start();
        return s;
    }

    /** Waits until a client asked for {@code shutdown} (the supervisor has then stopped its services). */
    public void awaitShutdown() throws InterruptedException {
        shutdownAsked.await();
    }

    private void serve() {
        while (server.isOpen()) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().name("netns4j-control-client").start(() -> answer(c));
        }
    }

    private void answer(SocketChannel c) {
        try (c; BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c),
                StandardCharsets.UTF_8)); OutputStream out = Channels.newOutputStream(c)) {
            String line = in.readLine();
            if (line == null) {
                return;
            }
            Map<String, Object> reply;
            boolean shutdown = false;
            try {
                Map<String, Object> request = ServiceJson.map(JsonReader.parse(line), "request");
                shutdown = "shutdown".equals(request.get("op"));
                reply = handle(request);
            } catch (IllegalArgumentException e) {
                reply = failure(e.getMessage(), true);
            } catch (ControlProtocolException | RuntimeException | IOException e) {
                reply = failure(String.valueOf(e.getMessage()), false);
            }
            out.write((JsonWriter.write(reply) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (shutdown) {
                shutdownAsked.countDown();
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    private Map<String, Object> handle(Map<String, Object> r) throws ControlProtocolException, IOException {
        String op = ServiceJson.string(r.get("op"), "op");
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("ok", true);
        switch (op) {
            case "ping" -> {
                ok.put("lab", supervisor.lab());
                ok.put("pid", ProcessHandle.current().pid());
                ok.put("engines", (long) supervisor.engineCount());
            }
            case "impair" -> {
                List<String> words = new ArrayList<>();
                for (Object o : ServiceJson.list(r.get("impairment"), "impairment")) {
                    words.add(ServiceJson.string(o, "impairment word"));
                }
                try {
                    ok.put("impairment", supervisor.impair(ServiceJson.string(r.get("namespace"), "namespace"),
                            ServiceJson.string(r.get("device"), "device"), Impairment.parse(words)).words());
                } catch (io.netns4j.error.NetnsException e) {
                    return failure(e.getMessage(), false);
                }
            }
            case "unimpair" -> {
                try {
                    ok.put("removed", supervisor.unimpair(ServiceJson.string(r.get("namespace"), "namespace"),
                            ServiceJson.string(r.get("device"), "device")));
                } catch (io.netns4j.error.NetnsException e) {
                    return failure(e.getMessage(), false);
                }
            }
            case "ps" -> {
                // with "after" (a version seen before) and "wait" (ms): answers once something changed
                if (r.get("after") instanceof Number after) {
                    long waitMillis = r.get("wait") instanceof Number w ? Math.min(w.longValue(), 60_000) : 0;
                    try {
                        supervisor.awaitChange(after.longValue(), java.time.Duration.ofMillis(Math.max(0, waitMillis)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                ok.put("version", supervisor.version());
                ok.put("services", supervisor.status().stream().map(ServiceJson::status).toList());
            }
            case "sync" -> {
                List<ServiceTarget> targets = new ArrayList<>();
                for (Object o : ServiceJson.list(r.get("services"), "services")) {
                    targets.add(ServiceJson.target(o));
                }
                Set<String> restart = new HashSet<>();
                for (Object o : ServiceJson.list(r.get("restart"), "restart")) {
                    restart.add(ServiceJson.string(o, "restart"));
                }
                supervisor.sync(targets, restart);
            }
            case "stop" -> supervisor.stop(target(r));
            case "start" -> supervisor.start(target(r));
            case "restart" -> supervisor.restart(target(r));
            case "pause" -> ok.put("count", (long) supervisor.pause(target(r)));
            case "resume" -> ok.put("count", (long) supervisor.resume(target(r)));
            case "kill" -> ok.put("count", (long) supervisor.kill(target(r),
                    (int) ServiceJson.number(r.get("signal"), "signal")));
            case "logs" -> {
                ok.put("file", supervisor.logFile(target(r)).toString());
                ok.put("lines", supervisor.tail(target(r), (int) ServiceJson.number(r.get("lines"), "lines")));
            }
            case "shutdown" -> ok.put("left", supervisor.shutdown());
            default -> throw new ControlProtocolException("unknown request \"" + op + "\"");
        }
        return ok;
    }

    private static String target(Map<String, Object> r) throws ControlProtocolException {
        return ServiceJson.string(r.get("target"), "target");
    }

    private static Map<String, Object> failure(String message, boolean usage) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("error", message);
        m.put("usage", usage);
        return m;
    }

    /** Stops listening and removes the socket file (the supervisor itself is not shut down). */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing a listening socket does not fail in practice
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // lab down removes what is left
        }
        shutdownAsked.countDown();
    }
}
