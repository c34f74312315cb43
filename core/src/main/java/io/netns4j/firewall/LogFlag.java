package io.netns4j.firewall;

/**
 * What a log line holds beyond the headers: nft's {@code log flags ...}; iptables {@code -j LOG}'s
 * {@code --log-tcp-sequence}, {@code --log-tcp-options}, {@code --log-ip-options}, {@code
 * --log-uid}, {@code --log-macdecode}.
 */
public enum LogFlag {
    /** TCP sequence numbers; iptables {@code --log-tcp-sequence}, nft {@code flags tcp sequence}. */
    TCP_SEQUENCE(0x01, "tcp sequence"),
    /** TCP options; iptables {@code --log-tcp-options}, nft {@code flags tcp options}. */
    TCP_OPTIONS(0x02, "tcp options"),
    /** IP (IPv6: extension header) options; iptables {@code --log-ip-options}, nft {@code flags ip options}. */
    IP_OPTIONS(0x04, "ip options"),
    /** The sending socket's user; iptables {@code --log-uid}, nft {@code flags skuid}. */
    UID(0x08, "skuid"),
    /** The MAC header decoded; iptables {@code --log-macdecode}, nft {@code flags ether}. */
    MACDECODE(0x20, "ether");

    private final int bit;
    private final String nft;

    LogFlag(int bit, String nft) {
        this.bit = bit;
        this.nft = nft;
    }

    /**
     * The kernel's bit (XT_LOG_* / NF_LOG_*).
     *
     * @return 0x01 to 0x20
     */
    public int bit() {
        return bit;
    }

    /**
     * nft's words after {@code flags}.
     *
     * @return e.g. {@code tcp sequence}
     */
    public String nft() {
        return nft;
    }
}
