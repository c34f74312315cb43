package io.netns4j.lab.file;

import io.netns4j.lab.model.LabRoute;
import io.netns4j.types.InetPrefix;
import io.netns4j.types.InterfaceNames;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Parses the route words a topology file uses: a subset of {@code ip route add}. */
final class RouteWords {
    private RouteWords() {
    }

    static LabRoute parse(String text) {
        String[] w = text.trim().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        InetPrefix dst = w[0].equals("default") ? null : InetPrefix.parse(w[0]);
        if (dst != null && !dst.network().equals(dst)) {
            throw new IllegalArgumentException("\"" + w[0] + "\" has host bits set; the network is " + dst.network());
        }
        List<InetAddress> gateways = new ArrayList<>();
        String dev = null;
        Long metric = null;
        boolean via = false;
        boolean nexthop = false;
        for (int i = 1; i < w.length; i++) {
            String word = w[i];
            if (word.equals("nexthop")) {
                if (via) {
                    throw new IllegalArgumentException("use \"via\" or \"nexthop via\" groups, not both");
                }
                nexthop = true;
                continue;
            }
            if (i + 1 >= w.length) {
                throw new IllegalArgumentException("\"" + word + "\" needs a value");
            }
            String value = w[++i];
            switch (word) {
                case "via" -> {
                    if (via || (!nexthop && !gateways.isEmpty())) {
                        throw new IllegalArgumentException("one \"via\" per route; for several paths write "
                                + "\"nexthop via A nexthop via B\"");
                    }
                    via = !nexthop;
                    try {
                        gateways.add(InetPrefix.parseAddress(value));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("\"" + value + "\" is not an address; to send through an "
                                + "interface write \"dev " + value + "\"");
                    }
                }
                case "dev" -> dev = InterfaceNames.check(value);
                case "metric" -> {
                    try {
                        metric = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("metric \"" + value + "\" is not a number");
                    }
                }
                default -> throw new IllegalArgumentException("\"" + word + "\" is not supported in lab routes "
                        + "(supported: via, dev, metric, nexthop via)");
            }
        }
        if (gateways.isEmpty() && dev == null) {
            throw new IllegalArgumentException("it has neither \"via\" nor \"dev\"");
        }
        boolean v4 = dst != null ? !dst.isIpv6() : gateways.isEmpty() || gateways.getFirst() instanceof Inet4Address;
        for (InetAddress g : gateways) {
            if ((g instanceof Inet4Address) != v4) {
                throw new IllegalArgumentException("gateway " + g.getHostAddress() + " is not of the destination's family");
            }
        }
        if (dst == null) {
            dst = InetPrefix.parse(v4 ? "0.0.0.0/0" : "::/0");
        }
        return new LabRoute(dst, gateways, dev, metric, false);
    }
}
