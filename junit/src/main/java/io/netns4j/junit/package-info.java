/**
 * The JUnit Jupiter extension for labs: {@link io.netns4j.junit.LabTest} on a test class gives it a
 * lab (per class or per method, under a unique name), {@link io.netns4j.junit.Node} picks a node
 * for a parameter, and after each test every partition is healed, every impairment put back as
 * declared and every paused or stopped service running again.
 */
package io.netns4j.junit;
