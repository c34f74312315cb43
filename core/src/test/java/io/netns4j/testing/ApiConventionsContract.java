package io.netns4j.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link ApiConventions} rules as tests, one class per module: a module's
 * {@code PublicApiConventionsTest} extends this and names itself, a class its API must hold, and
 * the exceptions it only attaches to others. One instance per class: the module is imported once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiConventionsContract {
    private final ApiConventions.ApiTypes api;
    private final String[] neverThrown;

    /**
     * Imports the module's compiled API.
     *
     * @param module      the module's folder ({@code core}, {@code lab}, {@code junit})
     * @param mainClass   a class of its API, to show that the classes were found
     * @param neverThrown checked exceptions only attached to others, exempt from the exception rule
     */
    protected ApiConventionsContract(String module, String mainClass, String... neverThrown) {
        this.api = ApiConventions.importApi(module);
        this.neverThrown = neverThrown.clone();
        assertTrue(api.classes().contain(mainClass), "the main classes were imported: " + mainClass);
    }

    /** {@return the module's API types} */
    protected ApiConventions.ApiTypes api() {
        return api;
    }

    /** No public {@code build()} or {@code setX(value)}. */
    @Test
    public void noBuildersOrSetters() {
        api.noBuildersOrSetters().check(api.classes());
    }

    /** Withers only on records and final classes with private fields. */
    @Test
    public void withersOnlyOnImmutableTypes() {
        api.withersOnlyOnImmutableTypes().check(api.classes());
    }

    /** Each wither returns its own type. */
    @Test
    public void withersReturnTheirOwnType() {
        api.withersReturnTheirOwnType().check(api.classes());
    }

    /** No boxed parameter outside a record's canonical constructor. */
    @Test
    public void noBoxedParameters() {
        api.noBoxedParameters().check(api.classes());
    }

    /** Public checked exceptions are NetnsExceptions. */
    @Test
    public void checkedExceptionsAreNetnsExceptions() {
        api.checkedExceptionsAreNetnsExceptions(neverThrown).check(api.classes());
    }
}
