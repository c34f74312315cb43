package io.netns4j.examples.register;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One replica of a small replicated register over HTTP, the system under test of this example.
 * Clients call {@code GET /read} and {@code POST /write?value=N} on any replica; replicas talk
 * to each other with {@code GET /peer/get} and {@code POST /peer/put?counter=C&writer=W&value=N}.
 *
 * <p>Two algorithms, chosen by {@link Mode}:
 * <ul>
 *   <li>{@link Mode#LOCAL} (the flawed one): a write is stored here and pushed to the peers
 *       that answer; a read answers from here. Quick, and fine while the network is whole;
 *       under a partition a replica cut off from the writes serves stale values.</li>
 *   <li>{@link Mode#QUORUM}: the ABD algorithm (Attiya, Bar-Noy, Dolev): a write asks a
 *       majority for the highest version, then stores version+1 on a majority; a read asks a
 *       majority, takes the highest version and writes it back to a majority before answering.
 *       Without a majority, the operation fails (503) and the client cannot know whether a
 *       write took effect.</li>
 * </ul>
 * The HTTP server and client must be made by a thread inside the replica's network namespace:
 * the test does so with netns4j's {@code node.call(...)} and {@code node.sockets().httpClient()}.
 */
public final class Replica implements AutoCloseable {
    /** How a replica serves reads and writes. */
    public enum Mode { LOCAL, QUORUM }

    /** A value with its version: (counter, writer) ordered by counter then writer. */
    record Versioned(long counter, int writer, long value) {
        boolean newerThan(Versioned o) {
            return counter != o.counter ? counter > o.counter : writer > o.writer;
        }

        String text() {
            return counter + " " + writer + " " + value;
        }

        static Versioned parse(String s) {
            String[] w = s.trim().split(" ");
            return new Versioned(Long.parseLong(w[0]), Integer.parseInt(w[1]), Long.parseLong(w[2]));
        }
    }

    private final int id;
    private final Mode mode;
    private final List<URI> peers;
    private final HttpClient client;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    private Versioned current = new Versioned(0, 0, 0);

    /**
     * @param id     this replica's number (1..n), the tie-breaker of versions
     * @param mode   the algorithm
     * @param port   the port to listen on, on every address of the namespace
     * @param peers  the other replicas' base URIs
     * @param client an HTTP client whose connections leave from this replica's namespace
     */
    public Replica(int id, Mode mode, int port, List<URI> peers, HttpClient client) throws IOException {
        this.id = id;
        this.mode = mode;
        this.peers = List.copyOf(peers);
        this.client = client;
        this.server = HttpServer.create(new InetSocketAddress(port), 64);
        server.setExecutor(handlers);
        server.createContext("/read", ex -> handle(ex, () -> Long.toString(read())));
        server.createContext("/write", ex -> handle(ex, () -> {
            write(Long.parseLong(query(ex, "value")));
            return "ok";
        }));
        server.createContext("/peer/get", ex -> handle(ex, () -> local().text()));
        server.createContext("/peer/put", ex -> handle(ex, () -> {
            store(new Versioned(Long.parseLong(query(ex, "counter")), Integer.parseInt(query(ex, "writer")),
                    Long.parseLong(query(ex, "value"))));
            return "ok";
        }));
        server.start();
    }

    private long read() throws NoQuorumException {
        if (mode == Mode.LOCAL) {
            return local().value();
        }
        Versioned highest = highestOfMajority();
        storeOnMajority(highest);
        return highest.value();
    }

    private void write(long value) throws NoQuorumException {
        if (mode == Mode.LOCAL) {
            Versioned v;
            synchronized (this) {
                v = new Versioned(current.counter() + 1, id, value);
            }
            store(v);
            for (URI peer : peers) {
                put(peer, v).exceptionally(e -> null).join(); // best effort: a peer that does not answer misses it
            }
            return;
        }
        Versioned highest = highestOfMajority();
        storeOnMajority(new Versioned(highest.counter() + 1, id, value));
    }

    private synchronized Versioned local() {
        return current;
    }

    private synchronized void store(Versioned v) {
        if (v.newerThan(current)) {
            current = v;
        }
    }

    private int majority() {
        return (peers.size() + 1) / 2 + 1;
    }

    private Versioned highestOfMajority() throws NoQuorumException {
        List<CompletableFuture<Versioned>> asks = new ArrayList<>();
        for (URI peer : peers) {
            asks.add(send(HttpRequest.newBuilder(peer.resolve("/peer/get")).GET()).thenApply(Versioned::parse));
        }
        Versioned highest = local();
        int answers = 1;
        for (CompletableFuture<Versioned> ask : asks) {
            try {
                Versioned v = ask.join();
                answers++;
                highest = v.newerThan(highest) ? v : highest;
            } catch (RuntimeException unreachable) {
                // counted out
            }
        }
        if (answers < majority()) {
            throw new NoQuorumException(answers + " of " + (peers.size() + 1) + " replicas answered");
        }
        return highest;
    }

    private void storeOnMajority(Versioned v) throws NoQuorumException {
        store(v);
        List<CompletableFuture<String>> puts = new ArrayList<>();
        for (URI peer : peers) {
            puts.add(put(peer, v));
        }
        int acks = 1;
        for (CompletableFuture<String> put : puts) {
            try {
                put.join();
                acks++;
            } catch (RuntimeException unreachable) {
                // counted out
            }
        }
        if (acks < majority()) {
            throw new NoQuorumException(acks + " of " + (peers.size() + 1) + " replicas stored it");
        }
    }

    private CompletableFuture<String> put(URI peer, Versioned v) {
        URI uri = peer.resolve("/peer/put?counter=" + v.counter() + "&writer=" + v.writer() + "&value=" + v.value());
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private CompletableFuture<String> send(HttpRequest.Builder request) {
        return client.sendAsync(request.timeout(Duration.ofMillis(400)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> {
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + r.statusCode());
                    }
                    return r.body();
                });
    }

    private interface Answer {
        String get() throws Exception;
    }

    private static void handle(HttpExchange ex, Answer answer) throws IOException {
        int status = 200;
        String body;
        try {
            body = answer.get();
        } catch (NoQuorumException e) {
            status = 503;
            body = "no quorum: " + e.getMessage();
        } catch (RuntimeException e) {
            status = 400;
            body = String.valueOf(e.getMessage());
        } catch (Exception e) {
            status = 500;
            body = String.valueOf(e);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        throw new IllegalArgumentException("missing query parameter " + name);
    }

    /** Stops serving: the replica's threads end. */
    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fewer than a majority of the replicas answered. */
    static final class NoQuorumException extends Exception {
        NoQuorumException(String message) {
            super(message);
        }
    }
}
