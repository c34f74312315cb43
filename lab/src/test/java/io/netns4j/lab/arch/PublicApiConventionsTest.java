package io.netns4j.lab.arch;

import io.netns4j.testing.ApiConventionsContract;

/**
 * netns4j-lab's exported API keeps the house conventions of core ({@link ApiConventions}):
 * factories and {@code withX(...)} on immutable values, no {@code build()} or setters, no boxed
 * parameters, checked exceptions that are {@code NetnsException}s.
 */
class PublicApiConventionsTest extends ApiConventionsContract {
    PublicApiConventionsTest() {
        super("lab", "io.netns4j.lab.Lab");
    }
}
