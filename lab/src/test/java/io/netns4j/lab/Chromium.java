package io.netns4j.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven over its DevTools protocol from
 * a java.net.http WebSocket: navigate, evaluate JavaScript in the page, take screenshots, and
 * collect the page's uncaught exceptions and console errors. The browser gets a private
 * profile directory and listens for DevTools on a loopback port of its own; {@link #close}
 * ends the processes it started (by pid) and removes the profile.
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final HttpClient http;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    /** Uncaught exceptions and console.error lines of the page. */
    final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Chromium(Process process, Path profile, HttpClient http, WebSocket socket) {
        this.process = process;
        this.http = http;
        this.profile = profile;
        this.socket = socket;
    }

    static Chromium start(int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("n4jt-chromium-");
        Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String browserUrl = devToolsUrl(p);
            URI base = URI.create(browserUrl.replaceFirst("^ws://", "http://").replaceFirst("/devtools/.*", ""));
            String pageUrl = null;
            HttpClient http = HttpClient.newHttpClient(); // the WebSocket lives on it: closed in close()
            try {
                for (int i = 0; i < 50 && pageUrl == null; i++) {
                    String list = http.send(HttpRequest.newBuilder(base.resolve("/json/list")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    for (JsonNode t : JSON.readTree(list)) {
                        if (t.path("type").asText().equals("page")) {
                            pageUrl = t.path("webSocketDebuggerUrl").asText();
                        }
                    }
                    if (pageUrl == null) {
                        Thread.sleep(100);
                    }
                }
                if (pageUrl == null) {
                    throw new IOException("chromium shows no page target");
                }
                Chromium[] self = new Chromium[1];
                WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), new Listener(self))
                        .get(10, TimeUnit.SECONDS);
                self[0] = new Chromium(p, profile, http, ws);
                self[0].call("Runtime.enable", Map.of());
                self[0].call("Page.enable", Map.of());
                return self[0];
            } catch (Exception | Error e) {
                http.shutdownNow();
                throw e;
            }
        } catch (Exception | Error e) {
            end(p);
            deleteTree(profile);
            throw e;
        }
    }

    /** Reads "DevTools listening on ws://..." from the browser's stderr. */
    private static String devToolsUrl(Process p) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    int at = line.indexOf("DevTools listening on ");
                    if (at >= 0) {
                        url.complete(line.substring(at + 22).strip());
                    }
                }
                url.completeExceptionally(new IOException("chromium ended without a DevTools address"));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        });
        return url.get(30, TimeUnit.SECONDS);
    }


    private static final class Listener implements WebSocket.Listener {
        private final Chromium[] self;
        private final StringBuilder text = new StringBuilder();

        Listener(Chromium[] self) {
            this.self = self;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    JsonNode m = JSON.readTree(message);
                    while (self[0] == null) {
                        Thread.onSpinWait();
                    }
                    self[0].received(m);
                } catch (IOException e) {
                    // not JSON: ignore
                }
            }
            ws.request(1);
            return null;
        }
    }

    private void received(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = replies.remove(m.get("id").asInt());
            if (f != null) {
                f.complete(m);
            }
        } else if (m.path("method").asText().equals("Runtime.exceptionThrown")) {
            errors.add(m.path("params").path("exceptionDetails").toString());
        } else if (m.path("method").asText().equals("Runtime.consoleAPICalled")
                && m.path("params").path("type").asText().equals("error")) {
            errors.add(m.path("params").path("args").toString());
        }
    }

    /** Sends one DevTools command and waits for its answer's {@code result}. */
    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        replies.put(id, f);
        ObjectNode m = JSON.createObjectNode();
        m.put("id", id);
        m.put("method", method);
        m.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(m), true).get(10, TimeUnit.SECONDS);
        JsonNode reply = f.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** The value of a JavaScript expression in the page (promises awaited); a thrown exception fails. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("page threw on " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Evaluates {@code expression} until {@code holds} accepts its value; fails after {@code timeout}. */
    JsonNode await(String expression, Predicate<JsonNode> holds, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last;
        do {
            last = eval(expression);
            if (holds.test(last)) {
                return last;
            }
            Thread.sleep(25);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("after " + timeout.toMillis() + " ms, " + expression + " is " + last
                + "; page errors: " + errors);
    }

    /** A PNG of the page as drawn now. */
    byte[] screenshot() throws Exception {
        return Base64.getDecoder().decode(call("Page.captureScreenshot", Map.of("format", "png")).path("data").asText());
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        http.shutdownNow();
        end(process);
        deleteTree(profile);
    }

    private static void end(Process p) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle h : tree) {
            h.destroyForcibly();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
