package io.netns4j.types;

import java.nio.charset.StandardCharsets;

/** The kernel's rules for interface names (IFNAMSIZ), checked before any system call. */
public final class InterfaceNames {
    /** IFNAMSIZ less the terminating NUL. */
    public static final int MAX_BYTES = 15;

    private InterfaceNames() {
    }

    /**
     * Checks an interface name against the kernel's rules: not empty, at most {@link #MAX_BYTES}
     * bytes of UTF-8, not {@code .} or {@code ..}, no {@code /}, {@code :}, white space or NUL.
     *
     * @param name the name to check
     * @return {@code name}, unchanged
     * @throws IllegalArgumentException naming the problem when {@code name} is null or not usable
     */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Invalid interface name \"\": a name must not be empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("\"" + name + "\" is not a valid interface name: it is " + bytes
                    + " bytes long, the kernel allows " + MAX_BYTES);
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("\"" + name + "\" is not a valid interface name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || c == 0) {
                throw new IllegalArgumentException("\"" + name + "\" is not a valid interface name: it contains '"
                        + (Character.isWhitespace(c) ? "white space" : String.valueOf(c)) + "'");
            }
        }
        return name;
    }
}
