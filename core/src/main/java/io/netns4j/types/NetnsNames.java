package io.netns4j.types;

import java.nio.charset.StandardCharsets;

/** The rules {@code ip netns} applies to names, checked before any system call. */
public final class NetnsNames {
    /** The longest name, in bytes of UTF-8 (NAME_MAX, the name is a file in the run directory). */
    public static final int MAX_BYTES = 255;

    private NetnsNames() {
    }

    /**
     * Checks a namespace name as {@code ip netns} does: not empty, no {@code /}, not {@code .} or
     * {@code ..}, no NUL, at most {@link #MAX_BYTES} bytes of UTF-8.
     *
     * @param name the name to check
     * @return {@code name}, unchanged
     * @throws IllegalArgumentException naming the problem when {@code name} is null or not usable
     */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Invalid netns name \"\": a name must not be empty");
        }
        if (name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("Invalid netns name \"" + name + "\": a name must not contain '/'");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("Invalid netns name \"" + name + "\": '.' and '..' are reserved");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Invalid netns name: a name must not contain a NUL byte");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("Invalid netns name \"" + name.substring(0, 16) + "...\": it is "
                    + bytes + " bytes long, the limit is " + MAX_BYTES);
        }
        return name;
    }
}
