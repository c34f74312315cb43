package io.netns4j.lab.runtime;

import io.netns4j.error.NetnsException;
import io.netns4j.lab.file.TopologyException;
import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.model.Topology;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The file a lab was last built from, kept as {@code /run/netns4j/labs/<lab>.yaml} (next to
 * its lock) so that the next {@code lab up} can compute what changed ({@link io.netns4j.lab.plan.Reconcile}).
 * Written atomically (a temporary file, synced, then renamed over the old one) after a
 * successful {@code lab up}, removed by {@code lab down}. It lives on a tmpfs, like the
 * namespaces it describes. The marks on the namespaces stay the authority on what the lab
 * owns: without this file a lab can still be taken down, only not updated in place.
 */
public final class LabState {
    private LabState() {
    }

    public static Path file(Path directory, String lab) {
        return directory.resolve(lab + ".yaml");
    }

    /**
     * The topology the lab was last built from; empty when there is no state.
     *
     * @throws NetnsException when the state is there but cannot be read or no longer parses
     *                        (say, written by an older netns4j), or names another lab
     */
    public static Optional<Topology> read(Path directory, String lab) throws NetnsException {
        Path f = file(directory, lab);
        String why;
        try {
            Topology t = TopologyFile.parse("state of lab " + lab + " (" + f + ")", Files.readString(f,
                    StandardCharsets.UTF_8));
            if (t.name().equals(lab)) {
                return Optional.of(t);
            }
            why = "it is lab \"" + t.name() + "\"'s";
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (TopologyException e) {
            why = "it no longer reads as a lab file: " + e.getMessage();
        } catch (IOException e) {
            why = e.toString();
        }
        throw new NetnsException("The state of lab \"" + lab + "\" (" + f + ") cannot be used: " + why + "; nothing was"
                + " changed (\"lab down " + lab + "\" removes the lab and its state)");
    }

    public static void write(Path directory, Topology t) throws NetnsException {
        write(file(directory, t.name()), directory.resolve("." + t.name() + ".yaml.tmp"), t);
    }

    /**
     * The file an update is bringing the lab to, written before the update changes anything
     * and removed once it is done or rolled back: one left behind means a {@code lab up} was
     * killed midway, and the next one rolls the lab back to its state first.
     *
     * @param directory the lab directory
     * @param lab the lab's name
     * @return {@code DIR/LAB.pending.yaml}
     */
    public static Path pendingFile(Path directory, String lab) {
        return directory.resolve(lab + ".pending.yaml");
    }

    /**
     * Keeps the file an update is bringing the lab to ({@link #pendingFile}), durably.
     *
     * @param directory the lab directory
     * @param t the new topology (with its source text)
     * @throws NetnsException when it cannot be written
     */
    public static void writePending(Path directory, Topology t) throws NetnsException {
        write(pendingFile(directory, t.name()), directory.resolve("." + t.name() + ".pending.yaml.tmp"), t);
    }

    /**
     * The file of an update that did not finish, if one was left.
     *
     * @param directory the lab directory
     * @param lab the lab's name
     * @return the topology it was bringing the lab to
     * @throws NetnsException when it is there but cannot be read
     */
    public static Optional<Topology> readPending(Path directory, String lab) throws NetnsException {
        Path f = pendingFile(directory, lab);
        try {
            return Optional.of(TopologyFile.parse("unfinished update of lab " + lab + " (" + f + ")",
                    Files.readString(f, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) { // a TopologyException too
            throw new NetnsException("The unfinished update of lab \"" + lab + "\" (" + f + ") cannot be read: " + e
                    + "; \"lab down " + lab + "\" removes the lab");
        }
    }

    /**
     * Removes the file of an update ({@link #pendingFile}).
     *
     * @param directory the lab directory
     * @param lab the lab's name
     * @throws NetnsException when it cannot be removed
     */
    public static void deletePending(Path directory, String lab) throws NetnsException {
        try {
            Files.deleteIfExists(pendingFile(directory, lab));
            Files.deleteIfExists(directory.resolve("." + lab + ".pending.yaml.tmp"));
        } catch (IOException e) {
            throw new NetnsException("Cannot remove " + pendingFile(directory, lab) + ": " + e);
        }
    }

    private static void write(Path f, Path tmp, Topology t) throws NetnsException {
        try {
            Files.createDirectories(f.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.UTF_8.encode(t.source()));
                ch.force(true);
            }
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new NetnsException("Cannot write the lab's state " + f + ": " + e);
        }
    }

    /** Removes the state (and a temporary file a killed write left); whether there was one. */
    public static boolean delete(Path directory, String lab) throws NetnsException {
        try {
            boolean had = Files.deleteIfExists(file(directory, lab));
            deletePending(directory, lab);
            return Files.deleteIfExists(directory.resolve("." + lab + ".yaml.tmp")) | had;
        } catch (IOException e) {
            throw new NetnsException("Cannot remove the lab's state " + file(directory, lab) + ": " + e);
        }
    }
}
