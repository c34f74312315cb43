package io.netns4j.arch;

import io.netns4j.testing.ApiConventionsContract;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netns4j-core's exported API keeps the house conventions ({@link ApiConventions}): factories
 * and {@code withX(...)} on immutable values, no {@code build()} or setters, no boxed
 * parameters, checked exceptions that are {@code NetnsException}s.
 */
class PublicApiConventionsTest extends ApiConventionsContract {
    PublicApiConventionsTest() {
        super("core", "io.netns4j.Netns", "io.netns4j.CalledFrom");
    }

    // CalledFrom (exempt above) only carries the caller's stack as a suppressed exception of what a task threw.

    @Test
    void onlyUnqualifiedExportsAreTheApi() {
        assertTrue(api().exported().contains("io.netns4j.link") && !api().exported().contains("io.netns4j.internal.json"),
                "unqualified exports only: " + api().exported());
    }
}
