/**
 * Graphs of a lab ({@code netns4j lab graph}): {@link io.netns4j.lab.graph.LabGraph} renders
 * a topology as DOT, Mermaid or a plain listing.
 */
package io.netns4j.lab.graph;
