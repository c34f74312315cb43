package io.netns4j;

import io.netns4j.error.NetnsException;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.http.HttpClient;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

/**
 * Sockets that belong to one namespace, reached as {@link Netns#sockets()}.
 *
 * <p>The rule: a socket belongs to the network namespace of the thread that <em>creates</em>
 * it (the kernel's {@code socket(2)}), for its whole life, whichever thread binds, connects or
 * uses it later. A {@code java.net.Socket} made with {@code new Socket()} has no descriptor
 * until its first bind, connect or option, and an {@code HttpClient} opens its sockets when it
 * sends: code that only <em>constructs</em> them inside {@link Netns#call} does not get
 * sockets inside. Every socket returned here has its descriptor created inside, on a worker
 * that entered the namespace; it may be connected and used from any thread afterwards.
 * Each is also named by a {@link NetnsRegistry#delete(String, java.time.Duration)} that
 * waits in vain while it is open.
 */
public final class NamespaceSockets {
    private final Netns ns;

    NamespaceSockets(Netns ns) {
        this.ns = ns;
    }

    /**
     * An unconnected TCP socket created inside ({@code new Socket()}, descriptor made at once).
     *
     * @return a new unconnected socket whose descriptor belongs to this namespace
     * @throws IOException when the socket cannot be created (e.g. the handle is closed, the namespace cannot be entered)
     */
    public Socket socket() throws IOException {
        return track("a Socket", ns.call(() -> created(new Socket())));
    }

    /**
     * A TCP socket created inside and connected to {@code host:port} ({@code new Socket(host, port)}).
     *
     * @param host the host name or address literal, resolved on the calling thread
     * @param port the remote port, 0 to 65535
     * @return a new connected socket
     * @throws IllegalArgumentException when {@code port} is out of range
     * @throws IOException when the socket cannot be created or the connection fails
     */
    public Socket socket(String host, int port) throws IOException {
        checkPort(port);
        Socket s = socket();
        connect(s, new InetSocketAddress(host, port), null);
        return s;
    }

    /**
     * A TCP socket created inside and connected to {@code address:port}.
     *
     * @param address the remote address, not null
     * @param port the remote port, 0 to 65535
     * @return a new connected socket
     * @throws IllegalArgumentException when {@code port} is out of range
     * @throws IOException when the socket cannot be created or the connection fails
     */
    public Socket socket(InetAddress address, int port) throws IOException {
        checkPort(port);
        Socket s = socket();
        connect(s, new InetSocketAddress(address, port), null);
        return s;
    }

    /**
     * A listening TCP socket on {@code port} (0: any free port) of every address inside ({@code new ServerSocket(port)}).
     *
     * @param port the local port, 0 (any free one) to 65535
     * @return a new bound, listening socket
     * @throws IOException when the socket cannot be created or bound (e.g. the port is in use inside)
     */
    public ServerSocket serverSocket(int port) throws IOException {
        return serverSocket(port, 50, null);
    }

    /**
     * As {@link #serverSocket(int)} with a listen {@code backlog} ({@code new ServerSocket(port, backlog)}).
     *
     * @param port the local port, 0 (any free one) to 65535
     * @param backlog the maximum queue of pending connections (0 or less: the JDK's default, 50)
     * @return a new bound, listening socket
     * @throws IOException when the socket cannot be created or bound
     */
    public ServerSocket serverSocket(int port, int backlog) throws IOException {
        return serverSocket(port, backlog, null);
    }

    /**
     * A listening TCP socket on {@code bindAddress:port} inside (null address: all of them),
     * as {@code new ServerSocket(port, backlog, bindAddress)}.
     *
     * @param port the local port, 0 (any free one) to 65535
     * @param backlog the maximum queue of pending connections (0 or less: the JDK's default, 50)
     * @param bindAddress the local address to bind, or null for all addresses inside
     * @return a new bound, listening socket
     * @throws IllegalArgumentException when {@code port} is out of range
     * @throws IOException when the socket cannot be created or bound
     */
    public ServerSocket serverSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        checkPort(port);
        return track("a ServerSocket on port " + port, ns.call(() -> new ServerSocket(port, backlog, bindAddress)));
    }

    /**
     * A UDP socket bound to a free port of every address inside ({@code new DatagramSocket()}).
     *
     * @return a new bound UDP socket
     * @throws IOException when the socket cannot be created or bound
     */
    public DatagramSocket datagramSocket() throws IOException {
        return datagramSocket(new InetSocketAddress(0));
    }

    /**
     * A UDP socket bound to {@code port} inside ({@code new DatagramSocket(port)}).
     *
     * @param port the local port, 0 (any free one) to 65535
     * @return a new bound UDP socket
     * @throws IllegalArgumentException when {@code port} is out of range
     * @throws IOException when the socket cannot be created or bound
     */
    public DatagramSocket datagramSocket(int port) throws IOException {
        checkPort(port);
        return datagramSocket(new InetSocketAddress(port));
    }

    /**
     * A UDP socket bound to {@code bindAddress} inside (null: left unbound), as {@code new DatagramSocket(bindAddress)}.
     *
     * @param bindAddress the local address and port to bind, or null to leave it unbound
     * @return a new UDP socket whose descriptor belongs to this namespace
     * @throws IOException when the socket cannot be created or bound
     */
    public DatagramSocket datagramSocket(SocketAddress bindAddress) throws IOException {
        return track("a DatagramSocket", ns.call(() -> {
            DatagramSocket d = new DatagramSocket(bindAddress);
            d.getReceiveBufferSize(); // the descriptor exists now even when left unbound
            return d;
        }));
    }

    /**
     * A TCP channel whose socket is created inside ({@code SocketChannel.open()}); connect it from anywhere.
     *
     * @return a new unconnected channel
     * @throws IOException when the socket cannot be created (e.g. the handle is closed, the namespace cannot be entered)
     */
    public SocketChannel openSocketChannel() throws IOException {
        return track("a SocketChannel", ns.call(SocketChannel::open));
    }

    /**
     * A server channel whose socket is created inside ({@code ServerSocketChannel.open()}); bind it from anywhere.
     *
     * @return a new unbound server channel
     * @throws IOException when the socket cannot be created (e.g. the handle is closed, the namespace cannot be entered)
     */
    public ServerSocketChannel openServerSocketChannel() throws IOException {
        return track("a ServerSocketChannel", ns.call(ServerSocketChannel::open));
    }

    /**
     * A UDP channel whose socket is created inside ({@code DatagramChannel.open()}).
     *
     * @return a new unbound datagram channel
     * @throws IOException when the socket cannot be created (e.g. the handle is closed, the namespace cannot be entered)
     */
    public DatagramChannel openDatagramChannel() throws IOException {
        return track("a DatagramChannel", ns.call(() -> DatagramChannel.open()));
    }

    /**
     * A factory whose sockets are created inside (each as {@link #socket()}, then bound and connected as asked).
     *
     * @return a factory bound to this namespace; its methods throw {@code IOException} as the ones here do
     */
    public SocketFactory socketFactory() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                return socket();
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return socket(host, port);
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return bound(new InetSocketAddress(host, port), localHost, localPort);
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return socket(host, port);
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort) throws IOException {
                return bound(new InetSocketAddress(host, port), localHost, localPort);
            }
        };
    }

    /**
     * A factory whose server sockets are created inside (unbound ones too: their descriptor is made at once).
     *
     * @return a factory bound to this namespace; its methods throw {@code IOException} as the ones here do
     */
    public ServerSocketFactory serverSocketFactory() {
        return new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return track("a ServerSocket", ns.call(() -> {
                    ServerSocket s = new ServerSocket();
                    s.getReceiveBufferSize(); // makes the descriptor, here
                    return s;
                }));
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                return serverSocket(port);
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                return serverSocket(port, backlog);
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
                return serverSocket(port, backlog, ifAddress);
            }
        };
    }

    /**
     * An {@code HttpClient} (default settings) whose connections are opened inside; see
     * {@link #httpClient(HttpClient.Builder)}.
     *
     * @return a new client; close it when done
     * @throws IOException when the client or its executor cannot be created inside
     */
    public HttpClient httpClient() throws IOException {
        return httpClient(HttpClient.newBuilder());
    }

    /**
     * An {@code HttpClient} built from {@code builder} whose connections are opened inside.
     * The JDK's client opens its {@code SocketChannel} when it sends, on a thread of its
     * executor or on its selector-manager thread: here the client is built on a worker inside
     * (so the selector-manager thread it starts is created, and lives, inside) with an
     * executor whose 2 threads live inside; an executor set on {@code builder} is replaced.
     * Close the client ({@code close()}, {@code shutdown()}) to end those threads and let the
     * namespace go.
     *
     * @param builder the client's settings, not null; its executor is replaced
     * @return a new client; close it when done
     * @throws IOException when the client or its executor cannot be created inside
     */
    public HttpClient httpClient(HttpClient.Builder builder) throws IOException {
        ExecutorService executor = ns.executor(2);
        try {
            HttpClient client = ns.call(() -> builder.executor(executor).build());
            return track("an HttpClient", new NamespaceHttpClient(ns, client, executor));
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    private Socket bound(InetSocketAddress remote, InetAddress localHost, int localPort) throws IOException {
        checkPort(localPort);
        Socket s = socket();
        connect(s, remote, new InetSocketAddress(localHost, localPort));
        return s;
    }

    private static void connect(Socket s, InetSocketAddress remote, InetSocketAddress local) throws IOException {
        try {
            if (local != null) {
                s.bind(local);
            }
            s.connect(remote);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Makes {@code s}'s descriptor now (a new Socket has none until first use); to be called inside. */
    private static Socket created(Socket s) throws IOException {
        s.getReceiveBufferSize();
        return s;
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid port " + port + " (a port is 0 to 65535; 0 picks a free one)");
        }
    }

    private <T extends Closeable> T track(String what, T socket) throws NetnsException {
        NamespaceId id = ns.id();
        Holders.add(what, socket, NamespaceSockets::isOpen, s -> id);
        return socket;
    }

    private static boolean isOpen(Closeable c) {
        return switch (c) {
            case Socket s -> !s.isClosed();
            case ServerSocket s -> !s.isClosed();
            case DatagramSocket s -> !s.isClosed();
            case java.nio.channels.Channel ch -> ch.isOpen();
            case NamespaceHttpClient h -> !h.isTerminated();
            default -> true;
        };
    }
}
