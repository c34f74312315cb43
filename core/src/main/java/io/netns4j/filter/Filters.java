package io.netns4j.filter;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.rtnl.Interfaces;
import io.netns4j.internal.rtnl.NamespaceSession;
import io.netns4j.link.Link;
import io.netns4j.link.Links;
import io.netns4j.qdisc.Qdisc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tc filters of one namespace: {@code tc -n NS filter ...}. Filters hang on a clsact qdisc's
 * hooks ({@link io.netns4j.qdisc.Qdiscs#addClsact(String)}); removing that qdisc removes them.
 */
public final class Filters {
    private final NamespaceSession ns;

    private Filters(NamespaceSession ns) {
        this.ns = ns;
    }

    /**
     * The filters of a namespace; {@code Netns.filters()} is the usual way to get them.
     *
     * @param ns the namespace's session (its route socket)
     * @return the facade
     */
    public static Filters of(NamespaceSession ns) {
        return new Filters(ns);
    }

    /**
     * Sends every frame {@code device} would transmit out of {@code target} instead: a u32 filter
     * matching everything on the device's clsact egress hook, with a mirred redirect. Equivalent to:
     * {@code tc filter add dev DEV egress protocol all u32 match u32 0 0 action mirred egress redirect dev TARGET}.
     * The device needs a clsact qdisc first.
     *
     * @param device the device whose egress is taken
     * @param target where the frames go instead (a tap device, say); it must be up for frames to pass
     * @throws io.netns4j.error.NotFoundException when either device does not exist
     * @throws NetnsException when the device has no clsact qdisc or the kernel refuses
     */
    public void addEgressRedirect(String device, String target) throws NetnsException {
        int index = Interfaces.index(ns, device);
        int to = Interfaces.index(ns, target);
        ns.routeSocket().execute(FilterCodec.encodeRedirectAll(index, Qdisc.CLSACT_EGRESS, to,
                Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
    }

    /**
     * The filters on a device's clsact egress hook. Equivalent to: {@code tc filter show dev DEV egress}.
     *
     * @param device the device
     * @return its egress filters in the kernel's order; empty when it has none (or no clsact qdisc)
     * @throws io.netns4j.error.NotFoundException when the device does not exist
     * @throws NetnsException when the dump fails or a reply is malformed
     */
    public List<TcFilter> egress(String device) throws NetnsException {
        int index = Interfaces.index(ns, device);
        Map<Integer, String> names = new HashMap<>();
        for (Link l : Links.of(ns).list()) {
            names.put(l.index(), l.name());
        }
        List<TcFilter> out = new ArrayList<>();
        List<NetlinkMessage> replies;
        try {
            replies = ns.routeSocket().dump(FilterCodec.encodeDump(index, Qdisc.CLSACT_EGRESS));
        } catch (io.netns4j.error.InvalidRequestException noClsact) {
            return out; // EINVAL: the device has no clsact qdisc, so no hook to list
        }
        for (NetlinkMessage m : replies) {
            if (m.type() == FilterCodec.RTM_NEWTFILTER) {
                out.add(FilterCodec.decode(m, names));
            }
        }
        return out;
    }
}
