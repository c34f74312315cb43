package io.netns4j.bench;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.LinkMessage;
import io.netns4j.internal.netlink.route.Rtnl;
import io.netns4j.internal.rtnl.NetlinkSocket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One netlink request and its reply, read-only. On a socket in the benchmark's own
 * namespace: RTM_GETLINK of {@code lo} (index 1) pre-encoded, and encoded plus decoded; on
 * the public API: {@link Netns#peers()} (one RTM_GETNSID) for a {@code bench-} namespace.
 * The peer is one {@code ip link show lo} process per operation, as a Java program without
 * netns4j would get the same answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NetlinkRoundTripBenchmark {
    private NetlinkSocket socket;
    private byte[] getLo;
    private Netns current;
    private Netns peer;
    private String peerName;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        try {
            socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 5000);
            getLo = LinkMessage.request(1, List.of()).encode(Rtnl.RTM_GETLINK, 0);
            peerName = BenchNamespaces.track("rtt-peer");
            peer = NetnsRegistry.system().add(peerName);
            current = Netns.current();
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
        if (current != null) {
            current.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (peerName != null) {
            BenchNamespaces.deleteQuietly(peerName);
        }
    }

    /** Send a pre-encoded RTM_GETLINK for lo, receive and split the reply. */
    @Benchmark
    public NetlinkMessage getLinkLo() throws Exception {
        return socket.request(getLo);
    }

    /** The same, with the request encoded and the reply decoded to a LinkMessage. */
    @Benchmark
    public String getLinkLoDecoded() throws Exception {
        byte[] req = LinkMessage.request(1, List.of()).encode(Rtnl.RTM_GETLINK, 0);
        return LinkMessage.decode(socket.request(req)).name();
    }

    /** Public API: Netns.peerId, one RTM_GETNSID round trip on the namespace's route socket. */
    @Benchmark
    public OptionalInt peerId() throws Exception {
        return current.peers().idOf(peer);
    }

    /** Peer: one {@code ip link show lo} process, output discarded. */
    @Benchmark
    public int ipProcessLinkShowLo() throws Exception {
        return BenchNamespaces.ip("link", "show", "lo");
    }
}
