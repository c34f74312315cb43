package io.netns4j.lab.view;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netns4j.error.NetnsException;
import io.netns4j.internal.json.JsonReader;
import io.netns4j.internal.json.JsonWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code netns4j lab serve}: one page that draws the labs of a {@link ViewHub} and follows them
 * live, on the JDK's HTTP server ({@code com.sun.net.httpserver}, one virtual thread per
 * exchange, so an open event stream costs no platform thread).
 *
 * <p>Routes: {@code GET /} the page, {@code GET /assets/*} its script, style and cytoscape.js
 * (bundled in the jar: no network needed); {@code GET /api/state} every lab's picture as
 * JSON; {@code GET /api/events} the server-sent events ({@link ViewEvent}); {@code POST
 * /api/action} an action ({@link ViewActions}).
 *
 * <p>The page is a root-level control surface, so: every {@code /api/} request needs the
 * token printed at start ({@code Authorization: Bearer TOKEN}, or {@code ?token=} for the
 * event stream, which a browser cannot give headers), else 401; a {@code Host} header other
 * than the address served is refused with 403 (DNS rebinding), and so is an {@code Origin}
 * other than the page's own; an action must be {@code application/json} (a cross-origin form
 * cannot send it without a preflight, which is refused). The page itself holds no secret:
 * it reads the token from its URL's fragment, which browsers never send.
 */
public final class ViewServer implements AutoCloseable {
    private static final Set<String> ASSETS = Set.of("view.js", "view.css", "cytoscape/cytoscape.min.js", "cytoscape/LICENSE");

    private final ViewHub hub;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String token;
    private final List<String> hosts;

    private ViewServer(ViewHub hub, HttpServer server, String token) {
        this.hub = hub;
        this.server = server;
        this.token = token;
        InetSocketAddress a = server.getAddress();
        int port = a.getPort();
        String literal = a.getAddress().getHostAddress();
        String host = literal.contains(":") ? "[" + literal + "]" : literal;
        this.hosts = a.getAddress().isLoopbackAddress()
                ? List.of(host + ":" + port, "localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)
                : List.of(host + ":" + port);
    }

    /**
     * Listens on {@code address} (port 0: any free one) and serves {@code hub}'s labs.
     *
     * @param token the token actions need; null for a new random one
     * @param hub the labs to serve
     * @param address where to listen ({@code 127.0.0.1:8080})
     * @return the server, running until it is closed
     * @throws IOException the address cannot be bound
     */
    public static ViewServer start(ViewHub hub, InetSocketAddress address, String token) throws IOException {
        HttpServer http = HttpServer.create(address, 64);
        ViewServer s = new ViewServer(hub, http, token == null ? newToken() : token);
        http.setExecutor(s.executor);
        http.createContext("/", s::handle);
        http.start();
        return s;
    }

    /** 128 random bits, in hex. */
    static String newToken() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * {@return the token actions need}
     */
    public String token() {
        return token;
    }

    /**
     * {@return the page's address with the token in its fragment: what {@code lab serve} prints}
     */
    public URI pageUri() {
        return URI.create("http://" + hosts.getFirst() + "/#token=" + token);
    }

    /**
     * {@return the address listened on}
     */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            x.getResponseHeaders().set("X-Frame-Options", "DENY");
            x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            x.getResponseHeaders().set("Cache-Control", "no-store");
            String host = x.getRequestHeaders().getFirst("Host");
            if (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
                send(x, 403, "text/plain", "403: Host \"" + host + "\" is not served here; open " + hosts.getFirst());
                return;
            }
            String origin = x.getRequestHeaders().getFirst("Origin");
            if (origin != null && !origin.equals("http://" + host)) {
                send(x, 403, "text/plain", "403: requests from other origins (" + origin + ") are refused");
                return;
            }
            String path = x.getRequestURI().getPath();
            if (path.startsWith("/api/")) {
                api(x, path);
            } else if (path.equals("/") || path.equals("/index.html")) {
                getOnly(x);
                send(x, 200, "text/html; charset=utf-8", resource("view.html"));
            } else if (path.startsWith("/assets/") && ASSETS.contains(path.substring(8))) {
                getOnly(x);
                String name = path.substring(8);
                send(x, 200, name.endsWith(".js") ? "text/javascript; charset=utf-8" : name.endsWith(".css")
                        ? "text/css; charset=utf-8" : "text/plain; charset=utf-8", resource(name));
            } else {
                send(x, 404, "text/plain", "404: no such page");
            }
        } catch (MethodRefused e) {
            // answered
        }
    }

    private void api(HttpExchange x, String path) throws IOException, MethodRefused {
        if (!authorised(x)) {
            x.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"netns4j lab serve\"");
            send(x, 401, "text/plain", "401: this needs the token that \"netns4j lab serve\" printed"
                    + " (Authorization: Bearer TOKEN)");
            return;
        }
        switch (path) {
            case "/api/state" -> {
                getOnly(x);
                send(x, 200, "application/json", JsonWriter.write(Map.of("labs", hub.snapshots())));
            }
            case "/api/events" -> {
                getOnly(x);
                events(x);
            }
            case "/api/action" -> action(x);
            default -> send(x, 404, "text/plain", "404: no such call");
        }
    }

    private boolean authorised(HttpExchange x) {
        String given = null;
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            given = auth.substring(7).strip();
        } else if (x.getRequestMethod().equals("GET") && x.getRequestURI().getRawQuery() != null) {
            for (String kv : x.getRequestURI().getRawQuery().split("&")) {
                if (kv.startsWith("token=")) {
                    given = kv.substring(6);
                }
            }
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private void events(HttpExchange x) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        x.sendResponseHeaders(200, 0);
        ViewHub.Client c = hub.subscribe();
        try (OutputStream out = x.getResponseBody()) {
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            int idle = 0;
            while (!c.dropped) {
                String e = c.queue.poll(1, TimeUnit.SECONDS);
                if (e == null && ++idle < 15) {
                    continue;
                }
                idle = 0;
                StringBuilder sb = new StringBuilder(e == null ? ": keep-alive\n\n" : e);
                for (String more; sb.length() < 256 * 1024 && (more = c.queue.poll()) != null; ) {
                    sb.append(more);
                }
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the page went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.unsubscribe(c);
        }
    }

    private void action(HttpExchange x) throws IOException {
        if (!x.getRequestMethod().equals("POST")) {
            x.getResponseHeaders().set("Allow", "POST");
            send(x, 405, "text/plain", "405: actions are POSTed");
            return;
        }
        String type = x.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            send(x, 415, "application/json", JsonWriter.write(Map.of("error", "an action is a JSON object"
                    + " (Content-Type: application/json)")));
            return;
        }
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readNBytes(64 * 1024 + 1);
        }
        if (body.length > 64 * 1024) {
            send(x, 413, "application/json", JsonWriter.write(Map.of("error", "an action is at most 64 KiB")));
            return;
        }
        try {
            String done = ViewActions.run(hub, JsonReader.parse(new String(body, StandardCharsets.UTF_8)));
            send(x, 200, "application/json", JsonWriter.write(Map.of("ok", true, "message", done)));
        } catch (IllegalArgumentException e) {
            send(x, 400, "application/json", JsonWriter.write(Map.of("error", e.getMessage())));
        } catch (NetnsException e) {
            send(x, 409, "application/json", JsonWriter.write(Map.of("error", e.getMessage())));
        }
    }

    private static void getOnly(HttpExchange x) throws IOException, MethodRefused {
        if (!x.getRequestMethod().equals("GET") && !x.getRequestMethod().equals("HEAD")) {
            x.getResponseHeaders().set("Allow", "GET, HEAD");
            send(x, 405, "text/plain", "405: only GET here");
            throw new MethodRefused();
        }
    }

    private static final class MethodRefused extends Exception {
        MethodRefused() {
            super(null, null, false, false);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ViewServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the jar lacks " + name + " (built without its assets?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        if (type.startsWith("text/html")) {
            x.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline';"
                    + " img-src 'self' data:; frame-ancestors 'none'");
        }
        x.sendResponseHeaders(status, x.getRequestMethod().equals("HEAD") ? -1 : b.length);
        if (!x.getRequestMethod().equals("HEAD")) {
            x.getResponseBody().write(b);
        }
    }

    /** Stops listening (open event streams end) and closes the labs' watches. */
    @Override
    public void close() {
        hub.close(); // ends the event streams within a second
        server.stop(0);
        executor.shutdownNow();
    }
}
