package io.netns4j.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers of netns4j-core (docs/architecture.md, "Layers"), checked on the compiled main
 * classes so that they cannot rot. Bottom up: errors and value types; the native layer; the
 * netlink codec and transport; one package per kernel object; the firewall and its iptables
 * translator; the namespace handle ({@code io.netns4j}) on top. Arrows point down only, and
 * no package cycle exists anywhere.
 */
class CoreArchitectureTest {
    private static final String ROOT = "io.netns4j";
    private static final String[] OBJECTS = {"io.netns4j.link..", "io.netns4j.address..", "io.netns4j.route..",
            "io.netns4j.rule..", "io.netns4j.neighbour..", "io.netns4j.qdisc..", "io.netns4j.filter.."};
    private static final String[] INTERNAL = {"io.netns4j.internal.."};
    private static final String[] FIREWALL = {"io.netns4j.firewall.."};

    private static JavaClasses core;

    @BeforeAll
    static void importMainClasses() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
        assertTrue(core.size() > 150, "the main classes were imported: " + core.size());
        assertTrue(core.contain("io.netns4j.Netns") && !core.contain("io.netns4j.arch.CoreArchitectureTest"));
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.netns4j.(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void errorsDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.netns4j.error..")
                .should().dependOnClassesThat().resideInAnyPackage(without("io.netns4j.error..")).check(core);
    }

    @Test
    void valueTypesUseOnlyErrors() {
        noClasses().that().resideInAPackage("io.netns4j.types..")
                .should().dependOnClassesThat().resideInAnyPackage(without("io.netns4j.error..", "io.netns4j.types.."))
                .check(core);
    }

    @Test
    void internalsNeverReachUpIntoTheApi() {
        noClasses().that().resideInAPackage("io.netns4j.internal..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(new String[] {ROOT}, OBJECTS, FIREWALL))
                .check(core);
    }

    @Test
    void theNativeLayerKnowsNoNetlink() {
        noClasses().that().resideInAPackage("io.netns4j.internal.sys..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netns4j.internal.netlink..",
                        "io.netns4j.internal.rtnl..", "io.netns4j.internal.json..", "io.netns4j.internal.text..")
                .check(core);
    }

    @Test
    void theCodecIsPureData() {
        noClasses().that().resideInAPackage("io.netns4j.internal.netlink..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netns4j.internal.sys..", "io.netns4j.internal.rtnl..")
                .check(core);
    }

    @Test
    void objectsNeverSeeTheHandleNorTheFirewall() {
        noClasses().that().resideInAnyPackage(OBJECTS)
                .should().dependOnClassesThat().resideInAnyPackage(concat(new String[] {ROOT}, FIREWALL))
                .check(core);
    }

    @Test
    void objectsDependOnEachOtherOnlyDownwards() {
        // link is the lowest object; address uses link and route; rule uses route; neighbour
        // uses address; qdisc uses link; filter uses qdisc (the clsact hooks) and link
        noClasses().that().resideInAPackage("io.netns4j.link..").should().dependOnClassesThat()
                .resideInAnyPackage(without(OBJECTS, "io.netns4j.link..")).check(core);
        noClasses().that().resideInAPackage("io.netns4j.route..").should().dependOnClassesThat()
                .resideInAnyPackage(without(OBJECTS, "io.netns4j.route..")).check(core);
        noClasses().that().resideInAPackage("io.netns4j.rule..").should().dependOnClassesThat()
                .resideInAnyPackage(without(OBJECTS, "io.netns4j.rule..", "io.netns4j.route..")).check(core);
        noClasses().that().resideInAPackage("io.netns4j.address..").should().dependOnClassesThat()
                .resideInAnyPackage(without(OBJECTS, "io.netns4j.address..", "io.netns4j.link..", "io.netns4j.route.."))
                .check(core);
        noClasses().that().resideInAPackage("io.netns4j.neighbour..").should().dependOnClassesThat()
                .resideInAnyPackage(without(OBJECTS, "io.netns4j.neighbour..", "io.netns4j.address..",
                        "io.netns4j.link..", "io.netns4j.route.."))
                .check(core);
        noClasses().that().resideInAPackage("io.netns4j.qdisc..").should().dependOnClassesThat()
                .resideInAnyPackage(without(OBJECTS, "io.netns4j.qdisc..", "io.netns4j.link..")).check(core);
        noClasses().that().resideInAPackage("io.netns4j.filter..").should().dependOnClassesThat()
                .resideInAnyPackage(without(OBJECTS, "io.netns4j.filter..", "io.netns4j.qdisc..", "io.netns4j.link.."))
                .check(core);
    }

    @Test
    void theFirewallSitsBesideTheObjectsBelowTheHandle() {
        noClasses().that().resideInAPackage("io.netns4j.firewall..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(new String[] {ROOT}, OBJECTS)).check(core);
        noClasses().that().resideInAPackage("io.netns4j.firewall")
                .should().dependOnClassesThat().resideInAPackage("io.netns4j.firewall.iptables..").check(core);
    }

    @Test
    void onlyTheJsonReaderOfTheFirewallAndTheHandlesUseInternalsOfOtherLayers() {
        // shell words are for iptables lines only; the JSON reader for nft's output only
        noClasses().that().resideInAnyPackage(OBJECTS)
                .should().dependOnClassesThat().resideInAnyPackage("io.netns4j.internal.json..", "io.netns4j.internal.text..")
                .check(core);
    }

    private static final String[] ALL = {"io.netns4j", "io.netns4j.error..", "io.netns4j.types..", "io.netns4j.internal..",
            "io.netns4j.link..", "io.netns4j.address..", "io.netns4j.route..", "io.netns4j.rule..",
            "io.netns4j.neighbour..", "io.netns4j.qdisc..", "io.netns4j.filter..", "io.netns4j.firewall.."};

    /** Our packages other than {@code allowed}. */
    private static String[] without(String... allowed) {
        return java.util.Arrays.stream(ALL).filter(p -> !java.util.List.of(allowed).contains(p)).toArray(String[]::new);
    }

    private static String[] without(String[] from, String... allowed) {
        return java.util.Arrays.stream(from).filter(p -> !java.util.List.of(allowed).contains(p)).toArray(String[]::new);
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
