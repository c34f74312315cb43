package io.netns4j.internal.netlink;


import io.netns4j.error.MalformedMessageException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The body of an NLMSG_ERROR (an ACK when {@code error} is 0) or of the NLMSG_DONE that ends
 * a dump: the negative errno, and the kernel's extended-ACK message and offending-attribute
 * offset when it sent them.
 *
 * @param error      0 for success, otherwise a negative errno
 * @param message    the kernel's text (NLMSGERR_ATTR_MSG), or null
 * @param badOffset  offset of the rejected attribute in the request (NLMSGERR_ATTR_OFFS), or -1
 */
public record NetlinkError(int error, String message, int badOffset) {

    /** Decodes an NLMSG_ERROR or NLMSG_DONE message. */
    public static NetlinkError decode(NetlinkMessage m) throws MalformedMessageException {
        byte[] p = m.payloadView();
        if (p.length < 4) {
            if (m.type() == Netlink.NLMSG_DONE) {
                return new NetlinkError(0, null, -1); // some old kernels send an empty DONE
            }
            throw new MalformedMessageException("error message has " + p.length + " payload bytes, needs 4");
        }
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.nativeOrder());
        int error = b.getInt(0);
        if (!m.hasFlag(Netlink.NLM_F_ACK_TLVS)) {
            return new NetlinkError(error, null, -1);
        }
        int tlvStart;
        if (m.type() == Netlink.NLMSG_DONE) {
            tlvStart = 4;
        } else {
            if (p.length < 4 + Netlink.HEADER_LENGTH) {
                throw new MalformedMessageException("error message too short for the echoed request header");
            }
            long echoed = Integer.toUnsignedLong(b.getInt(4));
            long echoedLength = m.hasFlag(Netlink.NLM_F_CAPPED) ? Netlink.HEADER_LENGTH : echoed;
            if (echoedLength < Netlink.HEADER_LENGTH || 4 + echoedLength > p.length) {
                throw new MalformedMessageException("error message echoes a request of " + echoed
                        + " bytes in a payload of " + p.length);
            }
            tlvStart = Netlink.align(4 + (int) echoedLength);
        }
        Attributes tlvs = tlvStart >= p.length ? Attributes.empty() : Attributes.parse(p, tlvStart, p.length - tlvStart);
        return new NetlinkError(error, tlvs.string(Netlink.NLMSGERR_ATTR_MSG),
                (int) tlvs.u32(Netlink.NLMSGERR_ATTR_OFFS, -1));
    }
}
