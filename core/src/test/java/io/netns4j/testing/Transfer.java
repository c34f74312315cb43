package io.netns4j.testing;

import io.netns4j.Netns;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A timed TCP transfer between two namespaces, to measure a rate limit (the only timing check the tests make). */
public final class Transfer {
    private Transfer() {
    }

    /**
     * Payload bytes per second of one TCP transfer of {@code bytes} from {@code from} to
     * {@code toAddress:port} in {@code to}, timed at the receiver from its first read.
     */
    public static double goodput(Netns from, Netns to, String toAddress, int port, long bytes) throws Exception {
        try (ServerSocket listener = to.call(() -> new ServerSocket(port, 1, InetAddress.getByName(toAddress)))) {
            listener.setSoTimeout(10_000);
            CompletableFuture<Double> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept(); InputStream in = s.getInputStream()) {
                    s.setSoTimeout(30_000);
                    byte[] buf = new byte[64 * 1024];
                    int first = in.read(buf);
                    long start = System.nanoTime();
                    long after = 0;
                    for (int n; (n = in.read(buf)) > 0; ) {
                        after += n;
                    }
                    long end = System.nanoTime();
                    if (first + after != bytes) {
                        throw new IllegalStateException((first + after) + " bytes arrived of " + bytes);
                    }
                    return after / ((end - start) / 1e9);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            from.run(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(toAddress, port), 3000);
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    for (long left = bytes; left > 0; left -= chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, left));
                    }
                    s.shutdownOutput();
                    s.getInputStream().read(); // until the server closes: everything was read
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return received.get(60, TimeUnit.SECONDS);
        }
    }
}
