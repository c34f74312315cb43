package io.netns4j.junit.arch;

import io.netns4j.testing.ApiConventionsContract;

/**
 * netns4j-junit's exported API keeps the house conventions of core ({@link ApiConventions}):
 * factories and {@code withX(...)} on immutable values, no {@code build()} or setters, no boxed
 * parameters, checked exceptions that are {@code NetnsException}s.
 */
class PublicApiConventionsTest extends ApiConventionsContract {
    PublicApiConventionsTest() {
        super("junit", "io.netns4j.junit.LabTest");
    }
}
