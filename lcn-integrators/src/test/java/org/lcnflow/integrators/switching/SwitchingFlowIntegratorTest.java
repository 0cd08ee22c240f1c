package org.lcnflow.integrators.switching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
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

    /** The field without its Hessian, so that the detector and the implicit method take differences. */
    private static GradientField withoutHessian(GradientField field) {
        return new GradientField() {
            @Override
            public int dimension() {
                return field.dimension();
            }

            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                return field.valueAndGradient(w, gradient);
            }
        };
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
            double u = w[0];
            double v = w[1];
            double a = C * v * v;
            gradient[0] = a * u;
            gradient[1] = v + C * v * u * u;
            return 0.5 * a * u * u + 0.5 * v * v;
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
        QuadraticField field = StiffQuadratic.of();
        StopCondition stop = new StopCondition(1e6, 1e-8, 200_000);
        for (boolean exact : new boolean[] {true, false}) {
            CountingField counting = new CountingField(exact ? field : withoutHessian(field));
            LastState last = new LastState();
            FlowResult result = auto(1e-8, 1e-10).integrate(counting, new double[10], stop, last);
            String what = (exact ? "exact Hessian: " : "differences: ") + result;
            assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason(), what);
            assertEquals(counting.count(), result.evaluations(), what);
            assertEquals(counting.hessianCount(), result.solver().hessians(), what);
            assertEquals(1, last.state.control("switches"), what);
            assertEquals(0, last.state.control("explicit"), "ends on the implicit method: " + what);
            // dormand-prince-54 alone would need over 1e9 steps; radau-iia-5 alone needs ~300 (exact) / ~640
            assertTrue(result.steps() < (exact ? 1000 : 3000), what);
            assertTrue(result.evaluations() < (exact ? 6000 : 40000), what);
            assertArrayEquals(field.minimizer(), result.parameters(), 1e-4, what);
            assertTrue(result.solver().factorizations() >= 2, what);
        }
    }

    @Test
    void switchesBackWhenTheStiffnessFades() {
        FadingStiffness field = new FadingStiffness();
        double[] w0 = {1e-3, 1};
        StopCondition stop = new StopCondition(30, 1e-9, 1_000_000);
        CountingField counting = new CountingField(field);
        LastState last = new LastState();
        FlowResult result = auto(1e-8, 1e-10).integrate(counting, w0, stop, last);
        assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason(), result.toString());
        assertEquals(counting.count(), result.evaluations());
        assertEquals(2, last.state.control("switches"), result.toString());
        assertEquals(1, last.state.control("explicit"), "ends explicit: " + result);
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
        LastState atTen = new LastState();
        FlowResult ten = auto(1e-8, 1e-10).integrate(field, w0, StopCondition.atTime(10), atTen);
        assertEquals(10.0, ten.time());
        assertEquals(2, atTen.state.control("switches"), ten.toString());
        double[] expected = tight.integrate(field, w0, StopCondition.atTime(10), FlowObserver.NONE).parameters();
        assertEquals(expected[1], ten.parameters()[1], 1e-5 * expected[1], "v(10)");
        assertEquals(expected[0], ten.parameters()[0], 1e-9, "u(10)");
    }

    @Test
    void aMildFlowNeverSwitchesAndCostsLittleMoreThanDormandPrince() {
        StopCondition stop = StopCondition.atTime(3);
        LastState last = new LastState();
        FlowResult result = auto(1e-8, 1e-10).integrate(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, stop,
                last);
        FlowResult alone = Integrators.create("dormand-prince-54", Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-10)))
                .integrate(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, stop, FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertEquals(0, last.state.control("switches"));
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

    /** Keeps the last state handed over. */
    private static final class LastState implements FlowObserver {
        IntegratorState state;

        @Override
        public boolean onStep(double t, double[] w, double value, double[] gradient) {
            return true;
        }

        @Override
        public boolean wantsState(double t, long steps) {
            return true;
        }

        @Override
        public void onState(IntegratorState s) {
            state = s;
        }
    }

    /** What an observer saw: one line of bits per accepted step, and every state handed over. */
    private static final class Recording implements FlowObserver {
        final List<String> steps = new ArrayList<>();
        final List<IntegratorState> states = new ArrayList<>();

        @Override
        public boolean onStep(double t, double[] w, double value, double[] gradient) {
            StringBuilder line = new StringBuilder(Long.toHexString(Double.doubleToRawLongBits(t)));
            for (double x : w) {
                line.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(x)));
            }
            line.append(" | ").append(Long.toHexString(Double.doubleToRawLongBits(value)));
            steps.add(line.toString());
            return true;
        }

        @Override
        public boolean wantsState(double t, long steps) {
            return true;
        }

        @Override
        public void onState(IntegratorState state) {
            states.add(state);
        }
    }

    @Test
    void resumesBitForBitAcrossSwitches() {
        checkResumes(new FadingStiffness(), new double[] {1e-3, 1}, new StopCondition(30, 1e-9, 1_000_000), 2);
        checkResumes(withoutHessian(StiffQuadratic.of()), new double[10], new StopCondition(1e6, 1e-8, 200_000), 1);
    }

    private static void checkResumes(GradientField field, double[] w0, StopCondition stop, int switches) {
        Recording uninterrupted = new Recording();
        FlowResult expected = auto(1e-8, 1e-10).integrate(field, w0, stop, uninterrupted);
        int n = uninterrupted.states.size();

        assertEquals(expected.steps(), n);
        assertEquals(switches, uninterrupted.states.get(n - 1).control("switches"), expected.toString());
        List<Integer> from = new ArrayList<>(List.of(0, n / 3, n / 2, 2 * n / 3, n - 2));
        for (int i = 1; i < n; i++) { // the states on both sides of every switch
            if (uninterrupted.states.get(i).control("switches") != uninterrupted.states.get(i - 1).control("switches")) {
                from.addAll(List.of(i - 1, i, i + 1));
            }
        }
        for (int index : from) {
            IntegratorState state = uninterrupted.states.get(index);
            Recording resumed = new Recording();
            FlowResult result = auto(1e-8, 1e-10).resume(field, state, stop, resumed);
            String where = "resumed after step " + state.steps();
            assertEquals(expected, result, where);
            assertEquals(uninterrupted.steps.subList(index + 1, n), resumed.steps, where + ": every later step");
            for (int k = 0; k < resumed.states.size(); k++) {
                assertEquals(uninterrupted.states.get(index + 1 + k), resumed.states.get(k), where + ", state " + k);
            }
        }
    }

    @Test
    void stepsAllocateNothing() {
        GradientField field = new GradientField() { // L = |w|^2 / 2 in 12 dimensions, allocation-free, mild
            @Override
            public int dimension() {
                return 12;
            }

            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                double value = 0;
                for (int i = 0; i < w.length; i++) {
                    gradient[i] = w[i];
                    value += 0.5 * w[i] * w[i];
                }
                return value;
            }
        };
        double[] w0 = new double[12];
        for (int i = 0; i < 12; i++) {
            w0[i] = 1 + i;
        }
        FlowIntegrator integrator = new SwitchingFlowIntegrator("auto",
                Integrators.create("dormand-prince-54", Parameters.of(Map.of("rtol", 1e-10, "maxStep", 0.01))), 3.3,
                Integrators.create("radau-iia-5", Parameters.of(Map.of("rtol", 1e-10))));
        for (int i = 0; i < 5; i++) {
            integrator.integrate(field, w0, StopCondition.atTime(20), FlowObserver.NONE);
        }
        long few = allocated(integrator, field, w0, 0.2);
        long many = allocated(integrator, field, w0, 20);
        FlowResult result = integrator.integrate(field, w0, StopCondition.atTime(20), FlowObserver.NONE);
        assertTrue(result.steps() >= 1900, result.toString());
        assertTrue(many - few < 1024, "a run of ~20 steps allocated " + few + " bytes, of ~2000 steps " + many);
    }

    private static long allocated(FlowIntegrator integrator, GradientField field, double[] w0, double tMax) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        integrator.integrate(field, w0, StopCondition.atTime(tMax), FlowObserver.NONE);
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
