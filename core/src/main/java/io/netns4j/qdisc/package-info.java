/**
 * Queueing disciplines: {@code tc qdisc}, for rate limits and faults.
 * {@link io.netns4j.qdisc.Qdisc} is a qdisc as {@code tc qdisc show} lists it;
 * {@link io.netns4j.qdisc.TbfSpec} is a token bucket (a rate limit) and
 * {@link io.netns4j.qdisc.NetemSpec} a network emulator's faults (delay, jitter, loss,
 * duplication, reordering, an emulated link rate), both encoded byte for byte as tc encodes
 * them; {@link io.netns4j.qdisc.Qdiscs} holds the verbs, reached as {@code Netns.qdiscs()}.
 * {@link io.netns4j.qdisc.TcUnits} and {@link io.netns4j.qdisc.NetemWords} read and write tc's
 * units and words, both as tc reads them and strictly (as lab files take them).
 */
package io.netns4j.qdisc;
