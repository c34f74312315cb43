package io.netns4j.types;

import java.util.Arrays;

/**
 * A link-layer address, written as {@code ip} writes it: {@code 02:42:ac:11:00:02}.
 *
 * @param bytes the address bytes (usually 6), copied on the way in and out
 */
public record MacAddress(byte[] bytes) {
    /** Copies {@code bytes}, so later changes to the caller's array do not show. */
    public MacAddress {
        bytes = bytes.clone();
    }

    /**
     * Parses colon-separated hex bytes: {@code 02:00:00:00:00:01}; any number of bytes, one or two hex digits each.
     *
     * @param text the address
     * @return the address
     * @throws IllegalArgumentException naming the text when a part is empty, longer than two digits or not hex
     */
    public static MacAddress parse(String text) {
        String[] parts = text.split(":", -1);
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 2) {
                throw new IllegalArgumentException("\"" + text + "\" is not a link-layer address (e.g. 02:00:00:00:00:01)");
            }
            try {
                b[i] = (byte) Integer.parseInt(parts[i], 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a link-layer address (e.g. 02:00:00:00:00:01)");
            }
        }
        return new MacAddress(b);
    }

    /**
     * The address bytes.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && Arrays.equals(m.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", bytes[i] & 0xff));
        }
        return sb.toString();
    }
}
