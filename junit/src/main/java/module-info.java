/**
 * netns4j-junit: a JUnit Jupiter extension that gives tests labs of network namespaces
 * ({@code @LabTest}), with faults put back after each test and the lab in a failed test's report;
 * a nemesis for Jepsen-style faults; histories of client operations and their linearizability checker.
 */
module io.netns4j.junit {
    requires transitive io.netns4j.lab;
    requires transitive org.junit.jupiter.api;

    exports io.netns4j.junit;
    exports io.netns4j.junit.nemesis;
    exports io.netns4j.junit.history;
    exports io.netns4j.junit.check;
}
