package io.netns4j.examples.etcd;

import io.netns4j.junit.LabTest;
import io.netns4j.junit.check.Linearizability;
import io.netns4j.junit.check.LinearizabilityResult;
import io.netns4j.junit.check.Model;
import io.netns4j.junit.history.EdnHistory;
import io.netns4j.junit.history.History;
import io.netns4j.junit.nemesis.Faults;
import io.netns4j.junit.nemesis.Nemesis;
import io.netns4j.junit.nemesis.Schedule;
import io.netns4j.lab.RunningLab;
import io.netns4j.lab.RunningNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members of Debian's etcd as services of one lab (src/test/resources/etcd.yaml, the lab
 * of examples/etcd-cluster): the leader is cut off and the others elect a new one and go on;
 * healed, all agree; clients on each node record reads, writes and compare-and-sets while a
 * seeded nemesis partitions the cluster, and the history is linearizable.
 */
@LabTest(file = "etcd.yaml")
class EtcdClusterTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3");
    private final List<HttpClient> opened = new ArrayList<>();

    @AfterEach
    void closeClients() {
        opened.forEach(HttpClient::close);
        opened.clear();
    }

    /** A client of the member on {@code on}, whose connections leave from {@code from}. */
    private Etcd client(RunningLab lab, String from, String on, Duration timeout) throws Exception {
        HttpClient http = lab.node(from).sockets().httpClient();
        opened.add(http);
        return new Etcd(http, lab.node(on).address().getHostAddress(), timeout);
    }

    private String leader(RunningLab lab, List<String> among, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            for (String n : among) {
                try {
                    if (client(lab, n, n, Duration.ofMillis(500)).status().isLeader()) {
                        return n;
                    }
                } catch (IOException notNow) {
                    // no answer yet
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no leader among " + among + " within " + within);
    }

    @Test
    void isolatingTheLeaderElectsANewOneAndWritesGoOn(RunningLab lab) throws Exception {
        String old = leader(lab, NODES, Duration.ofSeconds(10));
        client(lab, old, old, Duration.ofSeconds(2)).put("k", "before");
        lab.partition("isolate " + old);
        List<String> rest = NODES.stream().filter(n -> !n.equals(old)).toList();
        String next = leader(lab, rest, Duration.ofSeconds(15));
        assertNotEquals(old, next);
        System.out.println("etcd: leader " + old + " isolated, " + next + " elected");
        client(lab, next, next, Duration.ofSeconds(3)).put("k", "during");
        // the cut-off member cannot serve a linearizable read or take a write: no quorum
        Etcd cut = client(lab, old, old, Duration.ofSeconds(2));
        assertThrows(IOException.class, () -> cut.put("k", "lost"));
        lab.heal();
        for (String n : NODES) {
            Optional<String> seen = Optional.empty();
            long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < end) {
                try {
                    seen = client(lab, n, n, Duration.ofSeconds(1)).get("k");
                    break;
                } catch (IOException rejoining) {
                    Thread.sleep(200);
                }
            }
            assertEquals(Optional.of("during"), seen, n + " after the heal");
        }
    }

    @Test
    void clientsUnderRandomPartitionsSeeALinearizableRegister(RunningLab lab) throws Exception {
        leader(lab, NODES, Duration.ofSeconds(10));
        History history = History.create();
        List<Etcd> clients = new ArrayList<>();
        for (String n : NODES) {
            clients.add(client(lab, n, n, Duration.ofMillis(1500)));
        }
        try (Nemesis nemesis = Nemesis.on(lab, 11).recordingTo(history)
                .start(Schedule.of(Faults.randomHalves(), Faults.isolateRandomNode())
                        .withEvery(Duration.ofSeconds(2)).withLasting(Duration.ofSeconds(1)));
             ExecutorService pool = Executors.newFixedThreadPool(NODES.size())) {
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < NODES.size(); c++) {
                int client = c;
                running.add(pool.submit(() -> {
                    Random random = new Random(client);
                    long next = 1;
                    while (System.nanoTime() < end) {
                        int kind = random.nextInt(3);
                        long value = (client + 1) * 100_000L + next++;
                        if (kind == 0) {
                            read(history, client, clients.get(client));
                        } else if (kind == 1) {
                            write(history, client, clients.get(client), value);
                        } else {
                            cas(history, client, clients.get(client), random.nextInt(5), value);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        LinearizabilityResult r = Linearizability.check(history, Model.casRegister());
        Path out = Path.of("target", "history-etcd.edn");
        Files.createDirectories(out.getParent());
        EdnHistory.write(history.ops(), out);
        System.out.println("etcd: " + r.report());
        assertTrue(r.linearizable(), r::report);
        assertTrue(r.calls() > 30, "the run should have done real work: " + r.report());
        assertNotNull(history.ops().stream().filter(op -> op.isNemesis()).findAny().orElse(null), "faults were recorded");
    }

    private static void read(History history, int client, Etcd etcd) {
        var op = history.invoke(client, "read", null);
        try {
            op.ok(etcd.get("r").map(Long::parseLong).orElse(null));
        } catch (IOException e) {
            op.fail(); // a read changes nothing: whatever happened, it did not take effect
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            op.fail();
        }
    }

    private static void write(History history, int client, Etcd etcd, long value) {
        var op = history.invoke(client, "write", value);
        try {
            etcd.put("r", Long.toString(value));
            op.ok();
        } catch (IOException | RuntimeException e) {
            op.info(); // a time-out or an error: the write may still be committed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            op.info();
        }
    }

    /** A cas from one of the values this client wrote lately (or the key's absence as 0). */
    private static void cas(History history, int client, Etcd etcd, int back, long value) {
        long expected = Math.max(0, value - 1 - back);
        var op = history.invoke(client, "cas", List.of(expected, value));
        try {
            if (etcd.compareAndSet("r", Long.toString(expected), Long.toString(value))) {
                op.ok();
            } else {
                op.fail();
            }
        } catch (IOException | RuntimeException e) {
            op.info();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            op.info();
        }
    }
}
