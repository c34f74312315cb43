package io.netns4j.cli.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI is a front end: it uses the public API of core and lab, plus the two internals core
 * shares by qualified export (the JSON writer and shell words), and nothing else of theirs.
 */
class CliArchitectureTest {
    private static JavaClasses cli;

    @BeforeAll
    static void importMainClasses() {
        cli = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.netns4j.cli");
        assertTrue(cli.contain("io.netns4j.cli.Main"), "the main classes were imported");
    }

    @Test
    void usesNoInternalsButJsonAndShellWords() {
        noClasses().that().resideInAPackage("io.netns4j.cli..")
                .should().dependOnClassesThat(resideInAPackage("io.netns4j.internal..")
                        .and(not(resideInAnyPackage("io.netns4j.internal.json..", "io.netns4j.internal.text.."))))
                .check(cli);
    }

    @Test
    void theLibraryNeverDependsOnTheCli() {
        JavaClasses library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.netns4j");
        noClasses().that().resideOutsideOfPackage("io.netns4j.cli..")
                .and().resideInAPackage("io.netns4j..")
                .should().dependOnClassesThat().resideInAPackage("io.netns4j.cli..")
                .check(library);
    }
}
