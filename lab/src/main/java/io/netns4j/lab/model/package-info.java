/**
 * The lab as records: {@link io.netns4j.lab.model.Topology} (its nodes, links, endpoints,
 * routes, firewalls, impairments), as a file declares it, and what is found on the machine
 * ({@link io.netns4j.lab.model.LabNode}, {@link io.netns4j.lab.model.LabSummary}). No I/O.
 */
package io.netns4j.lab.model;
