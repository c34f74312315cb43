/**
 * Histories of client operations as Jepsen models them ({@code jepsen.history}): the
 * thread-safe recorder {@link io.netns4j.junit.history.History}, its entries
 * {@link io.netns4j.junit.history.Op}, and the EDN and JSON files that Jepsen, knossos and
 * elle-cli read ({@link io.netns4j.junit.history.EdnHistory},
 * {@link io.netns4j.junit.history.JsonHistory}). Uses nothing but the JDK.
 */
package io.netns4j.junit.history;
