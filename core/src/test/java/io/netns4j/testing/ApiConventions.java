package io.netns4j.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * The conventions of netns4j's public API (docs/architecture.md, "One style for every request"),
 * as ArchUnit rules over one module's exported types: what a user can reach through the
 * module's unqualified {@code exports}, read from its compiled {@code module-info.class}.
 * Each module's {@code PublicApiConventionsTest} checks them on its own classes.
 *
 * <ul>
 *   <li>immutable values with a factory and {@code withX(...)}: no public {@code build()}, no
 *       {@code setX(...)};</li>
 *   <li>a type with withers is a record or a final class whose instance fields are private, and
 *       each wither returns that type (the fields of the copy-on-write classes, such as
 *       {@code AddressRequest}, are not final: a wither sets them on its fresh copy);</li>
 *   <li>no boxed primitive parameters (a nullable {@code Integer} is a magic value; use an
 *       overload, an {@code OptionalInt} answer or a {@code withAnyX()}), except in a record's
 *       canonical constructor, which the decoders use with null for "not set";</li>
 *   <li>public checked exceptions are {@code NetnsException}s (an {@code IOException} with errno
 *       and the kernel's text), so a caller catches one family.</li>
 * </ul>
 */
public final class ApiConventions {
    private static final Pattern SETTER = Pattern.compile("set[A-Z].*");
    private static final Pattern WITHER = Pattern.compile("with[A-Z].*");
    private static final Set<String> BOXED = Set.of(Integer.class, Long.class, Short.class, Byte.class,
            Character.class, Boolean.class, Double.class, Float.class).stream().map(Class::getName)
            .collect(Collectors.toUnmodifiableSet());
    private static final String NETNS_EXCEPTION = "io.netns4j.error.NetnsException";

    private ApiConventions() {
    }

    /**
     * The public types of one module's exported packages.
     *
     * @param module the module's folder from the project root ({@code core}, {@code lab}, {@code junit})
     * @return its API types, with the classes they use
     */
    public static ApiTypes importApi(String module) {
        Path classes = Path.of(module, "target", "classes");
        Set<String> exported = exportedPackages(classes.resolve("module-info.class"));
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        return new ApiTypes(imported, exported);
    }

    private static Set<String> exportedPackages(Path moduleInfo) {
        try (InputStream in = Files.newInputStream(moduleInfo)) {
            return ModuleDescriptor.read(in).exports().stream()
                    .filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("the module is compiled: " + moduleInfo, e);
        }
    }

    /**
     * One module's classes and which packages it exports.
     *
     * @param classes  the module's compiled main classes
     * @param exported the packages its {@code module-info} exports to everyone
     */
    public record ApiTypes(JavaClasses classes, Set<String> exported) {
        /** @return types a user can name: public, in an exported package, enclosed only by public types */
        public DescribedPredicate<JavaClass> api() {
            return DescribedPredicate.describe("public types of the exported packages " + exported,
                    this::isApi);
        }

        boolean isApi(JavaClass type) {
            if (!exported.contains(type.getPackageName()) || type.isAnonymousClass() || type.isLocalClass()) {
                return false;
            }
            for (JavaClass t = type; t != null; t = t.getEnclosingClass().orElse(null)) {
                if (!t.getModifiers().contains(JavaModifier.PUBLIC)) {
                    return false;
                }
            }
            return true;
        }

        /** @return members a user can call: public or protected, of an API type, not made by the compiler */
        DescribedPredicate<JavaMember> apiMember() {
            return DescribedPredicate.describe("public members of API types", m -> isApi(m.getOwner())
                    && (m.getModifiers().contains(JavaModifier.PUBLIC) || m.getModifiers().contains(JavaModifier.PROTECTED))
                    && !m.getModifiers().contains(JavaModifier.SYNTHETIC)
                    && !m.getModifiers().contains(JavaModifier.BRIDGE));
        }

        /**
         * No {@code build()} and no {@code setX(value)}: values are made by a factory and {@code withX}.
         *
         * @param exempt types allowed to keep a builder, each with its reason in the caller
         * @return the rule
         */
        public ArchRule noBuildersOrSetters(String... exempt) {
            Set<String> allowed = Set.of(exempt);
            return noMethods().that(apiMember())
                    .and(DescribedPredicate.describe("are not in " + allowed, m -> !allowed.contains(m.getOwner().getName())))
                    .should(nameMatching("be called build() or setX(...)",
                            m -> m.getName().equals("build") || isSetter(m)))
                    .because("requests are immutable: a factory names the required parts, withX(...) the rest");
        }

        /** A type with withers is a record or a final class, its instance fields private. */
        public ArchRule withersOnlyOnImmutableTypes() {
            return ArchRuleDefinition.classes().that(api()).and(declareWithers())
                    .should(beImmutable())
                    .because("every withX(...) returns a checked copy and leaves the receiver alone");
        }

        /** {@code withX(...)} returns the type that declares it. */
        public ArchRule withersReturnTheirOwnType() {
            return methods().that(apiMember()).and(instanceWither())
                    .should(returnTheirOwner())
                    .because("a chain of withX calls stays on one value");
        }

        /** No {@code Integer}, {@code Boolean}, ... parameter, except in a record's canonical constructor. */
        public ArchRule noBoxedParameters() {
            return codeUnits().that(apiMember()).and(notACanonicalConstructor())
                    .should(takeNoBoxedPrimitive())
                    .because("null is no value a caller should pass: use a primitive, an overload or withAnyX()");
        }

        /**
         * A public checked exception is a {@code NetnsException}.
         *
         * @param neverThrown exceptions that are only attached to others (as a suppressed or a cause),
         *                    never thrown, so that no caller catches them: exempt
         * @return the rule
         */
        public ArchRule checkedExceptionsAreNetnsExceptions(String... neverThrown) {
            Set<String> exempt = Set.of(neverThrown);
            return ArchRuleDefinition.classes().that(api()).and(DescribedPredicate.describe("are checked exceptions",
                            (JavaClass c) -> c.isAssignableTo(Exception.class) && !c.isAssignableTo(RuntimeException.class)
                                    && !exempt.contains(c.getName())))
                    .should().beAssignableTo(NETNS_EXCEPTION)
                    .because("callers catch one family, which carries errno and the kernel's text");
        }
    }

    private static ArchCondition<JavaMethod> nameMatching(String description,
                                                          java.util.function.Predicate<JavaMethod> bad) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                events.add(new SimpleConditionEvent(method, bad.test(method), method.getFullName()));
            }
        };
    }

    /** A JavaBean setter: {@code setX(value)} on an instance (a static verb such as {@code Lab.setLink} is none). */
    private static boolean isSetter(JavaMethod m) {
        return SETTER.matcher(m.getName()).matches() && m.getRawParameterTypes().size() == 1
                && !m.getModifiers().contains(JavaModifier.STATIC);
    }

    private static DescribedPredicate<JavaClass> declareWithers() {
        return DescribedPredicate.describe("declare withX methods", c -> c.getMethods().stream()
                .anyMatch(m -> isInstanceWither(m) && m.getModifiers().contains(JavaModifier.PUBLIC)));
    }

    private static boolean isInstanceWither(JavaMethod m) {
        return WITHER.matcher(m.getName()).matches() && !m.getModifiers().contains(JavaModifier.STATIC)
                && !m.getModifiers().contains(JavaModifier.SYNTHETIC);
    }

    private static DescribedPredicate<JavaMethod> instanceWither() {
        return DescribedPredicate.describe("are instance withX methods", ApiConventions::isInstanceWither);
    }

    private static ArchCondition<JavaClass> beImmutable() {
        return new ArchCondition<>("be records or final classes with private instance fields") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean finalType = type.isRecord() || type.getModifiers().contains(JavaModifier.FINAL);
                events.add(new SimpleConditionEvent(type, finalType, type.getName() + " is "
                        + (finalType ? "" : "not ") + "a record or a final class"));
                for (JavaField field : type.getFields()) {
                    Set<JavaModifier> mods = field.getModifiers();
                    if (mods.contains(JavaModifier.STATIC)) {
                        continue;
                    }
                    boolean ok = mods.contains(JavaModifier.PRIVATE);
                    events.add(new SimpleConditionEvent(field, ok, field.getFullName() + " is "
                            + (ok ? "" : "not ") + "private"));
                }
            }
        };
    }

    private static ArchCondition<JavaMethod> returnTheirOwner() {
        return new ArchCondition<>("return the type that declares them") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean ok = method.getRawReturnType().equals(method.getOwner());
                events.add(new SimpleConditionEvent(method, ok, method.getFullName() + " returns "
                        + method.getRawReturnType().getName()));
            }
        };
    }

    private static DescribedPredicate<JavaCodeUnit> notACanonicalConstructor() {
        return DescribedPredicate.describe("are not canonical record constructors",
                u -> !(u instanceof JavaConstructor c && isCanonical(c)));
    }

    private static boolean isCanonical(JavaConstructor constructor) {
        JavaClass owner = constructor.getOwner();
        if (!owner.isRecord()) {
            return false;
        }
        RecordComponent[] components = owner.reflect().getRecordComponents();
        return Arrays.stream(components).map(rc -> rc.getType().getName()).toList()
                .equals(constructor.getRawParameterTypes().stream().map(JavaClass::getName).toList());
    }

    private static ArchCondition<JavaCodeUnit> takeNoBoxedPrimitive() {
        return new ArchCondition<>("take no boxed primitive parameter") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                var boxed = unit.getRawParameterTypes().stream().map(JavaClass::getName)
                        .filter(BOXED::contains).toList();
                events.add(new SimpleConditionEvent(unit, boxed.isEmpty(), unit.getFullName()
                        + (boxed.isEmpty() ? " takes no boxed primitive" : " takes " + boxed)));
            }
        };
    }
}
