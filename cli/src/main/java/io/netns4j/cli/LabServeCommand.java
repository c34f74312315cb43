package io.netns4j.cli;

import io.netns4j.error.NetnsException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.view.ViewHub;
import io.netns4j.lab.view.ViewServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code netns4j lab serve [NAME...] [--listen HOST:PORT]}: the live view of labs in a
 * browser ({@link ViewServer}), until Ctrl-C or SIGTERM. Without names it shows every lab on
 * the machine and those that come up later. It listens on 127.0.0.1:8040 unless told
 * otherwise and prints the page's address with the token that actions need.
 */
final class LabServeCommand {
    static final String USAGE = "\tnetns4j lab serve [NAME...] [--listen HOST:PORT]";
    static final InetSocketAddress DEFAULT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8040);

    private LabServeCommand() {
    }

    /** What the words ask for, checked before anything is opened. */
    record Request(List<String> labs, InetSocketAddress listen) {
    }

    static Request parse(List<String> words) throws UsageException {
        List<String> labs = new ArrayList<>();
        InetSocketAddress listen = DEFAULT;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--listen") || w.equals("-l")) {
                if (i + 1 >= words.size()) {
                    throw new UsageException("\"--listen\" needs HOST:PORT, e.g. 127.0.0.1:8040:" + USAGE);
                }
                listen = address(words.get(++i));
            } else if (w.startsWith("-")) {
                throw new UsageException("\"lab serve\" has no option \"" + w + "\":" + USAGE);
            } else {
                labs.add(LabCommand.labOperand(w));
            }
        }
        return new Request(List.copyOf(labs), listen);
    }

    /** HOST:PORT, [IPV6]:PORT or :PORT (loopback); the host must be an address, not a name to look up. */
    static InetSocketAddress address(String word) throws UsageException {
        int colon = word.lastIndexOf(':');
        if (colon < 0) {
            throw new UsageException("\"" + word + "\" is not HOST:PORT; write e.g. 127.0.0.1:8040 (port 0: any free one)");
        }
        String host = word.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(word.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("\"" + word.substring(colon + 1) + "\" is not a port (0-65535) in \"" + word + "\"");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.equals("localhost")) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            throw new UsageException("\"" + host + "\" is not an IP address; write e.g. 127.0.0.1 or [::1]");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new UsageException("\"" + host + "\" is not an IP address; write e.g. 127.0.0.1 or [::1]");
        }
    }

    static int run(Context ctx, Request r, Lab.Options options) throws NetnsException {
        ViewHub hub = ViewHub.start(ctx.registry, options, r.labs());
        ViewServer server;
        try {
            server = ViewServer.start(hub, r.listen(), null);
        } catch (IOException e) {
            hub.close();
            ctx.err.println("Cannot listen on " + r.listen() + ": " + e.getMessage()
                    + (r.listen().getPort() == DEFAULT.getPort() ? "; choose another with --listen 127.0.0.1:PORT" : ""));
            return ExitStatus.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        if (!r.listen().getAddress().isLoopbackAddress()) {
            ctx.err.println("warning: listening on " + r.listen().getAddress().getHostAddress() + ", not loopback: anyone"
                    + " who reaches it and has the token can change the labs");
        }
        List<String> labs = hub.labs();
        ctx.out.println("netns4j lab serve: " + (labs.isEmpty() ? "no lab yet (labs that come up are shown)"
                : "lab" + (labs.size() > 1 ? "s " : " ") + String.join(", ", labs)) + (r.labs().isEmpty()
                && !labs.isEmpty() ? ", and labs that come up later" : ""));
        ctx.out.println("open " + server.pageUri());
        ctx.out.println("token (for actions, \"Authorization: Bearer TOKEN\"): " + server.token());
        ctx.out.println("Ctrl-C stops it.");
        ctx.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return ExitStatus.OK;
    }
}
