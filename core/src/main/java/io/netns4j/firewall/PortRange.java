package io.netns4j.firewall;

/**
 * A port or an inclusive range of ports: {@code 80}, {@code 1000-2000} (iptables: {@code 1000:2000}).
 *
 * @param first the first port, 0 to 65535
 * @param last  the last port, {@code first} to 65535
 */
public record PortRange(int first, int last) implements Comparable<PortRange> {
    /**
     * Checks the range.
     *
     * @throws IllegalArgumentException when a port is outside 0 to 65535 or {@code first} is above {@code last}
     */
    public PortRange {
        if (first < 0 || last > 65535 || first > last) {
            throw new IllegalArgumentException("Invalid port range " + first + "-" + last
                    + ": ports go from 0 to 65535, the first not above the last");
        }
    }

    /**
     * One port.
     *
     * @param port 0 to 65535
     * @return the range {@code port-port}
     * @throws IllegalArgumentException when {@code port} is out of range
     */
    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    /**
     * Whether the range is one port.
     *
     * @return whether {@code first == last}
     */
    public boolean single() {
        return first == last;
    }

    /**
     * nft's form.
     *
     * @return {@code 80} or {@code 1000-2000}
     */
    @Override
    public String toString() {
        return single() ? Integer.toString(first) : first + "-" + last;
    }

    /**
     * Orders by first port, then last.
     *
     * @param o another range
     * @return as {@link Comparable#compareTo}
     */
    @Override
    public int compareTo(PortRange o) {
        return first != o.first ? Integer.compare(first, o.first) : Integer.compare(last, o.last);
    }
}
