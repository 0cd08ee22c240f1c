package org.lcnflow.examples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.LcnModule;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.plugin.PluginRegistry;

/** The host program run as a user runs it, and its two wirings checked against each other. */
class HostProgramTest {

    private static final String NUMBER = "(-?[0-9.]+e[-+][0-9]+)";

    private static String output;
    private static HostReport withGuice;
    private static HostReport plain;

    @BeforeAll
    static void runMainAndBothWirings() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            HostProgram.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        output = captured.toString(StandardCharsets.UTF_8);
        withGuice = HostProgram.trainWithGuice();
        plain = HostProgram.trainWithoutGuice();
    }

    /** @return the groups of the one match of {@code regex} in the report of the given wiring (0 or 1) */
    private static List<String> find(int report, String regex) {
        String block = output.split("\n\n")[report];
        Matcher matcher = Pattern.compile(regex).matcher(block);
        assertTrue(matcher.find(), () -> "no match of " + regex + " in\n" + block);
        List<String> groups = new java.util.ArrayList<>();
        for (int g = 1; g <= matcher.groupCount(); g++) {
            groups.add(matcher.group(g));
        }
        return groups;
    }

    private static void assertPrinted(double expected, String printed, String what) {
        double value = Double.parseDouble(printed);
        assertEquals(expected, value, 5e-7 * Math.abs(expected), what + " printed as " + printed);
    }

    @Test
    void mainReportsTheNumbersOfTheReturnedObjects() {
        for (int report = 0; report < 2; report++) {
            HostReport expected = report == 0 ? withGuice : plain;
            FlowResult result = expected.run().result();
            List<String> stopped = find(report, "stopped +([A-Z_]+) at t = " + NUMBER + " after ([0-9]+) steps"
                    + " \\(([0-9]+) rejected\\), ([0-9]+) gradient evaluations");
            assertEquals(result.stopReason().name(), stopped.get(0));
            assertPrinted(result.time(), stopped.get(1), "t");
            assertEquals(result.steps(), Long.parseLong(stopped.get(2)));
            assertEquals(result.rejectedSteps(), Long.parseLong(stopped.get(3)));
            assertEquals(result.evaluations(), Long.parseLong(stopped.get(4)));
            List<String> loss = find(report, "loss +" + NUMBER + " -> " + NUMBER);
            assertPrinted(expected.initialLoss(), loss.get(0), "L(w0)");
            assertPrinted(result.value(), loss.get(1), "L");
            assertPrinted(result.gradientNorm(), find(report, "gradient norm +" + NUMBER).get(0), "gradient norm");
            String[] learned = find(report, "learned smoother +\\[([^]]*)]").get(0).split(", ");
            double[] v = expected.learnedSmoother();
            assertEquals(v.length, learned.length);
            for (int i = 0; i < v.length; i++) {
                assertEquals(v[i], Double.parseDouble(learned[i]), 5e-6, "v[" + i + "]");
            }
            assertPrinted(expected.smootherError(), find(report, "smoother error +" + NUMBER).get(0), "error");
            assertPrinted(expected.run().diagnostics().balancedness().largestDrift(),
                    find(report, "largest drift " + NUMBER).get(0), "balancedness drift");
            assertEquals("applies", find(report, "theorem 3.8 +(.*)").get(0));
        }
        assertEquals(String.valueOf(plain.run().result().steps()),
                find(1, "host's observer +saw ([0-9]+) accepted steps").get(0));
        assertTrue(output.contains("wiring: Guice (LcnModule + HostModule"), output);
        assertTrue(output.contains("wiring: plain constructors"), output);
        assertTrue(output.trim().endsWith("both wirings give the same result: yes"), output);
    }

    @Test
    void theHostLearnsItsLegacySmoother() {
        FlowRun run = withGuice.run();
        assertEquals(StopReason.GRADIENT_TOLERANCE, run.result().stopReason());
        assertTrue(withGuice.finalLoss() < 1e-4 * withGuice.initialLoss(), withGuice.initialLoss() + " -> "
                + withGuice.finalLoss());
        assertTrue(withGuice.smootherError() < 1e-3, "error " + withGuice.smootherError());
        assertTrue(run.diagnostics().monotonicity().isMonotone());
        assertTrue(run.diagnostics().boundedness().holds());
        assertTrue(run.diagnostics().balancedness().largestRelativeDrift() < 1e-6);
    }

    @Test
    void bothWiringsGiveTheSameResultAndTheObserverSawEveryStep() {
        assertEquals(withGuice.run().result(), plain.run().result());
        assertEquals(plain.run().result().steps(), plain.observedSteps().getAsLong());
        assertTrue(withGuice.observedSteps().isEmpty());
    }

    @Test
    void theInjectorPublishesTheHostsReadingsNextToThePlugins() {
        Injector injector = Guice.createInjector(new LcnModule(PluginRegistry.load()),
                new HostModule(HostProgram.readings()));
        PluginRegistry registry = injector.getInstance(PluginRegistry.class);
        assertTrue(registry.dataSourceNames().containsAll(List.of(HostModule.DATA_SOURCE, "csv", "synthetic")),
                registry.toString());
        assertTrue(registry.lossNames().contains("square"), registry.toString());
        assertSame(injector.getInstance(SmootherTrainer.class), injector.getInstance(SmootherTrainer.class));
        assertEquals(HostModule.trainingSpec(), injector.getInstance(SmootherTrainer.class).spec());
    }

    @Test
    void aHostModuleCanReplaceABuiltInLossAndTheRunnerUsesTheReplacement() {
        LossProvider square = spy(PluginRegistry.load().lossProvider("square"));
        Injector injector = Guice.createInjector(new LcnModule(PluginRegistry.load()),
                new HostModule(HostProgram.readings()), new AbstractModule() {
                    @Override
                    protected void configure() {
                        LcnModule.lossOverrides(binder()).addBinding("square").toInstance(square);
                    }
                });
        FlowRun run = injector.getInstance(SmootherTrainer.class).train();
        verify(square, times(1)).create(Parameters.empty());
        assertEquals(plain.run().result(), run.result(), "the spy delegates to the real provider");
    }

    @Test
    void bindingTheHostsDataSourceNameTwiceFailsAtInjectorCreationNamingBothSources() {
        Dataset readings = HostProgram.readings();
        CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(
                new LcnModule(PluginRegistry.load()), new HostModule(readings), new SecondReadingsModule(readings)));
        assertTrue(e.getMessage().contains(HostModule.DATA_SOURCE), e.getMessage());
        assertTrue(e.getMessage().contains("HostModule"), e.getMessage());
        assertTrue(e.getMessage().contains("SecondReadingsModule"), e.getMessage());
    }

    @Test
    void theInMemoryDataSourceChecksItsParametersAndTheArchitecture() {
        InMemoryDataSourceProvider provider = new InMemoryDataSourceProvider("host-readings", HostProgram.readings());
        assertEquals("host-readings: unknown parameter 'file'; it takes no parameters", assertThrows(
                IllegalArgumentException.class, () -> provider.create(Parameters.of(Map.of("file", "x.csv"))))
                .getMessage());
        Architecture wider = Architecture.of(11, new int[] {3, 3}, new int[] {1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.create(Parameters.empty()).load(wider));
        assertTrue(e.getMessage().startsWith("the inputs have dimension 9 but the architecture's input dimension d0"
                + " is 11"), e.getMessage());
    }

    /** A second module that publishes readings under the host's name again. */
    private static final class SecondReadingsModule extends AbstractModule {
        private final Dataset readings;

        SecondReadingsModule(Dataset readings) {
            this.readings = readings;
        }

        @Override
        protected void configure() {
            LcnModule.dataSources(binder()).addBinding(HostModule.DATA_SOURCE)
                    .toInstance(new InMemoryDataSourceProvider(HostModule.DATA_SOURCE, readings));
        }
    }
}
