/**
 * netns4j-junit: the JUnit 5 extension for labs (to come; it will export
 * {@code io.netns4j.junit}).
 */
module io.netns4j.junit {
    requires io.netns4j.lab;
}
