/**
 * Linearizability checking of histories ({@link io.netns4j.junit.history}) against a model
 * of a register or a compare-and-set register: {@link io.netns4j.junit.check.Linearizability}
 * (the WGL search with Lowe's memoization, as knossos' {@code wgl} and Porcupine), its
 * {@link io.netns4j.junit.check.LinearizabilityResult} and, for a history that is not,
 * a {@link io.netns4j.junit.check.Violation} in words. Uses the history package only.
 */
package io.netns4j.junit.check;
