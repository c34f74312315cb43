package io.netns4j.lab.model;

import java.util.List;

/**
 * A lab found on the machine by the ownership marks on its namespaces ({@code lab list}).
 *
 * @param name the lab's name
 * @param namespaces its namespaces ({@code <lab>-<node>}), sorted
 */
public record LabSummary(String name, List<String> namespaces) {
    /** Copies the names (the record is immutable). */
    public LabSummary {
        namespaces = List.copyOf(namespaces);
    }
}
