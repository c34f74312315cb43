package io.netns4j.link;

import io.netns4j.error.NetnsException;

/**
 * Where a link kind writes its options: the attributes inside IFLA_INFO_DATA of the
 * {@code RTM_NEWLINK} request that {@code ip link add NAME type KIND OPTIONS} sends. The
 * library implements it; each kind's record writes its own part ({@link LinkKind#writeData}),
 * so a kind's options and their encoding live in one file. Attributes go out in call order;
 * a kind that writes nothing gets no IFLA_INFO_DATA at all, as with {@code ip}. Nests are
 * unflagged, as {@code ip} sends them.
 */
public interface LinkKindData {
    /** An 8-bit attribute. */
    void u8(int type, int value);

    /** A 16-bit attribute in host byte order. */
    void u16(int type, int value);

    /** A 32-bit attribute in host byte order. */
    void u32(int type, int value);

    /** An attribute of raw bytes (network byte order values are written this way). */
    void bytes(int type, byte[] value);

    /** A NUL-terminated string attribute. */
    void string(int type, String value);

    /** {@code count} zero bytes of payload, e.g. a {@code struct ifinfomsg} a nest starts with. */
    void zeros(int count);

    /** A nested attribute whose contents {@code body} writes. */
    void nest(int type, Body body) throws NetnsException;

    /** The index of {@code device} in the namespace the request goes to. */
    int indexOf(String device) throws NetnsException;

    /** Writes the contents of a nest. */
    @FunctionalInterface
    interface Body {
        void write(LinkKindData nested) throws NetnsException;
    }
}
