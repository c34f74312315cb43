/**
 * netns4j-junit: the JUnit 5 extension for labs (to come; it will export
 * {@code io.netns4j.junit}), and histories with their linearizability checker.
 */
module io.netns4j.junit {
    requires io.netns4j.lab;

    exports io.netns4j.junit.history;
    exports io.netns4j.junit.check;
}
