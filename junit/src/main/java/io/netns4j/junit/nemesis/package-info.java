/**
 * Jepsen's nemesis for labs: {@link io.netns4j.junit.nemesis.Faults} (partitions of every shape,
 * one-way grudges, impairments, kill, pause, restart of services), each with its undo, put on a
 * running lab by a {@link io.netns4j.junit.nemesis.Nemesis} by hand, for a duration, or on a
 * seeded schedule, with every fault window recorded in a history.
 */
package io.netns4j.junit.nemesis;
