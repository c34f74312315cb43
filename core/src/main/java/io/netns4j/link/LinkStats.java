package io.netns4j.link;

/**
 * A link's counters (IFLA_STATS64, struct rtnl_link_stats64, and IFLA_CARRIER_CHANGES), as
 * {@code ip -s -s link show} prints them.
 *
 * @param rxBytes            bytes received
 * @param rxPackets          packets received
 * @param rxErrors           receive errors
 * @param rxDropped          received packets dropped
 * @param rxOverErrors       receive ring overruns ({@code overrun} in {@code ip -s -s})
 * @param rxMissed           packets missed by the device ({@code missed})
 * @param multicast          multicast packets received ({@code mcast})
 * @param txBytes            bytes sent
 * @param txPackets          packets sent
 * @param txErrors           transmit errors
 * @param txDropped          packets dropped on transmit
 * @param txCarrierErrors    carrier errors on transmit ({@code carrier})
 * @param collisions         collisions ({@code collsns})
 * @param rxLengthErrors     frames of a wrong length ({@code length})
 * @param rxCrcErrors        frames with a bad checksum ({@code crc})
 * @param rxFrameErrors      frame alignment errors ({@code frame})
 * @param rxFifoErrors       receive FIFO overruns ({@code fifo})
 * @param rxCompressed       compressed packets received
 * @param rxNohandler        packets dropped for want of a protocol handler ({@code nohandler})
 * @param rxOtherhostDropped packets for another host dropped ({@code otherhost}; 0 on kernels before 5.19)
 * @param txAbortedErrors    transmissions aborted ({@code aborted})
 * @param txFifoErrors       transmit FIFO errors ({@code fifo})
 * @param txWindowErrors     late collisions ({@code window})
 * @param txHeartbeatErrors  heartbeat (SQE) errors ({@code heartbt})
 * @param txCompressed       compressed packets sent
 * @param carrierChanges     how many times the carrier came or went ({@code transns}), or null when not sent
 */
public record LinkStats(long rxBytes, long rxPackets, long rxErrors, long rxDropped, long rxOverErrors,
                        long rxMissed, long multicast, long txBytes, long txPackets, long txErrors, long txDropped,
                        long txCarrierErrors, long collisions, long rxLengthErrors, long rxCrcErrors,
                        long rxFrameErrors, long rxFifoErrors, long rxCompressed, long rxNohandler,
                        long rxOtherhostDropped, long txAbortedErrors, long txFifoErrors, long txWindowErrors,
                        long txHeartbeatErrors, long txCompressed, Long carrierChanges) {
}
