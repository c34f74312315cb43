package io.netns4j.testing;

import io.netns4j.Netns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A real TCP exchange between two namespaces the test made, from Java code inside each. */
public final class Tcp {
    private Tcp() {
    }

    /** What the server saw as the client's address; fails when no connection is made. */
    public static InetAddress exchange(Netns serverNs, String serverAddress, Netns clientNs, int port) throws Exception {
        try (ServerSocket listener = serverNs.call(() -> new ServerSocket(port, 4, InetAddress.getByName(serverAddress)))) {
            listener.setSoTimeout(5000);
            CompletableFuture<InetAddress> peer = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    int b = s.getInputStream().read();
                    s.getOutputStream().write(b + 1);
                    return s.getInetAddress();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            int answer = clientNs.call(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getByName(serverAddress), port), 3000);
                    s.setSoTimeout(3000);
                    s.getOutputStream().write(41);
                    return s.getInputStream().read();
                }
            });
            if (answer != 42) {
                throw new AssertionError("the server answered " + answer);
            }
            return peer.get(5, TimeUnit.SECONDS);
        }
    }

    /** Whether a TCP connection to {@code address:port} from inside {@code ns} succeeds within the timeout. */
    public static boolean connects(Netns ns, String address, int port, int timeoutMillis) throws Exception {
        return ns.call(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(address), port), timeoutMillis);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
