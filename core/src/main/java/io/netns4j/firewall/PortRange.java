package io.netns4j.firewall;

/** A port or an inclusive range of ports: {@code 80}, {@code 1000-2000} (iptables: {@code 1000:2000}). */
public record PortRange(int first, int last) implements Comparable<PortRange> {
    public PortRange {
        if (first < 0 || last > 65535 || first > last) {
            throw new IllegalArgumentException("Invalid port range " + first + "-" + last
                    + ": ports go from 0 to 65535, the first not above the last");
        }
    }

    /** One port. */
    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    public boolean single() {
        return first == last;
    }

    /** nft's form: {@code 80} or {@code 1000-2000}. */
    @Override
    public String toString() {
        return single() ? Integer.toString(first) : first + "-" + last;
    }

    @Override
    public int compareTo(PortRange o) {
        return first != o.first ? Integer.compare(first, o.first) : Integer.compare(last, o.last);
    }
}
