package io.netns4j.arch;

import io.netns4j.testing.ApiConventions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netns4j-core's exported API keeps the house conventions ({@link ApiConventions}): factories
 * and {@code withX(...)} on immutable values, no {@code build()} or setters, no boxed
 * parameters, checked exceptions that are {@code NetnsException}s.
 */
class PublicApiConventionsTest {
    private static ApiConventions.ApiTypes api;

    @BeforeAll
    static void importApi() {
        api = ApiConventions.importApi("core");
        assertTrue(api.exported().contains("io.netns4j.link") && !api.exported().contains("io.netns4j.internal.json"),
                "unqualified exports only: " + api.exported());
        assertTrue(api.classes().contain("io.netns4j.Netns"), "the main classes were imported");
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
        // CalledFrom only carries the caller's stack as a suppressed exception of what a task threw.
        api.checkedExceptionsAreNetnsExceptions("io.netns4j.CalledFrom").check(api.classes());
    }
}
