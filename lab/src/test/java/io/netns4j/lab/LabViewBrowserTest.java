package io.netns4j.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.netns4j.Netns;
import io.netns4j.lab.model.LabNode;
import io.netns4j.lab.view.StaticView;
import io.netns4j.lab.view.ViewHub;
import io.netns4j.lab.view.ViewServer;
import io.netns4j.testing.RequiresRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.netns4j.testing.Ip.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lab serve} in a real headless Chromium (Debian's {@code chromium}, driven over the
 * DevTools protocol): the must-show list. A 3-node lab (two hosts behind a router, a
 * service on one) is drawn; a link set down with {@code ip} shows as down within 1 s; a
 * partition made through {@code Lab.partition} (what {@code lab partition} runs) appears as a
 * cut; an impairment made from the page is in the kernel and in the picture; requests without
 * the token, from another origin or for another host are refused. Screenshots are kept in
 * {@code lab/target/view-screenshots/} (CI artifacts); with {@code -Dview.docs=true} the one
 * with a partition and an impairment is also written to {@code docs/lab-serve.png}.
 */
@RequiresRoot
@Timeout(180)
class LabViewBrowserTest {
    private static final String LAB = """
            name: r
            defaults:
              pools:
                ipv4: 10.78.0.0/16
            nodes:
              client: {}
              server:
                exec:
                  - name: web
                    command: python3 -m http.server 8080
                    ready: tcp:8080
              router:
                kind: router
            links:
              - endpoints: ["client:eth0", "router:eth1"]
              - endpoints: ["server:eth0", "router:eth2"]
            """;
    private static final Path SHOTS = Path.of("lab/target/view-screenshots");

    private TestLab lab;
    private Lab.Options options;
    private ViewServer server;
    private Chromium browser;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void up() throws Exception {
        lab = new TestLab("view");
        options = lab.options.withInProcessSupervisor(true);
        Lab.up(lab.topology(LAB), lab.registry, options);
        server = ViewServer.start(ViewHub.start(lab.registry, options, List.of(lab.name)),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void down() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            try {
                if (server != null) {
                    server.close();
                }
                Lab.down(lab.name, lab.registry, options);
            } finally {
                lab.close();
                http.close();
            }
        }
    }

    @Test
    void theMustShowList() throws Exception {
        browser = Chromium.start(1400, 900);
        browser.navigate(server.pageUri().toString());
        // the nodes and links of the lab are drawn
        browser.await("window.netns4jView && netns4jView.firstDrawMs !== null && netns4jView.cy.nodes('[node]').length",
                v -> v.asInt() == 3, Duration.ofSeconds(20));
        assertEquals(Set.of("client", "server", "router"), strings(browser.eval(
                "netns4jView.cy.nodes('[node]').map(n => n.data('node'))")));
        assertEquals(Set.of("host", "router"), strings(browser.eval(
                "[...new Set(netns4jView.cy.nodes('[node]').map(n => n.classes()[0]))]")));
        assertEquals(2, browser.eval("netns4jView.cy.edges('[link]').length").asInt());
        assertTrue(browser.eval("netns4jView.cy.nodes('[node]').every(n => { const b = n.renderedBoundingBox();"
                + " return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= netns4jView.cy.width() && b.y2 <= netns4jView.cy.height(); })")
                .asBoolean(), "every node is inside the drawing");
        assertEquals(2, browser.eval("document.querySelectorAll('#links tbody tr').length").asInt());
        assertTrue(browser.eval("netns4jView.cy.edges('[link]').map(e => e.data('sourceLabel') + e.data('targetLabel'))"
                + ".join(' ')").asText().contains("10.78."), "the links carry their addresses");
        browser.await("netns4jView.cy.getElementById('n:" + lab.name + "/server').data('label')",
                v -> v.asText().contains("web ●"), Duration.ofSeconds(5)); // the service, running and ready
        browser.await("document.getElementById('connection').textContent", v -> v.asText().equals("live"),
                Duration.ofSeconds(5));
        Files.write(SHOTS.resolve("drawn.png"), browser.screenshot());

        // ip -n NS link set X down: shown down within 1 s
        String edge = "netns4jView.cy.getElementById('l:" + lab.name + "/client:eth0--router:eth1')";
        assertFalse(browser.eval(edge + ".hasClass('down')").asBoolean());
        long t0 = System.nanoTime();
        assertEquals(0, ip("-n", lab.namespace("client"), "link", "set", "eth0", "down").exit());
        browser.await(edge + ".hasClass('down')", JsonNode::asBoolean, Duration.ofSeconds(1));
        long shownMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("LabViewBrowserTest: link down shown after " + shownMillis + " ms");
        assertTrue(browser.eval("document.querySelector('#links tbody').textContent").asText()
                .contains("client:eth0 down"));
        assertTrue(browser.eval("[...document.querySelectorAll('#timeline li')].map(l => l.textContent).join('\\n')")
                .asText().contains("client:eth0 up -> down"));
        assertEquals(0, ip("-n", lab.namespace("client"), "link", "set", "eth0", "up").exit());
        browser.await(edge + ".hasClass('down')", v -> !v.asBoolean(), Duration.ofSeconds(5));

        // a partition made with lab partition appears as a cut
        Lab.partition(lab.name, Lab.parsePartition(lab.name, List.of("client", "/", "server"), lab.registry),
                lab.registry, options);
        browser.await("netns4jView.cy.edges('.cut').map(e => e.data('source') + ' ' + e.data('target')).join()",
                v -> v.asText().contains("client") && v.asText().contains("server"), Duration.ofSeconds(3));
        assertTrue(browser.eval("document.getElementById('partitionBanner').textContent").asText().contains("✂"));

        // an action from the page, with the token: carried out and visible in the kernel
        JsonNode done = browser.eval("fetch('/api/action', {method: 'POST', headers: {'Content-Type': 'application/json',"
                + " 'Authorization': 'Bearer " + server.token() + "'}, body: JSON.stringify({action: 'impair', lab: '"
                + lab.name + "', endpoint: 'server:eth0', words: ['delay', '40ms', 'loss', '2%']})}).then(r => r.status)");
        assertEquals(200, done.asInt());
        LabNode server0 = Lab.show(lab.name, lab.registry).orElseThrow().stream()
                .filter(n -> n.node().equals("server")).findFirst().orElseThrow();
        assertTrue(String.join(" ", server0.interfaces().getFirst().impairment().tcWords()).startsWith("delay 40ms loss 2%"));
        String impaired = "netns4jView.cy.getElementById('l:" + lab.name + "/server:eth0--router:eth2')";
        browser.await(impaired + ".hasClass('impaired') && " + impaired + ".data('impairment')",
                v -> v.asText().contains("delay 40ms loss 2%"), Duration.ofSeconds(3));
        Thread.sleep(300); // let the frame with the last change be painted
        byte[] shot = browser.screenshot();
        Files.write(SHOTS.resolve("partition-and-impairment.png"), shot);
        if (Boolean.getBoolean("view.docs")) {
            Files.write(Path.of("docs/lab-serve.png"), shot);
        }
        assertTrue(browser.errors.isEmpty(), "page errors: " + browser.errors);
    }

    @Test
    void requestsWithoutTheTokenFromOtherOriginsOrForOtherHostsAreRefused() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + server.address().getPort());
        String body = "{\"action\":\"link\",\"lab\":\"" + lab.name + "\",\"endpoint\":\"client:eth0\",\"state\":\"down\"}";
        assertEquals(401, post(base, body, null, null).statusCode());
        assertEquals(401, post(base, body, "0".repeat(32), null).statusCode());
        assertEquals(401, get(base.resolve("/api/state"), null).statusCode());
        assertEquals(401, get(base.resolve("/api/events"), null).statusCode());
        assertEquals(403, post(base, body, server.token(), "http://attacker.example").statusCode());
        assertTrue(upInKernel(), "nothing was changed by the refused requests");
        // DNS rebinding: the page asked for by another name
        try (java.net.Socket raw = new java.net.Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            raw.getOutputStream().write(("GET / HTTP/1.1\r\nHost: attacker.example:" + server.address().getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new String(raw.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 403", status);
        }
        // bad input: 400 naming the problem, nothing changed
        HttpResponse<String> bad = post(base, body.replace("client:eth0", "client"), server.token(), null);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("NODE:INTERFACE"), bad.body());
        // with the token: done, and the kernel shows it
        HttpResponse<String> ok = post(base, body, server.token(), base.toString().replaceAll("/$", ""));
        assertEquals(200, ok.statusCode(), ok.body());
        assertFalse(upInKernel());
        assertEquals(200, get(base.resolve("/api/state"), server.token()).statusCode());
        assertEquals(200, get(base.resolve("/"), null).statusCode()); // the page itself holds no secret
    }

    @Test
    void theStaticPageDrawsTheSameLabOffline() throws Exception {
        Path file = SHOTS.resolve("static.html");
        try (ViewHub hub = ViewHub.start(lab.registry, options, List.of(lab.name))) {
            Files.writeString(file, StaticView.html(hub.snapshots()));
        }
        browser = Chromium.start(1200, 800);
        browser.navigate(file.toAbsolutePath().toUri().toString());
        browser.await("window.netns4jView && netns4jView.cy.nodes('[node]').length", v -> v.asInt() == 3,
                Duration.ofSeconds(20));
        assertEquals(2, browser.eval("netns4jView.cy.edges('[link]').length").asInt());
        assertTrue(browser.eval("document.getElementById('connection').textContent").asText().startsWith("static"));
        Files.write(SHOTS.resolve("static.png"), browser.screenshot());
        assertTrue(browser.errors.isEmpty(), "page errors: " + browser.errors);
    }

    private boolean upInKernel() throws Exception {
        try (Netns n = lab.registry.open(lab.namespace("client"))) {
            return n.links().get("eth0").isUp();
        }
    }

    private HttpResponse<String> post(URI base, String body, String token, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/action")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new java.util.TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
