package io.netns4j.examples.register;

import io.netns4j.junit.LabTest;
import io.netns4j.junit.check.Linearizability;
import io.netns4j.junit.check.LinearizabilityResult;
import io.netns4j.junit.check.Model;
import io.netns4j.junit.check.Verdict;
import io.netns4j.junit.history.EdnHistory;
import io.netns4j.junit.history.History;
import io.netns4j.junit.nemesis.Faults;
import io.netns4j.junit.nemesis.Nemesis;
import io.netns4j.junit.nemesis.Schedule;
import io.netns4j.lab.LabSpec;
import io.netns4j.lab.RunningLab;
import io.netns4j.lab.RunningNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three replicas of {@link Replica} as Java nodes of one lab, all in this JVM, each in its own
 * network namespace; a client per node records its operations in a history while the network
 * is partitioned (a fixed partition, then a seeded random schedule); the checker decides. The
 * flawed replica ({@link Replica.Mode#LOCAL}) is caught; the quorum one passes the same run.
 */
@LabTest(topology = "lab")
class RegisterLinearizabilityTest {
    private static final int PORT = 8080;
    private static final List<String> NODES = List.of("n1", "n2", "n3");

    /**
     * Three hosts on a bridge. A connection closed while a partition drops its FIN lingers as an
     * orphan retransmitting it (FIN_WAIT1, up to 8 times with back-off, about 100 s by default),
     * and holds its namespace past the lab's end: a test lab gives orphans one retry.
     */
    static LabSpec lab() {
        LabSpec lab = LabSpec.named("reg").ipv4Pool("10.77.0.0/24").bridge("sw").hosts("n1", "n2", "n3").on("sw");
        for (String n : NODES) {
            lab = lab.node(n, node -> node.sysctl("net.ipv4.tcp_orphan_retries", "1").sysctl("net.ipv4.tcp_fin_timeout", "2"));
        }
        return lab;
    }

    @Test
    void theLocalRegisterServesAStaleReadUnderPartitionAndTheCheckerCatchesIt(RunningLab lab) throws Exception {
        LinearizabilityResult r = exercise(lab, Replica.Mode.LOCAL, "local");
        assertEquals(Verdict.NOT_LINEARIZABLE, r.verdict(), r::report);
        String why = r.violation().orElseThrow().explanation();
        assertTrue(why.contains("cannot be explained: a read of "), why);
    }

    @Test
    void theQuorumRegisterIsLinearizableUnderTheSamePartitions(RunningLab lab) throws Exception {
        LinearizabilityResult r = exercise(lab, Replica.Mode.QUORUM, "quorum");
        assertTrue(r.linearizable(), r::report);
        // reads without a majority fail and are not counted: the calls that are must be some
        assertTrue(r.calls() > 10, "the run should have done real work: " + r.report());
    }

    /** Starts the replicas, runs the clients under faults, stops the replicas, checks the history. */
    private static LinearizabilityResult exercise(RunningLab lab, Replica.Mode mode, String name) throws Exception {
        List<Replica> replicas = new ArrayList<>();
        List<HttpClient> clients = new ArrayList<>();
        History history = History.create();
        try {
            for (int i = 0; i < NODES.size(); i++) {
                RunningNode node = lab.node(NODES.get(i));
                List<URI> peers = new ArrayList<>();
                for (String other : NODES) {
                    if (!other.equals(node.name())) {
                        peers.add(uri(lab.node(other)));
                    }
                }
                HttpClient peerClient = node.sockets().httpClient();
                clients.add(peerClient);
                int id = i + 1;
                // the server's listening socket is opened by a thread inside the node
                replicas.add(node.call(() -> new Replica(id, mode, PORT, peers, peerClient)));
            }
            for (String n : NODES) {
                clients.add(lab.node(n).sockets().httpClient()); // client c + 3 is the client of node c
            }

            // 1. A fixed scenario: write 1 everywhere, cut n3 off, write 2 on n1, read on n3.
            operate(history, 0, clients.get(3), uri(lab.node("n1")), "write", 1L);
            try (var cut = history.fault("partition", "isolate n3")) {
                lab.partition("isolate n3");
                operate(history, 0, clients.get(3), uri(lab.node("n1")), "write", 2L);
                operate(history, 2, clients.get(5), uri(lab.node("n3")), "read", null);
                lab.heal();
            }

            // 2. Three clients at once for 4 s under a seeded schedule of random partitions.
            try (Nemesis nemesis = Nemesis.on(lab, 7).recordingTo(history)
                    .start(Schedule.of(Faults.randomHalves(), Faults.isolateRandomNode())
                            .withEvery(Duration.ofMillis(1000)).withLasting(Duration.ofMillis(400)));
                 ExecutorService pool = Executors.newFixedThreadPool(NODES.size())) {
                long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < NODES.size(); c++) {
                    int client = c;
                    URI target = uri(lab.node(NODES.get(c)));
                    running.add(pool.submit(() -> {
                        Random random = new Random(client);
                        long next = 1;
                        while (System.nanoTime() < end) {
                            if (random.nextBoolean()) {
                                operate(history, client, clients.get(client + 3), target, "read", null);
                            } else {
                                operate(history, client, clients.get(client + 3), target, "write", (client + 1) * 100_000L + next++);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
        } finally {
            replicas.forEach(Replica::close);
            clients.forEach(HttpClient::close);
        }
        LinearizabilityResult result = Linearizability.check(history, Model.register(0L));
        Path out = Path.of("target", "history-" + name + ".edn");
        Files.createDirectories(out.getParent());
        EdnHistory.write(history.ops(), out); // for knossos or elle-cli, and for a reader of the report
        System.out.println(name + ": " + result.report());
        return result;
    }

    /**
     * One client operation against a replica: ok with the result; a read that gets no answer
     * failed (it changed nothing); a write that gets no answer may or may not have taken
     * effect, so it is info (Jepsen's rule).
     */
    private static void operate(History history, int client, HttpClient http, URI replica, String f, Long value) {
        History.Invocation op = history.invoke(client, f, value);
        URI uri = replica.resolve(f.equals("read") ? "/read" : "/write?value=" + value);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2));
        try {
            HttpResponse<String> r = http.send(f.equals("read") ? request.GET().build()
                    : request.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                if (f.equals("read")) {
                    op.ok(Long.parseLong(r.body()));
                } else {
                    op.ok();
                }
                return;
            }
        } catch (java.io.IOException e) {
            // no answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (f.equals("read")) {
            op.fail();
        } else {
            op.info();
        }
    }

    private static URI uri(RunningNode node) {
        return URI.create("http://" + node.address().getHostAddress() + ":" + PORT + "/");
    }
}
