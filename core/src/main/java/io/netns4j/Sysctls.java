package io.netns4j;

import io.netns4j.error.NetnsException;
import io.netns4j.error.NotFoundException;
import io.netns4j.error.PermissionDeniedException;
import io.netns4j.internal.sys.Errno;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The network sysctls of one namespace ({@code net.*}), read and written from a thread
 * inside it: {@code /proc/sys/net} shows the namespace of the thread that opens the file.
 * Other sysctls are machine-wide and refused. Equivalent to
 * {@code ip netns exec NS sysctl -w net.ipv4.ip_forward=1}.
 */
public final class Sysctls {
    private final Netns ns;

    private Sysctls(Netns ns) {
        this.ns = ns;
    }

    /**
     * The sysctls of a namespace.
     *
     * @param ns the namespace, open; it must stay open while this object is used
     * @return the sysctls, read and written from a thread inside {@code ns}
     */
    public static Sysctls in(Netns ns) {
        return new Sysctls(ns);
    }

    /**
     * Reads a sysctl. Equivalent to {@code ip netns exec NS sysctl -n KEY}.
     *
     * @param key a {@code net.*} key (e.g. {@code net.ipv4.ip_forward}); a {@code /} in a level stands
     * for a dot, as in sysctl(8) ({@code net.ipv4.conf.eth0/10.forwarding})
     * @return the value, trimmed
     * @throws IllegalArgumentException when {@code key} is not a {@code net.*} key
     * @throws io.netns4j.error.NotFoundException when there is no such sysctl in the namespace
     * @throws NetnsException when the file cannot be read or the namespace cannot be entered
     */
    public String get(String key) throws NetnsException {
        Path file = file(key);
        return inside(() -> Files.readString(file, StandardCharsets.US_ASCII).strip(), key);
    }

    /**
     * Writes a sysctl. Equivalent to {@code ip netns exec NS sysctl -w KEY=VALUE}.
     *
     * @param key a {@code net.*} key, as for {@link #get}
     * @param value the value, one line
     * @throws IllegalArgumentException when {@code key} is not a {@code net.*} key or {@code value} has a line break
     * @throws io.netns4j.error.NotFoundException when there is no such sysctl in the namespace
     * @throws io.netns4j.error.PermissionDeniedException when the file cannot be written (not root, no CAP_NET_ADMIN)
     * @throws NetnsException when the write fails otherwise (the kernel refuses the value) or the namespace
     * cannot be entered
     */
    public void set(String key, String value) throws NetnsException {
        Path file = file(key);
        if (value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a sysctl value is one line: " + value.strip());
        }
        inside(() -> Files.writeString(file, value + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), key);
    }

    /** As sysctl(8): dots separate levels, and a '/' in a level stands for a dot (eth0/10 is eth0.10). */
    private static Path file(String key) {
        if (!key.startsWith("net.") || key.contains("..") || key.endsWith(".") || key.contains("//")) {
            throw new IllegalArgumentException("\"" + key + "\" is not a network sysctl: only net.* keys belong to"
                    + " a namespace (e.g. net.ipv4.ip_forward)");
        }
        Path p = Path.of("/proc/sys");
        for (String level : key.split("\\.")) {
            String name = level.replace('/', '.');
            if (name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("\"" + key + "\" is not a sysctl key");
            }
            p = p.resolve(name);
        }
        return p;
    }

    private <T> T inside(ThrowingCallable<T, IOException> access, String key) throws NetnsException {
        try {
            return ns.call(access);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("No sysctl \"" + key + "\" in " + ns.describe(), Errno.ENOENT,
                    null);
        } catch (NetnsException e) {
            throw e;
        } catch (java.nio.file.AccessDeniedException e) {
            throw new PermissionDeniedException("Cannot write sysctl \"" + key + "\" in " + ns.describe()
                    + ": permission denied (run as root, or grant CAP_NET_ADMIN)", Errno.EACCES, null);
        } catch (IOException e) {
            throw new NetnsException("Cannot access sysctl \"" + key + "\" in " + ns.describe() + ": " + e.getMessage());
        }
    }
}
