package io.netns4j.bench;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.firewall.Chain;
import io.netns4j.firewall.Family;
import io.netns4j.firewall.Firewall;
import io.netns4j.firewall.Hook;
import io.netns4j.firewall.Match;
import io.netns4j.firewall.Policy;
import io.netns4j.firewall.Rule;
import io.netns4j.firewall.Ruleset;
import io.netns4j.firewall.Table;
import io.netns4j.firewall.Verdict;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A namespace's whole ruleset of {@code rules} rules (table ip filter, base chain INPUT,
 * rules like {@code iifname "eth3" ip saddr 10.0.3.7 tcp dport 1007 counter accept}),
 * replaced atomically and listed back, in one {@code bench-} namespace:
 * <ul>
 *   <li>{@code applyNetns4j}: {@link Firewall#apply} (flush ruleset + the table, one libnftables batch);</li>
 *   <li>{@code applyNftProcess}: the same script through {@code ip netns exec NS nft -f FILE};</li>
 *   <li>{@code listNetns4j}: {@link Firewall#read} ({@code nft -j list ruleset} parsed into the model);</li>
 *   <li>{@code listTextNetns4j}: the text listing through libnftables, not parsed;</li>
 *   <li>{@code listNftProcess}: {@code ip netns exec NS nft -j list ruleset}, output read and discarded.</li>
 * </ul>
 * Setup checks that both ways install the same rules. Compare apply with apply, list with list.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FirewallBenchmark {
    @Param("1000")
    public int rules;

    private String name;
    private Netns ns;
    private Firewall fw;
    private Ruleset ruleset;
    private Path script;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        try {
            name = BenchNamespaces.track("fw");
            ns = NetnsRegistry.system().add(name);
            fw = Firewall.in(ns);
            ruleset = ruleset(rules);
            script = Files.createTempFile("netns4j-bench-", ".nft");
            Files.writeString(script, "flush ruleset\n" + ruleset.toNft());
            fw.apply(ruleset);
            check("netns4j");
            nftProcess("-f", script.toString());
            check("nft -f");
        } catch (Exception | Error e) {
            tearDown();
            throw e;
        }
    }

    private void check(String who) throws Exception {
        Ruleset read = fw.read();
        if (!read.equals(ruleset)) {
            throw new IllegalStateException(who + " did not install the expected " + rules + " rules in " + name);
        }
    }

    static Ruleset ruleset(int n) {
        List<Rule> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(Rule.of(i % 10 == 9 ? Verdict.DROP : Verdict.ACCEPT, Match.inInterface("eth" + (i % 8)),
                    Match.source("10." + (i / 250 % 250) + "." + (i % 250) + "." + (i % 7 + 1)),
                    Match.destinationPort(i % 2 == 0 ? "tcp" : "udp", 1000 + i), Match.counter()));
        }
        return Ruleset.of(new Table(Family.IP, "filter",
                List.of(Chain.base("INPUT", Hook.filter("input", Policy.ACCEPT)).withRules(list))));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (ns != null) {
            ns.close();
        }
        if (name != null) {
            BenchNamespaces.deleteQuietly(name);
        }
        if (script != null) {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a leftover temporary file
            }
        }
    }

    /** Replaces the ruleset with the library: one libnftables transaction on a namespace worker. */
    @Benchmark
    public Ruleset applyNetns4j() throws Exception {
        fw.apply(ruleset);
        return ruleset;
    }

    /** Peer: {@code ip netns exec NS nft -f FILE} with the same script. */
    @Benchmark
    public int applyNftProcess() throws Exception {
        return nftProcess("-f", script.toString());
    }

    /** Lists the ruleset as JSON and parses it into the model. */
    @Benchmark
    public Ruleset listNetns4j() throws Exception {
        return fw.read();
    }

    /** Lists the ruleset as nft text (no parsing in Java). */
    @Benchmark
    public String listTextNetns4j() throws Exception {
        return fw.run("list ruleset").output();
    }

    /** Peer: {@code ip netns exec NS nft -j list ruleset}, the output read by this JVM and dropped. */
    @Benchmark
    public int listNftProcess() throws Exception {
        return nftProcess("-j", "list", "ruleset");
    }

    private int nftProcess(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name, "nft"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int bytes = p.getInputStream().readAllBytes().length;
        int status = p.waitFor();
        if (status != 0) {
            throw new IOException("nft " + String.join(" ", args) + " exited with " + status);
        }
        return bytes;
    }
}
