package org.lcnflow.integrators.implicit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.ConvergenceOrderTest;
import org.lcnflow.integrators.StiffQuadratic;
import org.lcnflow.integrators.TwoLayerFactorisation;
import org.lcnflow.testkit.CountingField;
import org.lcnflow.testkit.QuadraticField;

/**
 * {@link RadauFlowIntegrator}: order 5 with a fixed step and an error estimate of order 4 (Hairer-Wanner II,
 * IV.8) on a quadratic flow with a known solution, L-stability, a stiff flow to a gradient tolerance of 1e-8 with
 * the exact Hessian and with differences, bit-for-bit resume, statistics and allocation.
 */
class RadauFlowIntegratorTest {

    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    private static final double[] W0 = {1, -1, 0.5};

    private static RadauFlowIntegrator radau(double rtol, double atol) {
        return new RadauFlowIntegrator("radau-iia-5", rtol, atol, Double.NaN, 0.0, Double.POSITIVE_INFINITY);
    }

    /** The field without its Hessian, so that the integrator takes differences of gradients. */
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

    @Test
    void convergesWithOrderFiveWithAFixedStep() {
        RadauFlowIntegrator integrator = radau(1e-13, 1e-13);
        double[] exact = FIELD.exactSolution(W0, 1.0);
        int[] counts = {4, 6, 8, 12, 16};
        double[] x = new double[counts.length];
        double[] y = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            double[] w = integrator.fixedSteps(FIELD, W0, 1.0, counts[i]);
            double error = ConvergenceOrderTest.maxAbsDifference(exact, w);
            assertTrue(error > 1e-14, "error " + error + " above rounding at h = 1/" + counts[i]);
            x[i] = Math.log(1.0 / counts[i]);
            y[i] = Math.log(error);
        }
        assertEquals(5.0, ConvergenceOrderTest.slope(x, y), 0.25);
    }

    @Test
    void theErrorEstimateIsTheLocalErrorOfAnOrderThreeSolution() {
        // ~ h^4 for non-stiff steps (the estimate of eq. (8.20) is (I - h gamma0 J)^-1 (yHat - y1))
        RadauFlowIntegrator integrator = radau(0.5, 0.5);
        double[] steps = {0.08, 0.04, 0.02, 0.01};
        double[] x = new double[steps.length];
        double[] y = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            double error = integrator.errorEstimate(FIELD, W0, steps[i]);
            assertTrue(error > 1e-9 && error < 1e-2, "estimate " + error + " at h = " + steps[i]);
            x[i] = Math.log(steps[i]);
            y[i] = Math.log(error);
        }
        assertEquals(4.0, ConvergenceOrderTest.slope(x, y), 0.2);
    }

    @Test
    void oneHugeStepOnAVeryStiffModeGivesNearlyZero() {
        // L-stability: R(z) -> 0 as z -> -infinity; one step h = 1 with lambda = 1e10 (trapezoid would give -1)
        QuadraticField stiff = QuadraticField.diagonal(1e10, 1.0);
        double[] w = radau(1e-6, 1e-6).fixedSteps(stiff, new double[] {1, 1}, 1.0, 1);
        assertTrue(Math.abs(w[0]) < 1e-9, "stiff component after one step: " + w[0]);
        // the non-stiff one: R(-1) of the (3,2) Pade approximant, close to e^-1
        assertEquals(Math.exp(-1), w[1], 1e-3);
        // through the loop: a first step of 1 is accepted thanks to the second, filtered error estimate
        RadauFlowIntegrator integrator = new RadauFlowIntegrator("radau-iia-5", 1e-6, 1e-6, 1.0, 0.0,
                Double.POSITIVE_INFINITY);
        FlowResult one = integrator.integrate(QuadraticField.diagonal(1e10), new double[] {1},
                new StopCondition(100, 0.0, 1), FlowObserver.NONE);
        assertEquals(1, one.steps());
        assertEquals(0, one.rejectedSteps(), one.toString());
        assertTrue(Math.abs(one.parameters()[0]) < 1e-9, one.toString());
    }

    /** {@link StiffQuadratic#of()}: eigenvalues 1e-3 .. 1e6. */
    static QuadraticField stiffProblem() {
        return StiffQuadratic.of();
    }

    @Test
    void reachesAGradientToleranceOf1e8OnAStiffFlowInFewSteps() {
        // eigenvalues 1e-3 .. 1e6: an explicit method is held at h < ~3e-6 and needs t ~ 1e4, over 1e9 steps
        QuadraticField field = stiffProblem();
        double[] w0 = new double[10];
        StopCondition stop = new StopCondition(1e6, 1e-8, 100_000);
        for (boolean exact : new boolean[] {true, false}) {
            CountingField counting = new CountingField(exact ? field : withoutHessian(field));
            FlowResult result = radau(1e-8, 1e-10).integrate(counting, w0, stop, FlowObserver.NONE);
            String what = (exact ? "exact Hessian: " : "differences: ") + result;
            assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason(), what);
            // with differences the Hessian's rounding error (gradients of size ~1e6 over delta ~1.5e-8: ~0.1) swamps
            // the small eigenvalues, so at large h Newton fails often (measured: 640 steps, 626 Newton failures,
            // 13627 evaluations; exact: 299 steps, 1675 evaluations): still 1e6 times fewer steps than explicit
            assertTrue(result.steps() < (exact ? 400 : 1500), what);
            assertTrue(result.evaluations() < (exact ? 3000 : 30000), what);
            assertEquals(counting.count(), result.evaluations(), what);
            assertEquals(counting.hessianCount(), result.solver().hessians(), what);
            if (exact) {
                assertTrue(result.solver().hessians() >= 1 && result.solver().differenceHessians() == 0, what);
            } else {
                assertTrue(result.solver().hessians() == 0 && result.solver().differenceHessians() >= 1, what);
            }
            assertTrue(result.solver().factorizations() >= 2, what);
            assertTrue(result.solver().newtonIterations() >= result.steps(), what);
            // a quadratic has a constant Hessian: it is reused across many steps
            long hessians = result.solver().hessians() + result.solver().differenceHessians();
            assertTrue(!exact || hessians < result.steps() / 4 + 2, what);
            // |grad| <= 1e-8 leaves up to 1e-8 / 1e-3 in the slowest direction (and w* itself has cond(A) = 1e9)
            assertArrayEquals(field.minimizer(), result.parameters(), 1e-4, what);
        }
    }

    @Test
    void statisticsOfANonlinearRunAreConsistent() {
        CountingField counting = new CountingField(new TwoLayerFactorisation());
        FlowResult result = radau(1e-8, 1e-10).integrate(counting, TwoLayerFactorisation.W0, StopCondition.atTime(3),
                FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertEquals(counting.count(), result.evaluations());
        assertTrue(result.solver().differenceHessians() >= 1, result.toString());
        assertTrue(result.solver().factorizations() >= 2, result.toString());
        assertTrue(result.solver().newtonIterations() >= result.steps(), result.toString());
        // 3 per Newton iteration, 1 per new point, 4 per Hessian, the start and the initial step, second estimates
        long lower = 3 * result.solver().newtonIterations() + result.steps() + 4 * result.solver().differenceHessians() + 2;
        assertTrue(result.evaluations() >= lower && result.evaluations() <= lower + result.rejectedSteps() + 1,
                result + " vs " + lower);
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
            for (double x : gradient) {
                line.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(x)));
            }
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
    void resumesBitForBitOnANonlinearFlowAndAStiffOne() {
        checkResumes(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, StopCondition.atTime(3), radau(1e-8, 1e-10));
        checkResumes(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, new StopCondition(1000, 1e-8, 100_000),
                radau(1e-6, 1e-8));
        // the stiff quadratic with differences and rejected steps from a too large first step
        FlowResult stiff = checkResumes(withoutHessian(stiffProblem()), new double[10],
                new StopCondition(1e6, 1e-8, 100_000),
                new RadauFlowIntegrator("radau-iia-5", 1e-6, 1e-8, 10.0, 0.0, Double.POSITIVE_INFINITY));
        assertTrue(stiff.rejectedSteps() >= 1, stiff.toString());
    }

    private static FlowResult checkResumes(GradientField field, double[] w0, StopCondition stop,
                                           RadauFlowIntegrator integrator) {
        Recording uninterrupted = new Recording();
        FlowResult expected = integrator.integrate(field, w0, stop, uninterrupted);
        int n = uninterrupted.states.size();
        assertEquals(expected.steps(), n);
        assertTrue(n >= 8, "a real run: " + expected);
        boolean keptLu = false;
        boolean reusedHessian = false;
        for (IntegratorState s : uninterrupted.states) {
            keptLu |= !Double.isNaN(s.control("luStep")) && s.control("luStep") == s.control("h");
            reusedHessian |= s.control("needHessian") == 0;
        }
        assertTrue(reusedHessian, "the Hessian is reused somewhere: " + expected);
        for (int index : new int[] {0, n / 4, n / 2, 3 * n / 4, n - 2}) {
            IntegratorState from = uninterrupted.states.get(index);
            Recording resumed = new Recording();
            FlowResult result = copyOf(integrator).resume(field, from, stop, resumed);
            String where = "resumed after step " + from.steps();
            assertEquals(expected, result, where);
            assertEquals(uninterrupted.steps.subList(index + 1, n), resumed.steps, where + ": every later step");
            for (int k = 0; k < resumed.states.size(); k++) {
                assertEquals(uninterrupted.states.get(index + 1 + k), resumed.states.get(k), where + ", state " + k);
            }
        }
        return expected;
    }

    /** A fresh instance of the same configuration, as after a restart. */
    private static RadauFlowIntegrator copyOf(RadauFlowIntegrator integrator) {
        String s = integrator.toString();
        String[] parts = s.substring(s.indexOf('(') + 1, s.length() - 1).split(", ");
        double[] v = new double[5];
        for (int i = 0; i < 5; i++) {
            String value = parts[i].substring(parts[i].indexOf('=') + 1);
            v[i] = value.equals("auto") ? Double.NaN : Double.parseDouble(value);
        }
        return new RadauFlowIntegrator("radau-iia-5", v[0], v[1], v[2], v[3], v[4]);
    }

    @Test
    void stepsAllocateNothing() {
        GradientField field = new GradientField() { // L = |w|^2 / 2 in 12 dimensions, allocation-free
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
        RadauFlowIntegrator integrator = new RadauFlowIntegrator("radau-iia-5", 1e-10, 1e-12, Double.NaN, 0.0, 0.01);
        for (int i = 0; i < 5; i++) {
            integrator.integrate(field, w0, StopCondition.atTime(20), FlowObserver.NONE);
        }
        long few = allocated(integrator, field, w0, 0.2);
        long many = allocated(integrator, field, w0, 20);
        FlowResult result = integrator.integrate(field, w0, StopCondition.atTime(20), FlowObserver.NONE);
        assertTrue(result.steps() >= 1900, result.toString());
        assertTrue(many - few < 1024, "a run of ~20 steps allocated " + few + " bytes, of ~2000 steps " + many);
    }

    private static long allocated(RadauFlowIntegrator integrator, GradientField field, double[] w0, double tMax) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        integrator.integrate(field, w0, StopCondition.atTime(tMax), FlowObserver.NONE);
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
