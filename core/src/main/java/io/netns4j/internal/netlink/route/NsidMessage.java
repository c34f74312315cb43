package io.netns4j.internal.netlink.route;

import io.netns4j.error.MalformedMessageException;
import io.netns4j.internal.netlink.Attribute;
import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageBuilder;
import io.netns4j.internal.netlink.NetlinkMessage;

import java.util.List;
import java.util.Set;

/**
 * RTM_NEWNSID / RTM_GETNSID / RTM_DELNSID: a {@code struct rtgenmsg} and NETNSA_*
 * attributes. The ids a namespace assigns to its peers ({@code ip netns set},
 * {@code ip netns list-id}). Absent attributes are null; unknown ones are kept in
 * {@code other}.
 */
public record NsidMessage(int family, Integer nsid, Integer pid, Integer fd, Integer targetNsid,
                          Integer currentNsid, List<Attribute> other) {
    static final int NETNSA_NSID = 1;
    static final int NETNSA_PID = 2;
    static final int NETNSA_FD = 3;
    static final int NETNSA_TARGET_NSID = 4;
    static final int NETNSA_CURRENT_NSID = 5;
    private static final Set<Integer> KNOWN = Set.of(NETNSA_NSID, NETNSA_PID, NETNSA_FD, NETNSA_TARGET_NSID,
            NETNSA_CURRENT_NSID);
    /** {@code struct rtgenmsg}: one byte of family, padded to 4. */
    static final int FIXED_HEADER = 1;

    /** The kernel's value for "no id assigned" and, in requests, "pick one for me". */
    public static final int NOT_ASSIGNED = -1;

    public NsidMessage {
        other = List.copyOf(other);
    }

    /** An empty request body, to be filled with the {@code with...} methods. */
    public static NsidMessage request() {
        return new NsidMessage(Rtnl.AF_UNSPEC, null, null, null, null, null, List.of());
    }

    public NsidMessage withNsid(int id) {
        return new NsidMessage(family, id, pid, fd, targetNsid, currentNsid, other);
    }

    public NsidMessage withFd(int namespaceFd) {
        return new NsidMessage(family, nsid, pid, namespaceFd, targetNsid, currentNsid, other);
    }

    public NsidMessage withPid(int processId) {
        return new NsidMessage(family, nsid, processId, fd, targetNsid, currentNsid, other);
    }

    public NsidMessage withTargetNsid(int id) {
        return new NsidMessage(family, nsid, pid, fd, id, currentNsid, other);
    }

    /** Writes this as a message of {@code type} with {@code flags}. */
    public byte[] encode(int type, int flags) {
        MessageBuilder b = new MessageBuilder(type, flags).u8(family).align();
        if (fd != null) {
            b.attrU32(NETNSA_FD, fd);
        }
        if (pid != null) {
            b.attrU32(NETNSA_PID, pid);
        }
        if (nsid != null) {
            b.attrU32(NETNSA_NSID, nsid);
        }
        if (targetNsid != null) {
            b.attrU32(NETNSA_TARGET_NSID, targetNsid);
        }
        if (currentNsid != null) {
            b.attrU32(NETNSA_CURRENT_NSID, currentNsid);
        }
        other.forEach(b::attr);
        return b.build();
    }

    /** Reads an RTM_*NSID message. */
    public static NsidMessage decode(NetlinkMessage m) throws MalformedMessageException {
        Attributes a = m.attributes(FIXED_HEADER);
        return new NsidMessage(Byte.toUnsignedInt(m.payloadView()[0]), boxed(a, NETNSA_NSID), boxed(a, NETNSA_PID),
                boxed(a, NETNSA_FD), boxed(a, NETNSA_TARGET_NSID), boxed(a, NETNSA_CURRENT_NSID), a.except(KNOWN));
    }

    private static Integer boxed(Attributes a, int type) throws MalformedMessageException {
        return a.has(type) ? a.s32(type, 0) : null;
    }
}
