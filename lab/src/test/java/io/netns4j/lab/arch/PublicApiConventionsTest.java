package io.netns4j.lab.arch;

import io.netns4j.testing.ApiConventions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netns4j-lab's exported API keeps the house conventions of core ({@link ApiConventions}):
 * factories and {@code withX(...)} on immutable values, no {@code build()} or setters, no boxed
 * parameters, checked exceptions that are {@code NetnsException}s.
 */
class PublicApiConventionsTest {
    private static ApiConventions.ApiTypes api;

    @BeforeAll
    static void importApi() {
        api = ApiConventions.importApi("lab");
        assertTrue(api.classes().contain("io.netns4j.lab.Lab"), "the main classes were imported");
    }

    @Test
    void noBuildersOrSetters() {
        api.noBuildersOrSetters().check(api.classes());
    }

    @Test
    void withersOnlyOnImmutableTypes() {
        api.withersOnlyOnImmutableTypes().check(api.classes());
    }

    @Test
    void withersReturnTheirOwnType() {
        api.withersReturnTheirOwnType().check(api.classes());
    }

    @Test
    void noBoxedParameters() {
        api.noBoxedParameters().check(api.classes());
    }

    @Test
    void checkedExceptionsAreNetnsExceptions() {
        api.checkedExceptionsAreNetnsExceptions().check(api.classes());
    }
}
