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
    /**
     * Whether the options are for {@code ip link set DEV type KIND OPTIONS} rather than for
     * {@code ip link add}: ip then sends every option of the kinds whose current settings it
     * reads first (the tunnels), defaults included, so a kind must not leave its data out.
     *
     * @return true for a change; false (the default) for a new link
     */
    default boolean changing() {
        return false;
    }

    /**
     * Writes an 8-bit attribute.
     *
     * @param type the attribute type (the kind's IFLA_* constant)
     * @param value the value, 0 to 255
     */
    void u8(int type, int value);

    /**
     * Writes a 64-bit attribute.
     *
     * @param type the attribute type
     * @param value the value
     */
    void u64(int type, long value);

    /**
     * Writes a 16-bit attribute in host byte order.
     *
     * @param type the attribute type
     * @param value the value, 0 to 65535
     */
    void u16(int type, int value);

    /**
     * Writes a 32-bit attribute in host byte order.
     *
     * @param type the attribute type
     * @param value the value (read as unsigned by the kernel)
     */
    void u32(int type, int value);

    /**
     * Writes an attribute of raw bytes (values in network byte order are written this way).
     *
     * @param type the attribute type
     * @param value the payload, as is
     */
    void bytes(int type, byte[] value);

    /**
     * Writes a NUL-terminated string attribute.
     *
     * @param type the attribute type
     * @param value the string, written as UTF-8
     */
    void string(int type, String value);

    /**
     * Writes zero bytes of payload with no attribute header, e.g. the {@code struct ifinfomsg} a nest starts with.
     *
     * @param count how many bytes
     */
    void zeros(int count);

    /**
     * Writes a nested attribute (unflagged, as {@code ip} sends it).
     *
     * @param type the attribute type
     * @param body writes the nest's contents
     * @throws NetnsException what {@code body} throws
     */
    void nest(int type, Body body) throws NetnsException;

    /**
     * The index of a device in the namespace the request goes to.
     *
     * @param device the device's name
     * @return its interface index
     * @throws NetnsException when there is no such device ({@link io.netns4j.error.NotFoundException}) or
     * the lookup fails
     */
    int indexOf(String device) throws NetnsException;

    /** Writes the contents of a nest. */
    @FunctionalInterface
    interface Body {
        /**
         * Writes the contents of the nest.
         *
         * @param nested where the nested attributes go
         * @throws NetnsException when a device the contents name cannot be resolved
         */
        void write(LinkKindData nested) throws NetnsException;
    }
}
