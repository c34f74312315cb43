package io.netns4j.bench;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.LinkMessage;
import io.netns4j.internal.netlink.route.Rtnl;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.internal.sys.NamespaceThreads;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dump of every link (RTM_GETLINK, NLM_F_DUMP) in one {@code bench-} namespace holding
 * {@code pairs} veth pairs (2 * pairs + 1 links with lo), made with {@code ip -batch} in
 * setup. The socket is opened inside the namespace. The peer is one
 * {@code ip -n NS -o link show} process per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LinkDumpBenchmark {
    @Param("200")
    public int pairs;

    private String name;
    private Netns ns;
    private NetlinkSocket socket;
    private byte[] dumpRequest;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        try {
            name = BenchNamespaces.track("dump");
            ns = NetnsRegistry.system().add(name);
            List<String> lines = new ArrayList<>(pairs);
            for (int i = 0; i < pairs; i++) {
                lines.add("link add va" + i + " type veth peer name vb" + i);
            }
            BenchNamespaces.ipBatch(name, lines);
            socket = NamespaceThreads.callIn(ns.fileDescriptor(), () -> NetlinkSocket.open(Netlink.NETLINK_ROUTE, 5000));
            dumpRequest = LinkMessage.request(0, List.of()).encode(Rtnl.RTM_GETLINK, 0);
            int links = socket.dump(dumpRequest).size();
            if (links != 2 * pairs + 1) {
                throw new IllegalStateException("expected " + (2 * pairs + 1) + " links in " + name + ", dumped " + links);
            }
        } catch (Exception | Error e) {
            tearDown();
            throw e;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (socket != null) {
            socket.close();
        }
        if (ns != null) {
            ns.close();
        }
        if (name != null) {
            BenchNamespaces.deleteQuietly(name);
        }
    }

    /** Dump and split into messages. */
    @Benchmark
    public List<NetlinkMessage> dump() throws Exception {
        return socket.dump(dumpRequest);
    }

    /** Dump and decode every message to a LinkMessage with its name. */
    @Benchmark
    public int dumpDecoded() throws Exception {
        int chars = 0;
        for (NetlinkMessage m : socket.dump(dumpRequest)) {
            chars += LinkMessage.decode(m).name().length();
        }
        return chars;
    }

    /** Peer: one {@code ip -n NS -o link show} process, output discarded. */
    @Benchmark
    public int ipProcessLinkShow() throws Exception {
        return BenchNamespaces.ip("-n", name, "-o", "link", "show");
    }
}
