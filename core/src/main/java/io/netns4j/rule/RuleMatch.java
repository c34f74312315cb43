package io.netns4j.rule;

/**
 * What a rule selects of a packet's sender and transport, and the selectors that go with them
 * ({@code l3mdev}, {@code tun_id}, {@code realms}): {@code ip rule add uidrange 100-200 ipproto tcp
 * sport 1000-2000 dport 80 ...}. Start with {@link #any()} and add selectors with
 * the {@code withX} methods; give it to a rule with {@link RoutingRule#withMatch(RuleMatch)}.
 * Unset parts match anything: no uid range is -1 to -1, no protocol is 0, no ports are 0 to 0.
 *
 * @param uidStart             the first user id of the socket's owner ({@code uidrange A-B}), or -1 for any
 * @param uidEnd               the last, or -1 for any
 * @param ipProtocol           the IP protocol ({@code ipproto tcp}: 6), 0 for any
 * @param sourcePortStart      the first source port ({@code sport N[-M]}), 0 for any
 * @param sourcePortEnd        the last source port, 0 for any
 * @param destinationPortStart the first destination port ({@code dport N[-M]}), 0 for any
 * @param destinationPortEnd   the last destination port, 0 for any
 * @param l3mdev               {@code l3mdev}: look the route up in the table of the packet's L3 master device
 *                             (a VRF); such a rule has no table of its own
 * @param tunnelId             the tunnel id of the packet's metadata ({@code tun_id}), 0 for any (the kernel's
 *                             "none" too)
 * @param realms               {@code realms [FROM/]TO}: FROM in the upper 16 bits, TO in the lower, 0 for none
 */
public record RuleMatch(long uidStart, long uidEnd, int ipProtocol, int sourcePortStart, int sourcePortEnd,
                        int destinationPortStart, int destinationPortEnd, boolean l3mdev, long tunnelId,
                        long realms) {
    private static final RuleMatch ANY = new RuleMatch(-1, -1, 0, 0, 0, 0, 0, false, 0, 0);

    /**
     * Checks the ranges.
     *
     * @throws IllegalArgumentException when a uid is not -1 or 0 to 4294967295, a port is not 0 to 65535, a
     * protocol not 0 to 255, a range ends before it starts, or realms do not fit 32 bits
     */
    public RuleMatch {
        if ((uidStart == -1) != (uidEnd == -1) || uidStart < -1 || uidEnd > 0xffffffffL || uidEnd < uidStart) {
            throw new IllegalArgumentException("uidrange " + uidStart + "-" + uidEnd
                    + " is not a range of user ids (0 to 4294967295, the first not above the last)");
        }
        if (ipProtocol < 0 || ipProtocol > 255) {
            throw new IllegalArgumentException("ipproto " + ipProtocol + " is not 0 to 255");
        }
        ports(sourcePortStart, sourcePortEnd, "sport");
        ports(destinationPortStart, destinationPortEnd, "dport");
        if (realms < 0 || realms > 0xffffffffL) {
            throw new IllegalArgumentException("realms " + realms + " is not a 32-bit value");
        }
    }

    private static void ports(int start, int end, String word) {
        if (start < 0 || end > 65535 || end < start || (start == 0) != (end == 0)) {
            throw new IllegalArgumentException(word + " " + start + "-" + end
                    + " is not a port range (1 to 65535, the first not above the last)");
        }
    }

    /**
     * Any sender and any transport: what a rule without these words selects.
     *
     * @return the empty selector
     */
    public static RuleMatch any() {
        return ANY;
    }

    /**
     * {@code uidrange START-END}: sockets of these users.
     *
     * @param start the first user id
     * @param end   the last
     * @return a changed copy; this one is unchanged
     */
    public RuleMatch withUidRange(long start, long end) {
        return new RuleMatch(start, end, ipProtocol, sourcePortStart, sourcePortEnd, destinationPortStart,
                destinationPortEnd, l3mdev, tunnelId, realms);
    }

    /**
     * {@code ipproto PROTOCOL}.
     *
     * @param protocol 1 to 255 (6 is tcp, 17 udp), or 0 for any
     * @return a changed copy; this one is unchanged
     */
    public RuleMatch withIpProtocol(int protocol) {
        return new RuleMatch(uidStart, uidEnd, protocol, sourcePortStart, sourcePortEnd, destinationPortStart,
                destinationPortEnd, l3mdev, tunnelId, realms);
    }

    /**
     * {@code sport START[-END]} ({@code sport N} is N to N).
     *
     * @param start the first port, 1 to 65535
     * @param end   the last
     * @return a changed copy; this one is unchanged
     */
    public RuleMatch withSourcePorts(int start, int end) {
        return new RuleMatch(uidStart, uidEnd, ipProtocol, start, end, destinationPortStart, destinationPortEnd, l3mdev,
                tunnelId, realms);
    }

    /**
     * {@code dport START[-END]} ({@code dport N} is N to N).
     *
     * @param start the first port, 1 to 65535
     * @param end   the last
     * @return a changed copy; this one is unchanged
     */
    public RuleMatch withDestinationPorts(int start, int end) {
        return new RuleMatch(uidStart, uidEnd, ipProtocol, sourcePortStart, sourcePortEnd, start, end, l3mdev, tunnelId,
                realms);
    }

    /**
     * {@code l3mdev}: the route is looked up in the table of the packet's L3 master device (a VRF).
     *
     * @return a changed copy; this one is unchanged
     */
    public RuleMatch withL3mdev() {
        return new RuleMatch(uidStart, uidEnd, ipProtocol, sourcePortStart, sourcePortEnd, destinationPortStart,
                destinationPortEnd, true, tunnelId, realms);
    }

    /**
     * {@code tun_id ID}: packets whose tunnel metadata carries this id.
     *
     * @param id the 64-bit id (an unsigned value; 0 is any)
     * @return a changed copy; this one is unchanged
     */
    public RuleMatch withTunnelId(long id) {
        return new RuleMatch(uidStart, uidEnd, ipProtocol, sourcePortStart, sourcePortEnd, destinationPortStart,
                destinationPortEnd, l3mdev, id, realms);
    }

    /**
     * {@code realms FROM/TO} (the route classifier's realms, for {@code rtacct}).
     *
     * @param from the source realm, 0 to 65535 (0: not given)
     * @param to   the destination realm, 0 to 65535
     * @return a changed copy; this one is unchanged
     * @throws IllegalArgumentException when a realm is out of range
     */
    public RuleMatch withRealms(int from, int to) {
        if (from < 0 || from > 0xffff || to < 0 || to > 0xffff) {
            throw new IllegalArgumentException("realms " + from + "/" + to + ": each realm is 0 to 65535");
        }
        return new RuleMatch(uidStart, uidEnd, ipProtocol, sourcePortStart, sourcePortEnd, destinationPortStart,
                destinationPortEnd, l3mdev, tunnelId, ((long) from << 16) | to);
    }

    /**
     * Whether a uid range is set.
     *
     * @return true for {@code uidrange}
     */
    public boolean hasUidRange() {
        return uidStart >= 0;
    }

    /**
     * Whether {@code rule} (a rule the kernel reported) has what this selector asks for, as {@code ip rule
     * show} selects: each part set here must be the rule's exactly.
     *
     * @param rule the rule's own match
     * @return whether it is selected
     */
    public boolean selects(RuleMatch rule) {
        return (!hasUidRange() || (uidStart == rule.uidStart && uidEnd == rule.uidEnd))
                && (ipProtocol == 0 || ipProtocol == rule.ipProtocol)
                && (sourcePortStart == 0 || (sourcePortStart == rule.sourcePortStart && sourcePortEnd == rule.sourcePortEnd))
                && (destinationPortStart == 0 || (destinationPortStart == rule.destinationPortStart
                && destinationPortEnd == rule.destinationPortEnd))
                && (!l3mdev || rule.l3mdev) && (tunnelId == 0 || tunnelId == rule.tunnelId);
    }
}
