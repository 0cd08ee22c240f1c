package org.lcnflow.integrators.switching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lcnflow.integrators.Fields.withoutHessian;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.HessianField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.Integrators;
import org.lcnflow.integrators.ResumeCheck;
import org.lcnflow.integrators.ResumeCheck.Recording;
import org.lcnflow.integrators.StepAllocation;
import org.lcnflow.integrators.StiffQuadratic;
import org.lcnflow.integrators.TwoLayerFactorisation;
import org.lcnflow.testkit.CountingField;
import org.lcnflow.testkit.QuadraticField;

/**
 * {@code auto} ({@link SwitchingFlowIntegrator} over Dormand-Prince 5(4) and Radau IIA 5): the stiffness detector's
 * eigenvalue, a switch to the implicit method on a stiff flow and back on a flow whose stiffness fades, no switch on
 * a mild flow at little extra cost, exact counting over the phases, bit-for-bit resume across switches, and no
 * allocation per step.
 */
class SwitchingFlowIntegratorTest {

    private static FlowIntegrator auto(double rtol, double atol) {
        return Integrators.create("auto", Parameters.of(Map.of("rtol", rtol, "atol", atol)));
    }

    /**
     * {@code L(u, v) = a(v) u^2 / 2 + v^2 / 2} with {@code a(v) = C v^2}: from {@code u0 = 1e-3, v0 = 1} the
     * {@code u} mode decays at the rate {@code a(v) ~ C e^{-2t}}, so the flow is stiff at first (an explicit step is
     * held at {@code 3.3 / a}) and mild once {@code a(v(t))} has fallen: the detector must switch to the implicit
     * method and back.
     */
    static final class FadingStiffness implements HessianField {
        static final double C = 1e5;

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            double a = C * w[1] * w[1]; // w = (u, v)
            gradient[0] = a * w[0];
            gradient[1] = w[1] + C * w[1] * w[0] * w[0];
            return 0.5 * a * w[0] * w[0] + 0.5 * w[1] * w[1];
        }

        @Override
        public double valueGradientAndHessian(double[] w, double[] gradient, double[] hessian) {
            double value = valueAndGradient(w, gradient);
            double u = w[0];
            double v = w[1];
            hessian[0] = C * v * v;
            hessian[1] = 2 * C * v * u;
            hessian[2] = hessian[1];
            hessian[3] = 1 + C * u * u;
            return value;
        }
    }

    @Test
    void theDetectorFindsTheLargestEigenvalueExactlyAndByDifferences() {
        QuadraticField field = StiffQuadratic.of();
        double[] w = new double[10];
        double[] gradient = new double[10];
        field.valueAndGradient(w, gradient);
        double largest = Arrays.stream(field.eigenvalues()).max().orElseThrow();
        assertEquals(1e6, largest, 1e-6);
        StiffnessDetector exact = new StiffnessDetector(field, 3.3);
        assertEquals(largest, exact.largestEigenvalue(w, gradient), 1e-3 * largest);
        assertEquals(1, exact.evaluations, "one exact Hessian");
        assertEquals(1, exact.statistics().hessians());
        StiffnessDetector differences = new StiffnessDetector(withoutHessian(field), 3.3);
        assertEquals(largest, differences.largestEigenvalue(w, gradient), 0.05 * largest);
        assertEquals(StiffnessDetector.DIFFERENCE_ITERATIONS, differences.evaluations, "one per product");
        // an indefinite Hessian whose dominant eigenvalue is negative: the largest is still found
        QuadraticField indefinite = QuadraticField.diagonal(-50, 2, 1);
        double[] g = new double[3];
        indefinite.valueAndGradient(new double[3], g);
        assertEquals(2, new StiffnessDetector(indefinite, 3.3).largestEigenvalue(new double[3], g), 1e-6);
        // no positive curvature: nothing limits an explicit step
        QuadraticField concave = QuadraticField.diagonal(-3, -1);
        assertEquals(0, new StiffnessDetector(concave, 3.3).largestEigenvalue(new double[2], new double[2]));
    }

    @Test
    void switchesToTheImplicitMethodOnAStiffFlowAndReachesTheTolerance() {
        StiffQuadratic.flowToGradientTolerance(auto(1e-8, 1e-10), new StopCondition(1e6, 1e-8, 200_000),
                (exact, counting, result, recording, what) -> {
                    assertEquals(1, recording.lastState().control("switches"), what);
                    assertEquals(0, recording.lastState().control("explicit"), "ends on the implicit method: " + what);
                    // dormand-prince-54 alone would need over 1e9 steps; radau-iia-5 alone needs ~300 (exact) / ~640
                    assertTrue(result.steps() < (exact ? 1000 : 3000), what);
                    assertTrue(result.evaluations() < (exact ? 6000 : 40000), what);
                    assertTrue(result.solver().factorizations() >= 2, what);
                });
    }

    @Test
    void switchesBackWhenTheStiffnessFades() {
        FadingStiffness field = new FadingStiffness();
        double[] w0 = {1e-3, 1};
        StopCondition stop = new StopCondition(30, 1e-9, 1_000_000);
        CountingField counting = new CountingField(field);
        Recording last = new Recording();
        FlowResult result = auto(1e-8, 1e-10).integrate(counting, w0, stop, last);
        assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason(), result.toString());
        assertEquals(counting.count(), result.evaluations());
        assertEquals(2, last.lastState().control("switches"), result.toString());
        assertEquals(1, last.lastState().control("explicit"), "ends explicit: " + result);
        // against the explicit method alone, held at h ~ 3.3 / (C e^{-2t}) while the flow is stiff
        FlowResult explicit = Integrators.create("dormand-prince-54", Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-10)))
                .integrate(field, w0, stop, FlowObserver.NONE);
        assertEquals(StopReason.GRADIENT_TOLERANCE, explicit.stopReason());
        assertTrue(result.evaluations() < explicit.evaluations() / 10, result + " vs " + explicit);
        // the same flow: the end point within a few atol of a tight reference run to the same time, and at t = 8
        // (after both switches, at t ~ 9; v ~ 4.5e-5) within 1e-5 relative
        FlowIntegrator tight = Integrators.create("dormand-prince-853", Parameters.of(Map.of("rtol", 1e-13,
                "atol", 1e-20)));
        FlowResult reference = tight.integrate(field, w0, StopCondition.atTime(result.time()), FlowObserver.NONE);
        assertArrayEquals(reference.parameters(), result.parameters(), 5e-10, "the end point");
        Recording atTen = new Recording();
        FlowResult ten = auto(1e-8, 1e-10).integrate(field, w0, StopCondition.atTime(10), atTen);
        assertEquals(10.0, ten.time());
        assertEquals(2, atTen.lastState().control("switches"), ten.toString());
        double[] expected = tight.integrate(field, w0, StopCondition.atTime(10), FlowObserver.NONE).parameters();
        assertEquals(expected[1], ten.parameters()[1], 1e-5 * expected[1], "v(10)");
        assertEquals(expected[0], ten.parameters()[0], 1e-9, "u(10)");
    }

    @Test
    void aMildFlowNeverSwitchesAndCostsLittleMoreThanDormandPrince() {
        StopCondition stop = StopCondition.atTime(3);
        Recording last = new Recording();
        FlowResult result = auto(1e-8, 1e-10).integrate(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, stop,
                last);
        FlowResult alone = Integrators.create("dormand-prince-54", Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-10)))
                .integrate(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, stop, FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertEquals(0, last.lastState().control("switches"));
        assertEquals(3.0, result.time());
        // the same steps: only the checks (one difference Hessian product each 10 steps) differ
        assertEquals(alone.steps(), result.steps());
        assertArrayEquals(alone.parameters(), result.parameters(), 0.0);
        assertTrue(result.evaluations() <= 1.5 * alone.evaluations(), result + " vs " + alone);
        assertEquals(alone.evaluations() + (alone.steps() / StiffnessDetector.CHECK_EVERY)
                * StiffnessDetector.DIFFERENCE_ITERATIONS, result.evaluations(), result.toString());
    }

    @Test
    void aUserCancelIsReportedAsCancelled() {
        int[] seen = {0};
        FlowResult result = auto(1e-8, 1e-10).integrate(StiffQuadratic.of(), new double[10],
                new StopCondition(1e6, 1e-8, 200_000), new FlowObserver() {
                    @Override
                    public boolean onStep(double t, double[] w, double value, double[] gradient) {
                        return ++seen[0] < 100;
                    }
                });
        assertEquals(StopReason.CANCELLED, result.stopReason());
        assertEquals(100, result.steps());
    }

    @Test
    void theStepLimitCountsAllPhases() {
        FlowResult result = auto(1e-8, 1e-10).integrate(StiffQuadratic.of(), new double[10],
                new StopCondition(1e6, 1e-8, 150), FlowObserver.NONE);
        assertEquals(StopReason.STEP_LIMIT, result.stopReason());
        assertEquals(150, result.steps());
    }

    @Test
    void refusesMethodsThatCannotResumeAndABadBoundary() {
        FlowIntegrator dp = Integrators.create("dormand-prince-54", Parameters.empty());
        FlowIntegrator plain = new FlowIntegrator() {
            @Override
            public String name() {
                return "plain";
            }

            @Override
            public FlowResult integrate(GradientField field, double[] w0, StopCondition stop, FlowObserver observer) {
                throw new AssertionError();
            }
        };
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SwitchingFlowIntegrator("auto", dp, 3.3,
                plain)).getMessage().contains("resumable"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SwitchingFlowIntegrator("auto", dp, 0, dp))
                .getMessage().contains("stability boundary must be > 0"));
    }

    @Test
    void resumesBitForBitAcrossSwitches() {
        checkResumes(new FadingStiffness(), new double[] {1e-3, 1}, new StopCondition(30, 1e-9, 1_000_000), 2);
        checkResumes(withoutHessian(StiffQuadratic.of()), new double[10], new StopCondition(1e6, 1e-8, 200_000), 1);
    }

    /**
     * {@link ResumeCheck} with a fresh {@code auto} for each resumed run, from a spread of states and from the
     * states on both sides of every switch, after asserting the number of switches.
     */
    private static void checkResumes(GradientField field, double[] w0, StopCondition stop, int switches) {
        ResumeCheck check = ResumeCheck.run(auto(1e-8, 1e-10), field, w0, stop);
        List<IntegratorState> states = check.states();
        int n = states.size();
        assertEquals(switches, states.get(n - 1).control("switches"), check.result().toString());
        List<Integer> from = new ArrayList<>(List.of(0, n / 3, n / 2, 2 * n / 3, n - 2));
        for (int i = 1; i < n; i++) { // the states on both sides of every switch
            if (states.get(i).control("switches") != states.get(i - 1).control("switches")) {
                from.addAll(List.of(i - 1, i, i + 1));
            }
        }
        check.resumeFrom(() -> auto(1e-8, 1e-10), from);
    }

    @Test
    void stepsAllocateNothing() {
        // L = |w|^2 / 2 in 12 dimensions is mild: this runs dormand-prince-54 with its checks
        StepAllocation.assertStepsAllocateNothing(new SwitchingFlowIntegrator("auto",
                Integrators.create("dormand-prince-54", Parameters.of(Map.of("rtol", 1e-10, "maxStep", 0.01))), 3.3,
                Integrators.create("radau-iia-5", Parameters.of(Map.of("rtol", 1e-10)))));
    }
}
