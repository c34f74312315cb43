package io.netns4j.lab.model;

import java.util.Locale;

/**
 * Something that holds or not on a node of a running lab: what a service's {@code ready:} waits
 * for and what {@code netns4j lab wait LAB NODE CONDITION} waits for. Written as words:
 * {@code tcp:2379} (a TCP port on the node answers a connection), {@code tcp:HOST:2379} or
 * {@code tcp:[fd00::1]:2379} (that address answers), {@code udp:53} (a UDP socket is bound to
 * the port on the node: UDP has no handshake to test), {@code cmd:COMMAND} (the shell command
 * exits 0 inside the node), {@code service:NAME} (the node's service is ready).
 */
public sealed interface Condition {
    /**
     * {@return the condition as it is written ({@link #parse} reads it back)}
     */
    String words();

    /**
     * A TCP connection is accepted: {@code nc -z HOST PORT} from inside the node. With no host,
     * any address the node listens on for the port (127.0.0.1 or ::1 for a wildcard listener).
     *
     * @param host an address or host name, empty for "the node's listener, wherever it is bound"
     * @param port 1 to 65535
     */
    record TcpPort(String host, int port) implements Condition {
        /** Refuses a port outside 1..65535. */
        public TcpPort {
            checkPort(port);
        }

        public String words() {
            return "tcp:" + (host.isEmpty() ? "" : (host.contains(":") ? "[" + host + "]" : host) + ":") + port;
        }
    }

    /**
     * A UDP socket of the node is bound to {@code port} ({@code ss -uln sport = :PORT} inside it).
     *
     * @param port 1 to 65535
     */
    record UdpPort(int port) implements Condition {
        /** Refuses a port outside 1..65535. */
        public UdpPort {
            checkPort(port);
        }

        public String words() {
            return "udp:" + port;
        }
    }

    /**
     * {@code sh -c COMMAND} inside the node exits with status 0.
     *
     * @param command a shell command
     */
    record CommandSucceeds(String command) implements Condition {
        /** Refuses a blank command. */
        public CommandSucceeds {
            if (command.isBlank()) {
                throw new IllegalArgumentException("\"cmd:\" needs a command, e.g. \"cmd:test -e /tmp/ready\"");
            }
        }

        public String words() {
            return "cmd:" + command;
        }
    }

    /**
     * The node's service {@code name} is running and its own readiness checks hold.
     *
     * @param name the service's name
     */
    record ServiceReady(String name) implements Condition {
        public String words() {
            return "service:" + name;
        }
    }

    /**
     * Reads a condition from its words.
     *
     * @param text {@code tcp:PORT}, {@code tcp:HOST:PORT}, {@code file:PATH}, {@code cmd:COMMAND}, ...
     * @return the condition
     * @throws IllegalArgumentException what is wrong and the forms there are
     */
    static Condition parse(String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : s.substring(colon + 1).strip();
        return switch (kind) {
            case "tcp" -> tcp(rest, text);
            case "udp" -> new UdpPort(port(rest, text));
            case "cmd" -> new CommandSucceeds(rest);
            case "service" -> {
                if (!ServiceSpec.isName(rest)) {
                    throw new IllegalArgumentException("\"" + text + "\" does not name a service; write service:NAME");
                }
                yield new ServiceReady(rest);
            }
            default -> throw new IllegalArgumentException("\"" + text + "\" is not a condition; write tcp:PORT,"
                    + " tcp:HOST:PORT, udp:PORT, cmd:COMMAND or service:NAME");
        };
    }

    private static TcpPort tcp(String rest, String text) {
        if (rest.startsWith("[")) {
            int close = rest.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("\"" + text + "\": write an IPv6 address as tcp:[fd00::1]:PORT");
            }
            return new TcpPort(rest.substring(1, close), port(rest.substring(close + 2), text));
        }
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            return new TcpPort("", port(rest, text));
        }
        String host = rest.substring(0, colon);
        if (host.isEmpty() || host.contains(":")) {
            throw new IllegalArgumentException("\"" + text + "\": write tcp:PORT, tcp:HOST:PORT or tcp:[IPV6]:PORT");
        }
        return new TcpPort(host, port(rest.substring(colon + 1), text));
    }

    private static int port(String s, String text) {
        if (!s.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("\"" + text + "\" has no port number; write e.g. tcp:2379");
        }
        int p = Integer.parseInt(s);
        checkPort(p);
        return p;
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }
}
