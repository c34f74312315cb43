package io.netns4j.internal.netlink.route;

/**
 * Route and rule messages captured from iproute2 6.1.0 on Linux 6.18 (x86_64), as hex: one
 * message each, a dump reply one whole datagram. Captured in a scratch namespace where veth0
 * (index 3) had 10.0.0.1/24 and 2001:db8::1/64, with
 * {@code strace -f -xx -s 65535 -e trace=sendmsg,recvmsg,sendto,recvfrom -e write=all -e read=all ip -n NS ...},
 * the commands running in the order listed. Sequence numbers and port ids are as captured
 * ({@code Golden.normaliseRequest} and {@code normaliseReply} take them out); a dump request
 * is cut to its nlmsg_len (ip sends a larger, zero-padded buffer).
 */
public final class RouteGoldens {
    /** {@code ip route add 10.1.0.0/16 src 10.0.0.1 via 10.0.0.2 metric 7 table 1000 dev veth0 mtu lock 1400}. */
    public static final String ROUTE_ADD = """
            60 00 00 00 18 00 05 06 0f 89 0b 6b 00 00 00 00
            02 10 00 00 00 03 00 01 00 00 00 00 08 00 01 00
            0a 01 00 00 08 00 07 00 0a 00 00 01 08 00 05 00
            0a 00 00 02 08 00 06 00 07 00 00 00 08 00 0f 00
            e8 03 00 00 08 00 04 00 03 00 00 00 14 00 08 00
            08 00 02 00 78 05 00 00 08 00 01 00 04 00 00 00
                        """;
    /** {@code ip route add default via 10.0.0.2}. */
    public static final String ROUTE_ADD_DEFAULT = """
            24 00 00 00 18 00 05 06 0f 89 0b 6b 00 00 00 00
            02 00 00 00 fe 03 00 01 00 00 00 00 08 00 05 00
            0a 00 00 02
            """;
    /** {@code ip route add 172.16.0.0/16 nexthop via 10.0.0.2 dev veth0 weight 2 nexthop via 10.0.0.3 dev veth0}. */
    public static final String ROUTE_ADD_MULTIPATH = """
            48 00 00 00 18 00 05 06 0f 89 0b 6b 00 00 00 00
            02 10 00 00 fe 03 00 01 00 00 00 00 08 00 01 00
            ac 10 00 00 24 00 09 00 10 00 00 01 03 00 00 00
            08 00 05 00 0a 00 00 02 10 00 00 00 03 00 00 00
            08 00 05 00 0a 00 00 03
                        """;
    /** {@code ip route add 2001:db8:5::/48 via 2001:db8::2 pref high}. */
    public static final String ROUTE_ADD_IPV6 = """
            4c 00 00 00 18 00 05 06 0f 89 0b 6b 00 00 00 00
            0a 30 00 00 fe 03 00 01 00 00 00 00 14 00 01 00
            20 01 0d b8 00 05 00 00 00 00 00 00 00 00 00 00
            14 00 05 00 20 01 0d b8 00 00 00 00 00 00 00 00
            00 00 00 02 05 00 14 00 01 00 00 00
                        """;
    /** {@code ip route add blackhole 10.9.0.0/16}. */
    public static final String ROUTE_ADD_BLACKHOLE = """
            24 00 00 00 18 00 05 06 0f 89 0b 6b 00 00 00 00
            02 10 00 00 fe 03 00 06 00 00 00 00 08 00 01 00
            0a 09 00 00
            """;
    /** {@code ip route del 10.1.0.0/16 table 1000}. */
    public static final String ROUTE_DELETE = """
            2c 00 00 00 19 00 05 00 0f 89 0b 6b 00 00 00 00
            02 10 00 00 00 00 ff 00 00 00 00 00 08 00 01 00
            0a 01 00 00 08 00 0f 00 e8 03 00 00
            """;
    /** {@code ip route get 10.50.1.1 from 10.0.0.1 oif veth0 mark 5}. */
    public static final String ROUTE_GET = """
            3c 00 00 00 1a 00 01 00 0f 89 0b 6b 00 00 00 00
            02 20 20 00 00 00 00 00 00 10 00 00 08 00 01 00
            0a 32 01 01 08 00 02 00 0a 00 00 01 08 00 04 00
            03 00 00 00 08 00 10 00 05 00 00 00
            """;
    /** The kernel's answer to {@code ip route get 10.50.1.1 from 10.0.0.1 oif veth0 mark 5} (a cached route). */
    public static final String ROUTE_GET_REPLY = """
            78 00 00 00 18 00 00 00 0f 89 0b 6b 59 28 00 00
            02 20 20 00 fe 00 00 01 00 02 00 00 08 00 0f 00
            fe 00 00 00 08 00 01 00 0a 32 01 01 08 00 02 00
            0a 00 00 01 08 00 04 00 03 00 00 00 08 00 05 00
            0a 00 00 02 08 00 10 00 05 00 00 00 08 00 19 00
            00 00 00 00 24 00 0c 00 02 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00
                        """;
    /** The dump request of {@code ip route show}: IPv4, RTA_TABLE main, NLM_F_DUMP. */
    public static final String ROUTE_DUMP_REQUEST = """
            24 00 00 00 1a 00 01 03 15 89 0b 6b 00 00 00 00
            02 00 00 00 00 00 00 00 00 00 00 00 08 00 0f 00
            fe 00 00 00
            """;
    /** One datagram of {@code ip route show}: default via, the kernel's link route, a blackhole and a multipath route. */
    public static final String ROUTE_DUMP = """
            34 00 00 00 18 00 22 00 15 89 0b 6b 26 2a 00 00
            02 00 00 00 fe 03 00 01 00 00 00 00 08 00 0f 00
            fe 00 00 00 08 00 05 00 0a 00 00 02 08 00 04 00
            03 00 00 00 3c 00 00 00 18 00 22 00 15 89 0b 6b
            26 2a 00 00 02 18 00 00 fe 02 fd 01 00 00 00 00
            08 00 0f 00 fe 00 00 00 08 00 01 00 0a 00 00 00
            08 00 07 00 0a 00 00 01 08 00 04 00 03 00 00 00
            2c 00 00 00 18 00 22 00 15 89 0b 6b 26 2a 00 00
            02 10 00 00 fe 03 00 06 00 00 00 00 08 00 0f 00
            fe 00 00 00 08 00 01 00 0a 09 00 00 50 00 00 00
            18 00 22 00 15 89 0b 6b 26 2a 00 00 02 10 00 00
            fe 03 00 01 00 00 00 00 08 00 0f 00 fe 00 00 00
            08 00 01 00 ac 10 00 00 24 00 09 00 10 00 00 01
            03 00 00 00 08 00 05 00 0a 00 00 02 10 00 00 00
            03 00 00 00 08 00 05 00 0a 00 00 03
                        """;
    /** The kernel's refusal of {@code ip route add 10.5.0.0/16 via 192.168.99.1} (no connected route to it). */
    public static final String ROUTE_ERROR_INVALID_GATEWAY = """
            60 00 00 00 02 00 00 02 0f 89 0b 6b 77 28 00 00
            ea ff ff ff 2c 00 00 00 18 00 05 06 0f 89 0b 6b
            00 00 00 00 02 10 00 00 fe 03 00 01 00 00 00 00
            08 00 01 00 0a 05 00 00 08 00 05 00 c0 a8 63 01
            20 00 01 00 4e 65 78 74 68 6f 70 20 68 61 73 20
            69 6e 76 61 6c 69 64 20 67 61 74 65 77 61 79 00
                        """;
    /**
     * {@code ip rule add from 10.0.0.5 to 10.1.0.0/16 pref 1000 fwmark 0x10/0xff iif veth0 oif lo table 5000
     * suppress_prefixlength 0 proto static}.
     */
    public static final String RULE_ADD = """
            70 00 00 00 20 00 05 06 0f 89 0b 6b 00 00 00 00
            02 10 20 00 00 00 00 01 00 00 00 00 08 00 02 00
            0a 00 00 05 08 00 01 00 0a 01 00 00 08 00 06 00
            e8 03 00 00 08 00 0a 00 10 00 00 00 08 00 10 00
            ff 00 00 00 0a 00 03 00 76 65 74 68 30 00 00 00
            07 00 11 00 6c 6f 00 00 08 00 0f 00 88 13 00 00
            08 00 0e 00 00 00 00 00 05 00 15 00 04 00 00 00
                        """;
    /** {@code ip rule del pref 1000}. */
    public static final String RULE_DELETE = """
            24 00 00 00 21 00 05 00 0f 89 0b 6b 00 00 00 00
            02 00 00 00 00 00 00 00 00 00 00 00 08 00 06 00
            e8 03 00 00
                        """;
    /** {@code ip rule add not from 10.0.0.9 blackhole pref 50}. */
    public static final String RULE_ADD_BLACKHOLE = """
            2c 00 00 00 20 00 05 06 0f 89 0b 6b 00 00 00 00
            02 00 20 00 00 00 00 06 02 00 00 00 08 00 02 00
            0a 00 00 09 08 00 06 00 32 00 00 00
                        """;
    /** The dump request of {@code ip rule show}: IPv4, NLM_F_DUMP. */
    public static final String RULE_DUMP_REQUEST = """
            1c 00 00 00 22 00 01 03 15 89 0b 6b 00 00 00 00
            02 00 00 00 00 00 00 00 00 00 00 00
            """;
    /** One datagram of {@code ip rule show}: local, the blackhole rule above, main, default, then NLMSG_DONE. */
    public static final String RULE_DUMP = """
            34 00 00 00 20 00 02 00 15 89 0b 6b 2e 2a 00 00
            02 00 00 00 ff 00 00 01 00 00 00 00 08 00 0f 00
            ff 00 00 00 08 00 0e 00 ff ff ff ff 05 00 15 00
            02 00 00 00 44 00 00 00 20 00 02 00 15 89 0b 6b
            2e 2a 00 00 02 00 20 00 00 00 00 06 02 00 00 00
            08 00 0f 00 00 00 00 00 08 00 0e 00 ff ff ff ff
            05 00 15 00 00 00 00 00 08 00 06 00 32 00 00 00
            08 00 02 00 0a 00 00 09 3c 00 00 00 20 00 02 00
            15 89 0b 6b 2e 2a 00 00 02 00 00 00 fe 00 00 01
            00 00 00 00 08 00 0f 00 fe 00 00 00 08 00 0e 00
            ff ff ff ff 05 00 15 00 02 00 00 00 08 00 06 00
            fe 7f 00 00 3c 00 00 00 20 00 02 00 15 89 0b 6b
            2e 2a 00 00 02 00 00 00 fd 00 00 01 00 00 00 00
            08 00 0f 00 fd 00 00 00 08 00 0e 00 ff ff ff ff
            05 00 15 00 02 00 00 00 08 00 06 00 ff 7f 00 00
            14 00 00 00 03 00 02 00 15 89 0b 6b 2e 2a 00 00
            00 00 00 00
                        """;

    private RouteGoldens() {
    }
}
