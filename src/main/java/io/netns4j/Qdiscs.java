package io.netns4j;

import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.TcMessage;
import io.netns4j.internal.netlink.route.qdisc.PschedClock;
import io.netns4j.internal.netlink.route.qdisc.TbfEncoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The queueing disciplines of one namespace: {@code tc -n NS qdisc ...}. Rate limits use tbf,
 * encoded as tc encodes it (including the rate table), with the scheduler clock read from
 * {@code /proc/net/psched} as tc reads it.
 */
public final class Qdiscs {
    private static final int TCA_TBF_PARMS = 1;
    private static final int TCA_TBF_RATE64 = 4;
    private final Netns ns;

    private Qdiscs(Netns ns) {
        this.ns = ns;
    }

    public static Qdiscs in(Netns ns) {
        return new Qdiscs(ns);
    }

    static PschedClock clock() throws NetnsException {
        try {
            return PschedClock.parse(Files.readString(Path.of("/proc/net/psched")));
        } catch (IOException | RuntimeException e) {
            throw new NotSupportedException("Cannot read /proc/net/psched (the packet scheduler's clock): " + e.getMessage(),
                    0, null);
        }
    }

    /** The RTM_NEWQDISC request for a root tbf on {@code ifindex}, as tc writes it. */
    static byte[] encodeRootTbf(int ifindex, TbfSpec spec, PschedClock clock, int flags) {
        MessageBuilder b = TcMessage.request(TcMessage.RTM_NEWQDISC, flags, ifindex, 0, TcMessage.TC_H_ROOT);
        b.attrString(TcMessage.TCA_KIND, "tbf");
        TbfEncoder.write(b, clock, spec.rate(), spec.burst(), spec.limit(), spec.latencyMicros());
        return b.build();
    }

    /** Equivalent to: {@code tc qdisc add dev DEV root tbf rate R burst B latency L}. */
    public void addRootTbf(String device, TbfSpec spec) throws NetnsException {
        int index = Interfaces.index(ns, device);
        ns.routeSocket().execute(encodeRootTbf(index, spec, clock(), Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    /** Equivalent to: {@code tc qdisc replace dev DEV root tbf ...} (adds or replaces). */
    public void replaceRootTbf(String device, TbfSpec spec) throws NetnsException {
        int index = Interfaces.index(ns, device);
        ns.routeSocket().execute(encodeRootTbf(index, spec, clock(), Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE));
    }

    /** Removes the device's root qdisc, back to the default. Equivalent to: {@code tc qdisc del dev DEV root}. */
    public void deleteRoot(String device) throws NetnsException {
        int index = Interfaces.index(ns, device);
        ns.routeSocket().execute(TcMessage.request(TcMessage.RTM_DELQDISC, 0, index, 0, TcMessage.TC_H_ROOT).build());
    }

    /** All qdiscs. Equivalent to: {@code tc qdisc show}. */
    public List<Qdisc> list() throws NetnsException {
        Map<Integer, String> names = new HashMap<>();
        for (Link l : ns.links().list()) {
            names.put(l.index(), l.name());
        }
        PschedClock clock = clock();
        List<Qdisc> out = new ArrayList<>();
        for (NetlinkMessage m : ns.routeSocket().dump(TcMessage.request(TcMessage.RTM_GETQDISC, 0, 0, 0, 0).build())) {
            if (m.type() != TcMessage.RTM_NEWQDISC) {
                continue;
            }
            TcMessage t = TcMessage.decode(m);
            Qdisc.Tbf tbf = "tbf".equals(t.kind()) ? tbf(t.attributes().nested(TcMessage.TCA_OPTIONS), clock) : null;
            out.add(new Qdisc(t.ifindex(), names.getOrDefault(t.ifindex(), "if" + t.ifindex()), t.kind(), t.handle(),
                    t.parent(), t.info(), tbf));
        }
        return out;
    }

    /** tbf's parameters back in tc's terms: burst from the bucket in ticks, latency from the limit. */
    private static Qdisc.Tbf tbf(Attributes options, PschedClock clock) throws MalformedMessageException {
        byte[] parms = options.bytes(TCA_TBF_PARMS);
        if (parms == null || parms.length < 36) {
            throw new MalformedMessageException("TCA_TBF_PARMS is missing or shorter than struct tc_tbf_qopt");
        }
        ByteBuffer q = ByteBuffer.wrap(parms).order(ByteOrder.nativeOrder());
        long rate = options.has(TCA_TBF_RATE64) ? options.u64(TCA_TBF_RATE64, 0) : Integer.toUnsignedLong(q.getInt(8));
        long limit = Integer.toUnsignedLong(q.getInt(24));
        double bufferUsec = clock.usec(Integer.toUnsignedLong(q.getInt(28)));
        long burst = Math.round(rate * bufferUsec / 1_000_000);
        long latency = Math.round(1_000_000 * (limit / (double) rate) - bufferUsec);
        return new Qdisc.Tbf(rate, burst, latency, limit);
    }
}
