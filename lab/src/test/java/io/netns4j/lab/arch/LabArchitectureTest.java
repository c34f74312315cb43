package io.netns4j.lab.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab's stages (docs/architecture.md, "Layers in lab and cli"), checked on the compiled
 * main classes: the model at the bottom; file reading, plans, faults and graphs on the model
 * only; the runtime on top of those; the front door {@code Lab} above all. No cycle; only
 * core's public API (and shell words by qualified export); snakeyaml only in {@code file}.
 */
class LabArchitectureTest {
    private static final String LAB = "io.netns4j.lab";
    private static final List<String> STAGES = List.of("io.netns4j.lab.model..", "io.netns4j.lab.file..",
            "io.netns4j.lab.plan..", "io.netns4j.lab.fault..", "io.netns4j.lab.graph..", "io.netns4j.lab.service..",
            "io.netns4j.lab.runtime..", "io.netns4j.lab.wire..", "io.netns4j.lab.view..");

    private static JavaClasses lab;

    @BeforeAll
    static void importMainClasses() {
        lab = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(LAB);
        assertTrue(lab.contain("io.netns4j.lab.Lab") && lab.contain("io.netns4j.lab.model.Topology"),
                "the main classes were imported");
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.netns4j.lab.(**)").should().beFreeOfCycles().check(lab);
    }

    @Test
    void theModelUsesNoOtherStage() {
        stageUsesOnly("io.netns4j.lab.model..");
    }

    @Test
    void fileReadingPlansFaultsAndGraphsUseOnlyTheModel() {
        stageUsesOnly("io.netns4j.lab.file..", "io.netns4j.lab.model..");
        stageUsesOnly("io.netns4j.lab.plan..", "io.netns4j.lab.model..");
        stageUsesOnly("io.netns4j.lab.fault..", "io.netns4j.lab.model..", "io.netns4j.lab.wire..");
        stageUsesOnly("io.netns4j.lab.graph..", "io.netns4j.lab.model..");
    }

    @Test
    void theSupervisorUsesTheModelAndHostsEngines() {
        stageUsesOnly("io.netns4j.lab.service..", "io.netns4j.lab.model..", "io.netns4j.lab.wire..");
    }

    @Test
    void theUserspaceEngineUsesOnlyTheModel() {
        // the wire sits under the faults: LinkImpairments hands userspace impairments to it
        stageUsesOnly("io.netns4j.lab.wire..", "io.netns4j.lab.model..");
    }

    @Test
    void theRuntimeUsesEverythingButTheFrontDoor() {
        stageUsesOnly("io.netns4j.lab.runtime..", "io.netns4j.lab.model..", "io.netns4j.lab.plan..",
                "io.netns4j.lab.file..", "io.netns4j.lab.fault..", "io.netns4j.lab.service..", "io.netns4j.lab.wire..");
    }

    @Test
    void theLiveViewSitsOnTopAndNothingUsesIt() {
        // a front end, like the CLI: it uses the front door and the stages, and no stage uses it
        noClasses().that().resideOutsideOfPackage("io.netns4j.lab.view..")
                .should().dependOnClassesThat().resideInAPackage("io.netns4j.lab.view..").check(lab);
    }

    @Test
    void onlyTheFileStageReadsYaml() {
        noClasses().that().resideOutsideOfPackage("io.netns4j.lab.file..")
                .should().dependOnClassesThat().resideInAPackage("org.snakeyaml..").check(lab);
    }

    @Test
    void usesOnlyCoresPublicApiAndShellWords() {
        noClasses().that().resideInAPackage("io.netns4j.lab..")
                .should().dependOnClassesThat(resideInAPackage("io.netns4j.internal..")
                        .and(not(resideInAPackage("io.netns4j.internal.text..")))
                        .and(not(resideInAPackage("io.netns4j.internal.json.."))))
                .check(lab);
        // JSON only on the supervisor's control socket, the live view's page, and labs written in code (LabSpec)
        noClasses().that().resideOutsideOfPackage("io.netns4j.lab.service..")
                .and().resideOutsideOfPackage("io.netns4j.lab.view..").and().doNotHaveFullyQualifiedName(
                        "io.netns4j.lab.LabSpec")
                .should().dependOnClassesThat().resideInAPackage("io.netns4j.internal.json..").check(lab);
        noClasses().that().resideInAPackage("io.netns4j.lab..")
                .should().dependOnClassesThat().resideInAPackage("io.netns4j.cli..").check(lab);
    }

    /** Classes of {@code stage} depend on no lab package except {@code allowed} (core is always allowed). */
    private static void stageUsesOnly(String stage, String... allowed) {
        List<String> others = STAGES.stream().filter(s -> !s.equals(stage) && !Arrays.asList(allowed).contains(s)).toList();
        noClasses().that().resideInAPackage(stage)
                .should().dependOnClassesThat(resideInAnyPackage(others.toArray(String[]::new))
                        .or(resideInAPackage(LAB)))
                .check(lab);
    }
}
