package org.lcnflow.examples.pluginloading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.plugin.Component;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * The custom-loss jar, as a user would drop it into a plugin folder: found by
 * {@link PluginRegistry#fromDirectory}, loaded through a class loader of its own, and used by name to train
 * an LCN, with no change to any other module. The jar is not on this test's class path.
 */
class CustomLossJarTest {

    private static final String CAUCHY_CLASS = "org.lcnflow.examples.cauchy.CauchyLoss";
    private static final Component DORMAND_PRINCE = new Component("dormand-prince-54",
            Parameters.of(Map.of("rtol", 1e-6, "atol", 1e-9)));
    private static final StopCondition STOP = new StopCondition(2.0, 1e-6, 100_000);

    private static PluginRegistry registry;

    @BeforeAll
    static void loadThePluginFolder() {
        registry = PluginRegistry.fromDirectory(PluginJars.customLossFolder());
    }

    @Test
    void theJarsLossesAreAvailableByNameNextToTheBuiltIns() {
        assertEquals(List.of("cauchy", "generalized-huber", "log-cosh", "lp", "pseudo-huber", "square", "welsch"),
                new ArrayList<>(registry.lossNames()));
        assertEquals("cauchy(c=0.5)", registry.loss("cauchy", Parameters.of(Map.of("c", 0.5))).toString());
        assertEquals("welsch(c=1.0)", registry.loss("welsch", Parameters.empty()).toString());
        assertEquals(Set.of("c"), registry.lossProvider("cauchy").parameters().keySet());
        assertEquals("cauchy: c must be > 0 and finite, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> registry.loss("cauchy", Parameters.of(Map.of("c", "-1")))).getMessage());
    }

    @Test
    void thePluginComesFromAFreshClassLoaderNotFromTheTestClassPath() throws Exception {
        Loss cauchy = registry.loss("cauchy", Parameters.empty());
        ClassLoader pluginLoader = cauchy.getClass().getClassLoader();
        ClassLoader testLoader = getClass().getClassLoader();
        assertNotSame(testLoader, pluginLoader);
        URLClassLoader urls = assertInstanceOf(URLClassLoader.class, pluginLoader);
        assertArrayEquals(new URL[] {PluginJars.customLossJar().toUri().toURL()}, urls.getURLs(),
                "the fresh loader reads the copied jar file and nothing else");
        assertSame(PluginRegistry.class.getClassLoader(), pluginLoader.getParent());
        assertThrows(ClassNotFoundException.class, () -> Class.forName(CAUCHY_CLASS, false, testLoader),
                "the plugin is not on the test class path (surefire excludes it)");
        assertEquals(CAUCHY_CLASS, cauchy.getClass().getName());
        assertInstanceOf(SeparableLoss.class, cauchy, "the plugin implements the one lcn-api the host loaded");
        assertSame(SeparableLoss.class, pluginLoader.loadClass(SeparableLoss.class.getName()));
    }

    @Test
    void trainsAnLcnWithTheCauchyLossByName() {
        FlowRunner runner = new FlowRunner(registry);
        FlowSpec spec = TeacherProblem.spec(new Component("cauchy", Parameters.of(Map.of("c", 1.0))), DORMAND_PRINCE,
                STOP);
        Loss used = runner.prepare(spec).risk().loss();
        assertEquals(CAUCHY_CLASS, used.getClass().getName());
        assertNotSame(getClass().getClassLoader(), used.getClass().getClassLoader());

        FlowRun run = runner.run(spec);
        double initial = run.trajectory().first().loss();
        double last = run.result().value();
        assertTrue(last < 0.5 * initial, "the loss decreased: " + initial + " -> " + last);
        assertTrue(run.diagnostics().monotonicity().isMonotone(), run.diagnostics().monotonicity().toString());
        assertTrue(run.result().stopReason() == StopReason.TIME_LIMIT
                || run.result().stopReason() == StopReason.GRADIENT_TOLERANCE, run.result().toString());
        assertTrue(run.diagnostics().hypotheses().theoremApplies(),
                "analytic, a finite bound h of Lemma 3.6, full-rank data: " + run.diagnostics().hypotheses());
        assertTrue(run.diagnostics().boundedness().holds(), run.diagnostics().boundedness().toString());
    }

    @Test
    void theCauchyLossRecoversTheTeacherWhereTheSquareLossFitsTheOutliers() {
        FlowRunner runner = new FlowRunner(registry);
        double[] teacher = TeacherProblem.teacherFinalFilter();
        FlowRun cauchy = runner.run(TeacherProblem.spec(Component.of("cauchy"), DORMAND_PRINCE, STOP));
        FlowRun square = runner.run(TeacherProblem.spec(Component.of("square"), DORMAND_PRINCE, STOP));
        double cauchyError = TeacherProblem.distance(cauchy.trajectory().last().finalFilter(), teacher);
        double squareError = TeacherProblem.distance(square.trajectory().last().finalFilter(), teacher);
        assertTrue(cauchyError < 0.05, "cauchy recovers the teacher's final filter: error " + cauchyError);
        assertTrue(cauchyError < squareError / 5, "cauchy error " + cauchyError + " vs square error " + squareError);
    }

    @Test
    void theWelschLossRunsAndIsReportedAsGivingNoBound() {
        FlowRun run = new FlowRunner(registry).run(TeacherProblem.spec(Component.of("welsch"), DORMAND_PRINCE, STOP));
        assertTrue(run.result().value() < run.trajectory().first().loss());
        assertFalse(run.diagnostics().hypotheses().coerciveBound());
        assertTrue(run.diagnostics().hypotheses().failures().stream().anyMatch(f -> f.contains("welsch(c=1.0)")),
                run.diagnostics().hypotheses().failures().toString());
    }

    @Test
    void theJarHoldsOnlyThePluginAndItsClassesReferenceNothingOfLcnFlowButTheApi() throws IOException {
        Set<String> referenced = new TreeSet<>();
        List<String> outside = new ArrayList<>();
        String services;
        try (JarFile jar = new JarFile(PluginJars.customLossJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith("org/lcnflow/") && !name.startsWith("org/lcnflow/examples/")) {
                    outside.add(name);
                }
                if (name.endsWith(".class")) {
                    referenced.addAll(lcnFlowPackagesReferencedBy(jar, entry));
                }
            }
            services = new String(jar.getInputStream(jar.getEntry(PluginJars.LOSS_SERVICES)).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        assertEquals(List.of(), outside, "no lcn-flow class but the plugin's own is packed into the jar");
        assertEquals(Set.of("api", "examples"), referenced,
                "the plugin's classes use lcn-api and themselves, nothing of lcn-core, lcn-losses or lcn-integrators");
        assertEquals("org.lcnflow.examples.cauchy.CauchyLossProvider\norg.lcnflow.examples.cauchy.WelschLossProvider\n",
                services);
    }

    /** The packages {@code org/lcnflow/<package>/} named in a class file's constant pool. */
    private static Set<String> lcnFlowPackagesReferencedBy(JarFile jar, JarEntry entry) throws IOException {
        String text;
        try (InputStream in = jar.getInputStream(entry)) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        Set<String> packages = new TreeSet<>();
        Matcher matcher = Pattern.compile("org/lcnflow/([a-z]+)/").matcher(text);
        while (matcher.find()) {
            packages.add(matcher.group(1));
        }
        return packages;
    }
}
