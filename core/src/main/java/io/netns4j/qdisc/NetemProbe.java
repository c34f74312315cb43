package io.netns4j.qdisc;

import io.netns4j.error.NetnsException;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.Netlink;
import io.netns4j.internal.netlink.route.TcMessage;
import io.netns4j.internal.rtnl.NetlinkSocket;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.ErrnoException;
import io.netns4j.internal.sys.Failures;
import io.netns4j.internal.sys.NamespaceThreads;

/** {@link Qdiscs#netemAvailable()}: asks the kernel for netem in a throw-away namespace. */
final class NetemProbe {
    private NetemProbe() {
    }

    /**
     * The probe: a root netem on lo (index 1 in every namespace)
     * without TCA_OPTIONS, which netem refuses with EINVAL (netem_init wants options) and a
     * kernel without netem with ENOENT "Specified qdisc kind is unknown".
     */
    static byte[] request() {
        MessageBuilder b = TcMessage.request(TcMessage.RTM_NEWQDISC, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, 1, 0,
                TcMessage.TC_H_ROOT);
        b.attrString(TcMessage.TCA_KIND, "netem");
        return b.build();
    }

    static boolean run() throws NetnsException {
        try {
            return NamespaceThreads.callInNew(() -> {
                try (NetlinkSocket s = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 10_000)) {
                    s.execute(request());
                    return true; // a netem that takes no options: it lived in the throw-away namespace only
                } catch (NetnsException e) {
                    if (Qdiscs.kindUnknown(e)) {
                        return false;
                    }
                    if (e.errno() == Errno.EINVAL) {
                        return true;
                    }
                    throw e;
                }
            });
        } catch (NetnsException e) {
            throw e;
        } catch (ErrnoException e) {
            throw Failures.of(e, "Cannot make a throw-away network namespace to look for netem");
        } catch (Exception e) {
            throw new NetnsException("Looking for netem failed: " + e);
        }
    }
}
