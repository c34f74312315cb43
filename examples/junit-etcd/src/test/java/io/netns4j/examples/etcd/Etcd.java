package io.netns4j.examples.etcd;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A few calls of etcd's v3 API through its JSON gateway ({@code POST /v3/kv/put}, {@code range},
 * {@code txn}, {@code /v3/maintenance/status}), as {@code etcdctl put/get/txn/endpoint status}
 * make them. Keys and values are base64 in that API; 64-bit numbers are strings. The HTTP
 * client must be one whose connections leave from a node of the lab
 * ({@code node.sockets().httpClient()}).
 */
final class Etcd {
    /** etcd answered with an error: the operation did not take effect (etcd says so only when sure). */
    static final class EtcdError extends IOException {
        EtcdError(String message) {
            super(message);
        }
    }

    private static final Pattern VALUE = Pattern.compile("\"value\":\"([^\"]*)\"");
    private static final Pattern SUCCEEDED = Pattern.compile("\"succeeded\":true");
    private static final Pattern LEADER = Pattern.compile("\"leader\":\"(\\d+)\"");
    private static final Pattern MEMBER = Pattern.compile("\"member_id\":\"(\\d+)\"");

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    Etcd(HttpClient http, String host, Duration timeout) {
        this.http = http;
        this.base = URI.create("http://" + host + ":2379/");
        this.timeout = timeout;
    }

    /** {@code etcdctl put KEY VALUE}. */
    void put(String key, String value) throws IOException, InterruptedException {
        call("v3/kv/put", "{\"key\":\"" + b64(key) + "\",\"value\":\"" + b64(value) + "\"}");
    }

    /** {@code etcdctl get KEY} (a linearizable read, etcd's default). */
    Optional<String> get(String key) throws IOException, InterruptedException {
        String body = call("v3/kv/range", "{\"key\":\"" + b64(key) + "\"}");
        Matcher m = VALUE.matcher(body);
        return m.find() ? Optional.of(unb64(m.group(1))) : Optional.empty();
    }

    /** {@code etcdctl txn}: if KEY holds EXPECTED, put NEW; whether it did. */
    boolean compareAndSet(String key, String expected, String next) throws IOException, InterruptedException {
        String body = call("v3/kv/txn", "{\"compare\":[{\"key\":\"" + b64(key) + "\",\"target\":\"VALUE\","
                + "\"result\":\"EQUAL\",\"value\":\"" + b64(expected) + "\"}],\"success\":[{\"requestPut\":{\"key\":\""
                + b64(key) + "\",\"value\":\"" + b64(next) + "\"}}]}");
        return SUCCEEDED.matcher(body).find();
    }

    /** {@code etcdctl endpoint status}: this member's id and the leader it knows, if any. */
    Status status() throws IOException, InterruptedException {
        String body = call("v3/maintenance/status", "{}");
        Matcher leader = LEADER.matcher(body);
        Matcher member = MEMBER.matcher(body);
        if (!member.find()) {
            throw new EtcdError("no member_id in " + body);
        }
        return new Status(member.group(1), leader.find() && !leader.group(1).equals("0") ? leader.group(1) : null);
    }

    record Status(String member, String leader) {
        boolean isLeader() {
            return member.equals(leader);
        }
    }

    private String call(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
            throw new EtcdError("HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
