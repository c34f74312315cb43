package io.netns4j.lab.wire;

/**
 * What one userspace engine did since it was installed, as netem's {@code tc -s qdisc show} counts.
 *
 * @param received   frames taken from the device's egress (read from the tap)
 * @param sent       frames sent on out of the device (copies included)
 * @param dropped    frames lost: by the loss setting, the queue limit, or a full device queue
 * @param duplicated frames sent twice
 * @param reordered  frames sent at once, ahead of delayed ones (netem's {@code requeues})
 * @param corrupted  frames with one bit flipped
 */
public record EngineCounters(long received, long sent, long dropped, long duplicated, long reordered, long corrupted) {
}
