package io.netns4j.cli;

import io.netns4j.Netns;
import io.netns4j.error.NetnsException;
import io.netns4j.types.NetnsNames;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code netns NS} arguments the way {@code ip link ... netns} does: a name in the
 * run directory, a path to an nsfs file, or a process id; and closes what it opened. Parsers
 * only {@link #check} the words; commands open them when they run.
 */
final class NamespaceArgs implements AutoCloseable {
    private final Context ctx;
    private final List<Netns> opened = new ArrayList<>();

    NamespaceArgs(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * Checks a {@code netns NS} word without opening anything: a pid is taken as it is, a word
     * with a slash must be a path, anything else a namespace name ({@link NetnsNames}).
     *
     * @return {@code word}
     * @throws IllegalArgumentException naming what is wrong with it (a usage error)
     */
    static String check(String word) {
        if (pid(word) == null) {
            if (word.contains("/")) {
                Path.of(word);
            } else {
                NetnsNames.check(word);
            }
        }
        return word;
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
