package io.netns4j.lab.wire;

import io.netns4j.lab.model.Impairment;
import io.netns4j.testing.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * What the userspace engine costs with no impairment set, against the plain veth: TCP throughput
 * (one bulk transfer a to b, receiver's payload rate, median of 3 runs of 3 s) and TCP round-trip
 * time (1-byte echo, median and 99th percentile of 3000). Only a's egress goes through the engine,
 * so a round trip crosses it once. Run by bench/impair-engine.sh ({@code -Dnetns4j.bench=true});
 * not a test of the suite (its name does not end in Test).
 */
@RequiresRoot
@EnabledIfSystemProperty(named = "netns4j.bench", matches = "true")
class WireBenchmark {
    private record Figures(double mbitPerSecond, double rttMedianMicros, double rttP99Micros) {
    }

    @Test
    void theEnginesCostAgainstAPlainVeth() throws Exception {
        try (WireLab lab = new WireLab("bench")) {
            Figures plain = measure(lab);
            Figures engine;
            try (UserspaceImpairment e = UserspaceImpairment.install(lab.a, "eth0", Impairment.NONE, 1)) {
                engine = measure(lab);
                System.out.println("engine counters: " + e.counters());
            }
            System.out.printf("%nuserspace engine, no impairment, against a plain veth (%d cores):%n",
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("  TCP throughput   plain %8.0f Mbit/s   engine %8.0f Mbit/s   ratio %.3f%n",
                    plain.mbitPerSecond(), engine.mbitPerSecond(), engine.mbitPerSecond() / plain.mbitPerSecond());
            System.out.printf("  TCP RTT median   plain %8.1f us       engine %8.1f us       added %.1f us (ratio %.2f)%n",
                    plain.rttMedianMicros(), engine.rttMedianMicros(), engine.rttMedianMicros() - plain.rttMedianMicros(),
                    engine.rttMedianMicros() / plain.rttMedianMicros());
            System.out.printf("  TCP RTT p99      plain %8.1f us       engine %8.1f us%n", plain.rttP99Micros(),
                    engine.rttP99Micros());
        }
    }

    private static Figures measure(WireLab lab) throws Exception {
        lab.tcpRoundTrips(500); // warm-up: JIT, caches
        List<Long> rtt = new ArrayList<>(lab.tcpRoundTrips(3000));
        rtt.sort(null);
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rates.add(throughput(lab, 7100 + i));
        }
        rates.sort(null);
        return new Figures(rates.get(1), rtt.get(rtt.size() / 2) / 1e3, rtt.get(rtt.size() * 99 / 100) / 1e3);
    }

    /** Mbit/s of payload b receives from one TCP connection that a fills for 3 s (after 0.5 s). */
    private static double throughput(WireLab lab, int port) throws Exception {
        try (ServerSocket server = lab.b.sockets().serverSocket(port, 50, WireLab.B)) {
            long[] counted = new long[2];
            Thread sink = Thread.ofPlatform().start(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] buf = new byte[256 * 1024];
                    long start = System.nanoTime() + 500_000_000L;
                    long end = start + 3_000_000_000L;
                    long bytes = 0;
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        long now = System.nanoTime();
                        if (now >= start && now < end) {
                            bytes += n;
                        }
                        if (now >= end) {
                            break;
                        }
                    }
                    counted[0] = bytes;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            try (Socket s = lab.a.sockets().socket(WireLab.B, port)) {
                OutputStream out = s.getOutputStream();
                byte[] chunk = new byte[256 * 1024];
                try {
                    while (sink.isAlive()) {
                        out.write(chunk);
                    }
                } catch (java.io.IOException closed) {
                    // the sink hung up
                }
            }
            sink.join();
            return counted[0] * 8 / 3.0 / 1e6;
        }
    }
}
