package org.lcnflow.core.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.HessianField;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.data.SyntheticDataSource;
import org.lcnflow.core.network.FinalFilter;
import org.lcnflow.core.network.InitialFilters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.testing.Vectors;
import org.lcnflow.core.theory.Balancedness;
import org.lcnflow.core.theory.Diagnostics;

/** The flow runner on real LCN problems with the built-in integrators and losses. */
class GradientFlowTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    /** A strided 3-layer network: d = (13, 11, 5, 4), k_v = 7, s_v = 2. */
    private static final Architecture STRIDED = Architecture.of(13, new int[] {3, 3, 2}, new int[] {1, 2, 1});
    private static final Dataset DATA = new SyntheticDataSource(30, 4, 0.1, 0.1, 3, 1).load(STRIDED);

    private static FlowIntegrator integrator(String name, Object... keyValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return REGISTRY.integrator(name, Parameters.of(map));
    }

    private static Loss loss(String name) {
        return REGISTRY.loss(name, Parameters.empty());
    }

    private static GradientFlow.Builder flow(FlowIntegrator integrator, StopCondition stop) {
        return GradientFlow.builder().architecture(STRIDED).data(DATA).loss(loss("pseudo-huber"))
                .integrator(integrator).randomInitialFilters(11, 0.5).stop(stop);
    }

    /** Runs Euler, after asking the field it is given for its Hessian at {@code w0}. */
    private static final class HessianInspector implements FlowIntegrator {
        private final FlowIntegrator euler = integrator("euler", "step", 1e-3);
        double[] hessian;
        boolean hasHessian;

        @Override
        public String name() {
            return "hessian-inspector";
        }

        @Override
        public FlowResult integrate(GradientField field, double[] w0, StopCondition stop, FlowObserver observer) {
            hasHessian = field instanceof HessianField && ((HessianField) field).hasHessian();
            if (hasHessian) {
                int n = field.dimension();
                hessian = new double[n * n];
                ((HessianField) field).valueGradientAndHessian(w0, new double[n], hessian);
            }
            return euler.integrate(field, w0, stop, observer);
        }
    }

    @Test
    void anIntegratorSeesTheRisksHessianThroughTheFlowAndItsEvaluationIsCounted() {
        HessianInspector inspector = new HessianInspector();
        GradientFlow flow = flow(inspector, new StopCondition(0.01, 0, 1000)).build();
        FlowRun run = flow.run();
        assertTrue(inspector.hasHessian);
        double[] w0 = InitialFilters.gaussian(STRIDED, 11, 0.5);
        int n = w0.length;
        double[] expected = new double[n * n];
        flow.risk().valueGradientAndHessian(w0, new double[n], expected);
        assertArrayEquals(expected, inspector.hessian, 0.0);
        // the Hessian's evaluation counts once, beside Euler's own
        assertEquals(run.result().evaluations() + 1, run.trajectory().last().evaluations());
    }

    @Test
    void eulerChangesEachBalancednessDifferenceByExactlyHSquaredGradientDifferences() {
        double h = 1e-3;
        List<double[]> states = new ArrayList<>();
        List<double[]> gradients = new ArrayList<>();
        FlowObserver capture = new FlowObserver() {
            @Override
            public void onStart(double t0, double[] w0, double value, double[] gradient) {
                states.add(w0.clone());
                gradients.add(gradient.clone());
            }

            @Override
            public boolean onStep(double t, double[] w, double value, double[] gradient) {
                states.add(w.clone());
                gradients.add(gradient.clone());
                return true;
            }
        };
        FlowRun run = flow(integrator("euler", "step", h), new StopCondition(Double.POSITIVE_INFINITY, 0, 200))
                .build().run(capture);
        assertEquals(StopReason.STEP_LIMIT, run.result().stopReason());
        assertEquals(201, states.size());
        double largestChange = 0;
        for (int k = 0; k + 1 < states.size(); k++) {
            double[] before = Balancedness.deltas(STRIDED, states.get(k));
            double[] after = Balancedness.deltas(STRIDED, states.get(k + 1));
            double[] g = Balancedness.squaredLayerNorms(STRIDED, gradients.get(k));
            double scale = 0;
            for (double n : Balancedness.squaredLayerNorms(STRIDED, states.get(k))) {
                scale = Math.max(scale, n);
            }
            for (int i = 0; i < before.length; i++) {
                double expected = h * h * (g[i + 1] - g[i]);
                largestChange = Math.max(largestChange, Math.abs(expected));
                // rounding of the squared norms is a few ulps of the largest one
                assertEquals(expected, after[i] - before[i], 64 * Math.ulp(scale), "step " + k + ", delta_" + (i + 1));
            }
        }
        assertTrue(largestChange > 1e-9, "the check must see changes well above rounding: " + largestChange);
    }

    @Test
    void dormandPrince853AtTightToleranceKeepsBalancednessWithin1e9Relative() {
        FlowRun run = flow(integrator("dormand-prince-853", "rtol", 1e-12, "atol", 1e-12), StopCondition.atTime(0.5))
                .recordEvery(0).build().run();
        assertEquals(StopReason.TIME_LIMIT, run.result().stopReason());
        assertTrue(run.result().steps() > 10, "a real run: " + run.result());
        double[] initial = run.trajectory().first().deltas();
        for (Trajectory.Point p : run.trajectory().points()) {
            double[] deltas = p.deltas();
            double scale = 0;
            for (double n : run.trajectory().first().squaredLayerNorms()) {
                scale = Math.max(scale, n);
            }
            for (int i = 0; i < deltas.length; i++) {
                assertEquals(initial[i], deltas[i], 1e-9 * scale, "delta_" + (i + 1) + " at t = " + p.time());
            }
        }
        assertTrue(run.diagnostics().balancedness().largestRelativeDrift() <= 1e-9,
                run.diagnostics().balancedness().toString());
        assertTrue(run.diagnostics().monotonicity().isMonotone());
    }

    @Test
    void allIntegratorsAgreeOnTheEndPointOfARealLcnFlow() {
        double tMax = 0.05;
        StopCondition stop = StopCondition.atTime(tMax);
        double[] reference = flow(integrator("dormand-prince-853", "rtol", 1e-13, "atol", 1e-15), stop).build().run()
                .result().parameters();
        Map<String, FlowIntegrator> tight = new java.util.LinkedHashMap<>();
        tight.put("rk4", integrator("rk4", "step", 1e-4));
        tight.put("dormand-prince-54", integrator("dormand-prince-54", "rtol", 1e-11, "atol", 1e-13));
        tight.put("gragg-bulirsch-stoer", integrator("gragg-bulirsch-stoer", "rtol", 1e-11, "atol", 1e-13));
        tight.put("adams-bashforth", integrator("adams-bashforth", "rtol", 1e-12, "atol", 1e-14));
        tight.put("adams-moulton", integrator("adams-moulton", "rtol", 1e-12, "atol", 1e-14));
        double size = Vectors.norm(reference);
        for (Map.Entry<String, FlowIntegrator> e : tight.entrySet()) {
            FlowResult r = flow(e.getValue(), stop).build().run().result();
            assertEquals(tMax, r.time(), 0.0, e.getKey() + " ends exactly at tMax");
            double distance = Vectors.distance(r.parameters(), reference);
            assertTrue(distance <= 1e-7 * size, e.getKey() + " is " + distance / size + " away (relative)");
        }
        // Euler is first order: its error halves with the step, and the Richardson combination of two
        // step sizes meets the others at 1e-7
        double[] coarse = flow(integrator("euler", "step", 2e-6), stop).build().run().result().parameters();
        double[] fine = flow(integrator("euler", "step", 1e-6), stop).build().run().result().parameters();
        double[] extrapolated = new double[fine.length];
        for (int i = 0; i < fine.length; i++) {
            extrapolated[i] = 2 * fine[i] - coarse[i];
        }
        assertTrue(Vectors.distance(fine, reference) <= 1e-5 * size, "euler(step=1e-6) is first-order close");
        assertTrue(Vectors.distance(extrapolated, reference) <= 1e-7 * size,
                "extrapolated Euler is " + Vectors.distance(extrapolated, reference) / size + " away");
    }

    @Test
    void everyIntegratorsEvaluationCountMatchesTheCallsTheFieldSaw() {
        for (String name : REGISTRY.integratorNames()) {
            FlowIntegrator integrator = name.equals("euler") || name.equals("rk4") ? integrator(name, "step", 1e-3)
                    : integrator(name, "rtol", 1e-8, "atol", 1e-10);
            FlowRun run = flow(integrator, StopCondition.atTime(0.05)).build().run();
            assertEquals(run.trajectory().last().evaluations(), run.result().evaluations(), name);
            assertTrue(run.result().evaluations() > run.result().steps(), name);
        }
    }

    @Test
    void recordsTheFirstStateOneStateEveryIntervalAndTheLast() {
        FlowRun run = flow(integrator("rk4", "step", 0.01), StopCondition.atTime(1.0)).recordEvery(0.25).build().run();
        List<Double> times = new ArrayList<>();
        for (Trajectory.Point p : run.trajectory().points()) {
            times.add(p.time());
        }
        assertEquals(0.0, times.get(0));
        assertEquals(1.0, times.get(times.size() - 1));
        assertEquals(5, times.size(), "t = 0, 0.25, 0.5, 0.75, 1: " + times);
        for (int i = 1; i < 4; i++) {
            assertEquals(0.25 * i, times.get(i), 1e-12);
        }
        Trajectory.Point last = run.trajectory().last();
        assertEquals(run.result().value(), last.loss());
        assertArrayEquals(FinalFilter.of(STRIDED, run.result().parameters()).coefficients(), last.finalFilter());
        assertEquals(run.result().steps(), last.steps());
    }

    @Test
    void diagnosticsOfAConvergingRunShowWhatTheTheoryPromises() {
        FlowRun run = flow(integrator("dormand-prince-54", "rtol", 1e-9, "atol", 1e-12),
                new StopCondition(50, 1e-6, 1_000_000)).build().run();
        Diagnostics d = run.diagnostics();
        assertEquals(StopReason.GRADIENT_TOLERANCE, d.stopReason());
        assertTrue(d.finalGradientNorm() <= 1e-6);
        assertTrue(d.monotonicity().isMonotone(), d.monotonicity().toString());
        assertTrue(d.hypotheses().theoremApplies(), d.hypotheses().failures().toString());
        assertTrue(d.boundedness().isFullRank());
        assertTrue(d.boundedness().holds(), d.boundedness().toString());
        assertTrue(d.boundedness().ratio().getAsDouble() < 1);
        assertTrue(run.trajectory().last().loss() < run.trajectory().first().loss());
        assertArrayEquals(Balancedness.deltas(STRIDED, InitialFilters.gaussian(STRIDED, 11, 0.5)),
                d.balancedness().initial());
    }

    @Test
    void eulerWithATooLargeStepDivergesAndKeepsTheLastFiniteState() {
        FlowRun run = flow(integrator("euler", "step", 0.01), StopCondition.atTime(1e6)).build().run();
        assertEquals(StopReason.DIVERGED, run.result().stopReason(), run.result().toString());
        assertTrue(run.result().steps() > 2, run.result().toString());
        assertTrue(Double.isFinite(run.result().value()));
        for (double w : run.result().parameters()) {
            assertTrue(Double.isFinite(w));
        }
        for (Trajectory.Point p : run.trajectory().points()) {
            assertTrue(Double.isFinite(p.loss()) && Double.isFinite(p.gradientNorm()));
        }
        assertFalse(run.diagnostics().monotonicity().isMonotone(), "the loss went up before it diverged");
    }

    @Test
    void rankDeficientDataRunAndSayWhichHypothesisFails() {
        Dataset few = new SyntheticDataSource(5, 1, 0.1, 0, 1, 1).load(STRIDED);
        FlowRun run = GradientFlow.builder().architecture(STRIDED).data(few).loss(loss("square"))
                .integrator(integrator("rk4", "step", 1e-3)).randomInitialFilters(3, 0.5)
                .stop(StopCondition.atTime(0.1)).build().run();
        assertEquals(StopReason.TIME_LIMIT, run.result().stopReason());
        Diagnostics.Hypotheses h = run.diagnostics().hypotheses();
        assertFalse(h.fullRankData());
        assertFalse(h.theoremApplies());
        assertEquals(1, h.failures().size());
        assertTrue(h.failures().get(0).startsWith("X X^T has rank 5 < d0 = 13 (5 samples)"), h.failures().get(0));
        assertTrue(run.diagnostics().boundedness().bound().isEmpty());
    }

    @Test
    void aNonAnalyticLossIsReported() {
        FlowRun run = GradientFlow.builder().architecture(STRIDED).data(DATA)
                .loss(REGISTRY.loss("lp", Parameters.of(Map.of("p", 1.5))))
                .integrator(integrator("rk4", "step", 1e-3)).randomInitialFilters(3, 0.5)
                .stop(StopCondition.atTime(0.01)).build().run();
        Diagnostics.Hypotheses h = run.diagnostics().hypotheses();
        assertFalse(h.analyticLoss());
        assertTrue(h.coerciveBound());
        assertTrue(h.failures().get(0).contains("not analytic"), h.failures().toString());
    }

    @Test
    void sameSeedGivesTheSameInitialFilters() {
        assertArrayEquals(InitialFilters.gaussian(STRIDED, 42, 0.3), InitialFilters.gaussian(STRIDED, 42, 0.3));
        assertNotEquals(InitialFilters.gaussian(STRIDED, 42, 0.3)[0], InitialFilters.gaussian(STRIDED, 43, 0.3)[0]);
        java.util.Random reference = new java.util.Random(42);
        assertEquals(0.3 * reference.nextGaussian(), InitialFilters.gaussian(STRIDED, 42, 0.3)[0]);
    }

    @Test
    void theObserverCanCancelThroughTheRunner() {
        FlowRun run = flow(integrator("rk4", "step", 1e-3), StopCondition.atTime(1.0)).build()
                .run((t, w, value, gradient) -> t < 0.01 - 1e-12);
        assertEquals(StopReason.CANCELLED, run.result().stopReason());
        assertEquals(0.01, run.result().time(), 1e-12);
    }
}
