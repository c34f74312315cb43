package io.netns4j.junit;

import io.netns4j.Netns;
import io.netns4j.NetnsRegistry;
import io.netns4j.error.NetnsException;
import io.netns4j.lab.Lab;
import io.netns4j.lab.LabSpec;
import io.netns4j.lab.LabException;
import io.netns4j.lab.LabRelease;
import io.netns4j.lab.RunningLab;
import io.netns4j.lab.RunningNode;
import io.netns4j.lab.file.TopologyFile;
import io.netns4j.lab.model.Topology;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JUnit Jupiter extension behind {@link LabTest}: brings the lab up (one per class, or per
 * method), resolves {@code RunningLab}, {@code @Node RunningNode} and {@code @Node Netns}
 * parameters, resets faults after each test ({@link FaultReset}), adds a diagnostic dump to a
 * failed test's report ({@link LabDiagnostics}), and takes the lab down. The lab's supervisor
 * runs inside the test JVM; its lab directory is a private temporary directory. Labs left by a
 * killed test JVM are taken down when the next one starts ({@link LabNames}).
 */
public final class LabExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler {
    /** Made by JUnit, from {@code @ExtendWith(LabExtension.class)} on {@link LabTest}. */
    public LabExtension() {
    }

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(LabExtension.class);
    private static final String LAB = "lab";
    private static final String DIRECTORY = "directory";
    /** Per-method labs taken down whose namespaces the kernel is still freeing, in the class's store. */
    private static final String RELEASES = "releases";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> why = whyNot();
        return why.map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("root: labs can be built"));
    }

    /** Why labs cannot run here (not root), or empty. */
    static Optional<String> whyNot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.split("\\s+");
                    if (f.length > 2 && !f[2].equals("0")) {
                        return Optional.of("netns4j labs need root (CAP_SYS_ADMIN and CAP_NET_ADMIN): run the tests"
                                + " as root");
                    }
                }
            }
        } catch (IOException e) {
            return Optional.of("cannot read /proc/self/status (" + e.getMessage() + "): not Linux?");
        }
        return Optional.empty();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!annotation(context).perMethod()) {
            start(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (annotation(context).perMethod()) {
            start(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (annotation(context).perMethod()) {
            stop(context);
        } else {
            RunningLab lab = lab(context);
            if (lab != null) {
                FaultReset.reset(lab);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!annotation(context).perMethod()) {
            stop(context);
            return;
        }
        // per-method labs were taken down without waiting for the kernel: wait for all now
        @SuppressWarnings("unchecked")
        List<LabRelease> releases = context.getStore(STORE).remove(RELEASES, List.class);
        if (releases == null) {
            return;
        }
        List<String> left = new ArrayList<>();
        for (LabRelease r : releases) {
            try {
                r.await(Lab.Options.defaults().deleteWait());
            } catch (LabException e) {
                left.add(e.getMessage());
            }
        }
        if (!left.isEmpty()) {
            throw new LabException(String.join("; ", left), left, null);
        }
    }

    /** A failing test: the lab as it is at the failure (before faults are put back) goes into the report. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
        RunningLab lab = lab(context);
        if (lab != null) {
            String dump = LabDiagnostics.dump(lab);
            context.publishReportEntry("netns4j lab " + lab.name(), dump);
            System.err.println("netns4j: lab " + lab.name() + " when " + context.getDisplayName() + " failed:\n" + dump);
            LabDiagnostics.picture(lab, context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName())
                    .ifPresent(file -> {
                        context.publishReportEntry("netns4j lab view " + lab.name(), file.toString());
                        System.err.println("netns4j: the lab's picture at the failure: " + file.toUri());
                    });
        }
        throw cause;
    }

    private void start(ExtensionContext context) throws Exception {
        NetnsRegistry registry = NetnsRegistry.system();
        Path directory = Files.createTempDirectory("netns4j-junit-");
        Lab.Options options = Lab.Options.defaults().withLockDirectory(directory);
        LabNames.sweepOrphans(registry, Lab.Options.defaults());
        Topology declared = topology(context);
        Topology t = new Topology(LabNames.unique(declared.name()), declared.defaults(), declared.nodes(),
                declared.links());
        context.getStore(STORE).put(DIRECTORY, directory);
        context.getStore(STORE).put(LAB, RunningLab.start(t, registry, options));
    }

    private void stop(ExtensionContext context) throws Exception {
        RunningLab lab = context.getStore(STORE).remove(LAB, RunningLab.class);
        Path directory = context.getStore(STORE).remove(DIRECTORY, Path.class);
        try {
            if (lab != null && annotation(context).perMethod()) {
                // the next test's lab is built while the kernel frees this one; afterAll waits
                LabRelease release = lab.closeLater();
                if (release != null) {
                    @SuppressWarnings("unchecked")
                    List<LabRelease> releases = context.getParent().orElseThrow().getStore(STORE)
                            .getOrComputeIfAbsent(RELEASES, k -> java.util.Collections.synchronizedList(new ArrayList<>()),
                                    List.class);
                    releases.add(release);
                }
            } else if (lab != null) {
                lab.close();
            }
        } finally {
            if (directory != null) {
                try (var files = Files.walk(directory)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** The lab of this test: the method's own, else the class's. */
    private static RunningLab lab(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            RunningLab lab = c.get().getStore(STORE).get(LAB, RunningLab.class);
            if (lab != null) {
                return lab;
            }
        }
        return null;
    }

    private static LabTest annotation(ExtensionContext context) {
        Class<?> c = context.getRequiredTestClass();
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            LabTest a = k.getAnnotation(LabTest.class);
            if (a != null) {
                return a;
            }
        }
        throw new ExtensionConfigurationException("LabExtension on " + c.getName() + " needs @LabTest(file = ...)"
                + " or @LabTest(topology = ...)");
    }

    private static Topology topology(ExtensionContext context) throws Exception {
        LabTest a = annotation(context);
        Class<?> c = context.getRequiredTestClass();
        if (a.file().isEmpty() == a.topology().isEmpty()) {
            throw new ExtensionConfigurationException("@LabTest on " + c.getName() + " takes one of file = \"lab.yaml\""
                    + " (on the class path) or topology = \"staticMethod\"");
        }
        if (!a.file().isEmpty()) {
            String name = a.file().startsWith("/") ? a.file().substring(1) : a.file();
            try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new ExtensionConfigurationException("@LabTest(file = \"" + a.file() + "\"): no such resource on"
                            + " the class path (put it under src/test/resources)");
                }
                return TopologyFile.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Method m;
        try {
            m = c.getDeclaredMethod(a.topology());
        } catch (NoSuchMethodException e) {
            throw new ExtensionConfigurationException("@LabTest(topology = \"" + a.topology() + "\"): " + c.getName()
                    + " has no method " + a.topology() + "() without parameters");
        }
        if (!Modifier.isStatic(m.getModifiers())) {
            throw new ExtensionConfigurationException("@LabTest(topology = \"" + a.topology() + "\"): the method must"
                    + " be static");
        }
        m.setAccessible(true);
        Object o = m.invoke(null);
        return switch (o) {
            case Topology t -> t;
            case LabSpec spec -> spec.topology();
            case null, default -> throw new ExtensionConfigurationException("@LabTest(topology = \"" + a.topology()
                    + "\") returned " + o + "; return a Topology or a LabSpec");
        };
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        return type == RunningLab.class || (type == RunningNode.class || type == Netns.class) && p.isAnnotated(Node.class);
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        RunningLab lab = lab(e);
        if (lab == null) {
            throw new ParameterResolutionException("no lab for " + e.getDisplayName() + " (is @LabTest on the class?)");
        }
        Class<?> type = p.getParameter().getType();
        if (type == RunningLab.class) {
            return lab;
        }
        String name = p.findAnnotation(Node.class).orElseThrow().value();
        try {
            RunningNode node = lab.node(name);
            return type == Netns.class ? node.netns() : node;
        } catch (NetnsException ex) {
            throw new ParameterResolutionException(ex.getMessage(), ex);
        }
    }
}
