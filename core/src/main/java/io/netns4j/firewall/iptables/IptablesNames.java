package io.netns4j.firewall.iptables;


import io.netns4j.firewall.PortRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Ports, services and protocol numbers as iptables reads and prints them. */
final class IptablesNames {
    private static final Map<String, Integer> PROTOCOL_NUMBERS = Map.ofEntries(Map.entry("hopopt", 0),
            Map.entry("icmp", 1), Map.entry("igmp", 2), Map.entry("tcp", 6), Map.entry("udp", 17),
            Map.entry("dccp", 33), Map.entry("gre", 47), Map.entry("esp", 50), Map.entry("ah", 51),
            Map.entry("ipv6-icmp", 58), Map.entry("sctp", 132), Map.entry("udplite", 136));
    private static volatile Map<String, Object> services;

    private IptablesNames() {
    }

    /** A refusal: {@code PROGRAM: TEXT}. */
    private static IptablesSyntaxException syntax(String program, String text) {
        return new IptablesSyntaxException(program + ": " + text);
    }

    /** {@code 80}, {@code 1000:2000}, {@code :1023}, {@code 1024:}, or a service name from /etc/services. */
    static PortRange portRange(String spec, String protocol, String program) throws IptablesSyntaxException {
        int colon = spec.indexOf(':');
        try {
            if (colon < 0) {
                return PortRange.of(port(spec, protocol));
            }
            int first = colon == 0 ? 0 : port(spec.substring(0, colon), protocol);
            int last = colon == spec.length() - 1 ? 65535 : port(spec.substring(colon + 1), protocol);
            return new PortRange(first, last);
        } catch (IllegalArgumentException e) {
            throw syntax(program, "invalid port/service \"" + spec + "\" specified (a number 0-65535,"
                    + " a service name, or FIRST:LAST)");
        }
    }

    private static int port(String s, String protocol) {
        if (s.matches("\\d{1,5}")) {
            int p = Integer.parseInt(s);
            if (p <= 65535) {
                return p;
            }
        }
        if (services().get(s + "/" + protocol) instanceof Integer p) {
            return p;
        }
        throw new IllegalArgumentException(s);
    }

    /** The service name of {@code port} for {@code protocol}, as iptables -L shows without -n; null if none. */
    static String service(int port, String protocol) {
        return services().get(port + "/" + protocol) instanceof String name ? name : null;
    }

    /** The protocol's number, for iptables 1.8.9's numeric {@code prot} column; -1 when unknown. */
    static int protocolNumber(String name) {
        if (name.matches("\\d+")) {
            return Integer.parseInt(name);
        }
        Integer n = PROTOCOL_NUMBERS.get(name);
        return n != null ? n : -1;
    }

    /** /etc/services both ways: "NAME/PROTO" -> port (Integer), "PORT/PROTO" -> primary name (String). */
    private static Map<String, Object> services() {
        Map<String, Object> s = services;
        if (s == null) {
            s = new HashMap<>();
            try {
                for (String line : Files.readAllLines(Path.of("/etc/services"))) {
                    int hash = line.indexOf('#');
                    String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                    if (f.length < 2 || !f[1].matches("\\d+/[a-z]+")) {
                        continue;
                    }
                    s.putIfAbsent(f[1], f[0]);
                    String proto = f[1].substring(f[1].indexOf('/') + 1);
                    int port = Integer.parseInt(f[1].substring(0, f[1].indexOf('/')));
                    for (int i = 0; i < f.length; i++) {
                        if (i != 1) {
                            s.putIfAbsent(f[i] + "/" + proto, port);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no /etc/services: numbers only
            }
            services = s;
        }
        return s;
    }
}
