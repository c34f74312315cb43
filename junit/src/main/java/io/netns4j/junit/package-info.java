/**
 * The JUnit 5 extension for labs: a lab per test class or method, faults healed after each
 * test. Filled by the JUnit issue; the module exists so that it lands in its final place.
 */
package io.netns4j.junit;
