package io.netns4j.lab.service;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The log of one service: {@code <lab>.logs/<node>/<service>.log} under the lab directory, which
 * the service's stdout and stderr are appended to ({@code >>LOG 2>&1}, O_APPEND). The process
 * writes the file itself, so its output survives a supervisor that dies. Size is capped by
 * rotating as logrotate's {@code copytruncate} does: past the cap the file is copied to
 * {@code <service>.log.1} (replacing the older one) and truncated, and the writer, appending,
 * goes on at the new end. A line written between the copy and the truncation is lost; that
 * is the price of never making the service reopen its output.
 */
public final class ServiceLog {
    private final Path file;
    private final long capBytes;

    /**
     * @param file     the log file
     * @param capBytes the size past which {@link #rotateIfFull} rotates it
     */
    public ServiceLog(Path file, long capBytes) {
        this.file = file;
        this.capBytes = capBytes;
    }

    /** Where the log of {@code node}/{@code service} of {@code lab} lives under {@code directory}. */
    public static Path file(Path directory, String lab, String node, String service) {
        return directory.resolve(lab + ".logs").resolve(node).resolve(service + ".log");
    }

    /** The directory of all of a lab's logs. */
    public static Path directory(Path directory, String lab) {
        return directory.resolve(lab + ".logs");
    }

    /** The current log file. */
    public Path file() {
        return file;
    }

    /** Makes the log's directories and the file. */
    public void create() throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }

    /** Appends a line of the supervisor's own ({@code netns4j: service restarted ...}), so the log tells the story. */
    public void note(String line) {
        try {
            Files.writeString(file, "netns4j: " + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a note is a courtesy; the service's own output is what matters
        }
    }

    /** Rotates when the file has grown past the cap; whether it did. */
    public boolean rotateIfFull() throws IOException {
        if (!Files.exists(file) || Files.size(file) <= capBytes) {
            return false;
        }
        Path old = file.resolveSibling(file.getFileName() + ".1");
        Path tmp = file.resolveSibling("." + file.getFileName() + ".1.tmp");
        Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, old, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        return true;
    }

    /** The last {@code n} lines (from the rotated file too when the current one has fewer). */
    public List<String> tail(int n) throws IOException {
        Deque<String> out = new ArrayDeque<>();
        Path old = file.resolveSibling(file.getFileName() + ".1");
        for (Path p : List.of(file, old)) {
            if (out.size() >= n || !Files.exists(p)) {
                continue;
            }
            List<String> lines = lastLines(p, n - out.size());
            for (int i = lines.size() - 1; i >= 0; i--) {
                out.addFirst(lines.get(i));
            }
        }
        return new ArrayList<>(out);
    }

    /** The last {@code n} lines of a file, read from its end (a large log is not read whole). */
    static List<String> lastLines(Path p, int n) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
            long end = f.length();
            long start = end;
            int newlines = 0;
            byte[] buf = new byte[8192];
            while (start > 0 && newlines <= n) {
                int len = (int) Math.min(buf.length, start);
                start -= len;
                f.seek(start);
                f.readFully(buf, 0, len);
                for (int i = 0; i < len; i++) {
                    newlines += buf[i] == '\n' ? 1 : 0;
                }
            }
            byte[] data = new byte[(int) Math.min(end - start, 16L << 20)];
            f.seek(end - data.length);
            f.readFully(data);
            String text = new String(data, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(text.lines().toList());
            return lines.size() > n ? lines.subList(lines.size() - n, lines.size()) : lines;
        }
    }
}
