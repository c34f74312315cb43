package io.netns4j.lab.model;

import java.util.List;

/** A lab found on the machine by the ownership marks on its namespaces ({@code lab list}). */
public record LabSummary(String name, List<String> namespaces) {
    public LabSummary {
        namespaces = List.copyOf(namespaces);
    }
}
