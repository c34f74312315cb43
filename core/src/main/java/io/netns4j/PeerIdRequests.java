package io.netns4j;

import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.internal.netlink.NetlinkMessage;
import io.netns4j.internal.netlink.route.NsidMessage;
import io.netns4j.internal.netlink.route.Rtnl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The nsid requests behind {@link Netns}'s peer-id methods (moved out to keep Netns short). */
final class PeerIdRequests {
    private PeerIdRequests() {
    }

    static OptionalInt peerId(Netns self, Netns peer) throws NetnsException {
        int f = peer.acquire();
        try {
            byte[] req = NsidMessage.request().withFd(f).encode(Rtnl.RTM_GETNSID, 0);
            NsidMessage reply = NsidMessage.decode(self.routeSocket().request(req));
            Integer id = reply.nsid();
            return id == null || id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
        } finally {
            peer.release();
        }
    }

    static int assignPeerId(Netns self, Netns peer, int nsid) throws NetnsException {
        int f = peer.acquire();
        try {
            NsidMessage req = NsidMessage.request().withFd(f).withNsid(nsid);
            self.routeSocket().execute(req.encode(Rtnl.RTM_NEWNSID, 0));
        } finally {
            peer.release();
        }
        return self.peers().idOf(peer).orElseThrow(() -> new NetnsException("The kernel assigned no id to the peer namespace"));
    }

    static List<PeerId> peerIds(Netns self, Integer targetNsid) throws NetnsException {
        NsidMessage req = NsidMessage.request();
        if (targetNsid != null) {
            req = req.withTargetNsid(targetNsid);
        }
        List<PeerId> out = new ArrayList<>();
        for (NetlinkMessage m : self.routeSocket().dump(req.encode(Rtnl.RTM_GETNSID, 0))) {
            if (m.type() == Rtnl.RTM_NEWNSID) {
                NsidMessage n = NsidMessage.decode(m);
                if (n.nsid() != null) {
                    out.add(new PeerId(n.nsid(), n.currentNsid(), null));
                }
            }
        }
        return out;
    }

    static Optional<PeerId> peerIdLookup(Netns self, int nsid, Integer targetNsid) throws NetnsException {
        NsidMessage req = NsidMessage.request().withNsid(nsid);
        if (targetNsid != null) {
            req = req.withTargetNsid(targetNsid);
        }
        NsidMessage reply;
        try {
            reply = NsidMessage.decode(self.routeSocket().request(req.encode(Rtnl.RTM_GETNSID, 0)));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        if (reply.nsid() == null || reply.nsid() < 0) {
            return Optional.empty();
        }
        return Optional.of(new PeerId(reply.nsid(), reply.currentNsid(), null));
    }
}
