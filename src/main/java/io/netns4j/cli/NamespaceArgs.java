package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.NetnsException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code netns NS} arguments the way {@code ip link ... netns} does: a name in the
 * run directory, a path to an nsfs file, or a process id; and closes what it opened.
 */
final class NamespaceArgs implements AutoCloseable {
    private final Context ctx;
    private final List<Netns> opened = new ArrayList<>();

    NamespaceArgs(Context ctx) {
        this.ctx = ctx;
    }

    /** A handle on {@code word}'s namespace, or null when it is a pid (see {@link #pid}). */
    Netns open(String word) throws NetnsException {
        if (pid(word) != null) {
            return null;
        }
        Netns ns = word.contains("/") ? Netns.openPath(Path.of(word)) : ctx.registry.open(word);
        opened.add(ns);
        return ns;
    }

    /** The pid {@code word} names, or null when it is not all digits. */
    static Long pid(String word) {
        if (word.isEmpty() || !word.chars().allMatch(Character::isDigit) || word.length() > 9) {
            return null;
        }
        return Long.parseLong(word);
    }

    @Override
    public void close() {
        opened.forEach(Netns::close);
    }
}
