/**
 * netns4j-lab: declarative labs of network namespaces. Exported: the front door
 * ({@code io.netns4j.lab.Lab}, one method per {@code netns4j lab} verb), the lab as records
 * ({@code model}), lab files and their checks ({@code file}), plans ({@code plan}), faults
 * ({@code fault}), the userspace impairment engine ({@code wire}), graphs ({@code graph}) and the live view in the browser ({@code view}). How a lab is built, kept, locked and found on the
 * machine ({@code runtime}) is sealed.
 */
module io.netns4j.lab {
    requires transitive io.netns4j.core;
    requires org.snakeyaml.engine.v2;
    requires jdk.httpserver; // lab serve: the live view

    exports io.netns4j.lab;
    exports io.netns4j.lab.model;
    exports io.netns4j.lab.file;
    exports io.netns4j.lab.plan;
    exports io.netns4j.lab.fault;
    exports io.netns4j.lab.wire;
    exports io.netns4j.lab.graph;
    exports io.netns4j.lab.view;
}
