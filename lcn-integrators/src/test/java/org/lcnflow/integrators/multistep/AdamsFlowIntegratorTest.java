package org.lcnflow.integrators.multistep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.ConvergenceOrderTest;
import org.lcnflow.integrators.Integrators;
import org.lcnflow.integrators.ResumeCheck;
import org.lcnflow.integrators.ResumeCheck.Recording;
import org.lcnflow.integrators.TwoLayerFactorisation;
import org.lcnflow.integrators.hipparchus.CountingIntegrators;
import org.lcnflow.integrators.hipparchus.HipparchusFlowIntegrator;
import org.lcnflow.integrators.multistep.AdamsFlowIntegrator.Method;
import org.lcnflow.testkit.CountingField;
import org.lcnflow.testkit.QuadraticField;

/**
 * The Adams integrators beyond the contract: their orders and tolerance proportionality on the quadratic
 * flow with exact solution, exactness on a linear flow, agreement with Hipparchus's Adams methods on the
 * two-layer factorisation, exact evaluation and rejection counts, the starter's steps, and bit-for-bit
 * resumption from every handed-over state, during the starter and after it.
 */
class AdamsFlowIntegratorTest {

    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    private static final double[] W0 = {1, -1, 0.5};

    private static AdamsFlowIntegrator adams(Method method, int steps, double tol) {
        return new AdamsFlowIntegrator(method == Method.BASHFORTH ? "adams-bashforth" : "adams-moulton", method,
                steps, tol, tol);
    }

    private static double error(FlowResult result) {
        return ConvergenceOrderTest.maxAbsDifference(FIELD.exactSolution(W0, 1.0), result.parameters());
    }

    // ------------------------------------------------------------------ accuracy

    /**
     * With tight tolerances the steps are set by accuracy and change slowly, so the global error falls like
     * {@code h^p} in the typical (median) step {@code h}: {@code p = s} for Bashforth, {@code s + 1} for
     * Moulton.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void theErrorFallsWithTheStepAtTheOrderOfTheMethod(int s) {
        for (Method method : Method.values()) {
            double[] logH = new double[5];
            double[] logError = new double[5];
            for (int i = 0; i < 5; i++) {
                double tol = Math.pow(10, -7 - i);
                List<Double> times = new ArrayList<>();
                times.add(0.0);
                FlowResult result = adams(method, s, tol).integrate(FIELD, W0, StopCondition.atTime(1),
                        (t, w, value, gradient) -> times.add(t));
                double[] lengths = new double[times.size() - 2]; // the last step is shortened to end at 1
                for (int k = 0; k < lengths.length; k++) {
                    lengths[k] = times.get(k + 1) - times.get(k);
                }
                java.util.Arrays.sort(lengths);
                logH[i] = Math.log(lengths[lengths.length / 2]);
                logError[i] = Math.log(error(result));
            }
            double order = ConvergenceOrderTest.slope(logH, logError);
            int expected = method == Method.BASHFORTH ? s : s + 1;
            assertEquals(expected, order, 0.2, method + " with s = " + s + ": error ~ h^" + order);
        }
    }

    /**
     * The error estimate is the local error of Bashforth's order-{@code s} formula, held at the tolerance
     * per step: Bashforth's global error goes like {@code tol^(s/(s+1))} ({@code h ~ tol^(1/(s+1))}), while
     * Moulton, which advances with the order-{@code (s+1)} corrector, has a global error proportional to
     * the tolerance.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void globalErrorFollowsTheToleranceAsTheControlPredicts(int s) {
        for (Method method : Method.values()) {
            double[] logTol = new double[7];
            double[] logError = new double[7];
            for (int i = 0; i < 7; i++) {
                double tol = Math.pow(10, -4 - i);
                FlowResult result = adams(method, s, tol).integrate(FIELD, W0, StopCondition.atTime(1),
                        FlowObserver.NONE);
                assertEquals(StopReason.TIME_LIMIT, result.stopReason());
                logTol[i] = Math.log(tol);
                logError[i] = Math.log(error(result));
                if (method == Method.MOULTON) {
                    double ratio = error(result) / tol;
                    assertTrue(ratio > 0.01 && ratio < 10, "Moulton s = " + s + ": error / tol = " + ratio);
                }
            }
            double exponent = ConvergenceOrderTest.slope(logTol, logError);
            double expected = method == Method.BASHFORTH ? s / (s + 1.0) : 1.0;
            assertEquals(expected, exponent, 0.07, method + " with s = " + s + ": error ~ tol^" + exponent);
        }
    }

    /** {@code L = -c . w}: the flow {@code w0 + c t} is a polynomial of degree 1, integrated exactly. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7})
    void aLinearFlowIsIntegratedExactly(int s) {
        double[] c = {0.5, -2, 1.25};
        GradientField linear = new GradientField() {
            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                double value = 0;
                for (int i = 0; i < 3; i++) {
                    gradient[i] = -c[i];
                    value -= c[i] * w[i];
                }
                return value;
            }
        };
        for (Method method : Method.values()) {
            FlowResult result = adams(method, s, 1e-6).integrate(linear, W0, StopCondition.atTime(3),
                    FlowObserver.NONE);
            assertEquals(StopReason.TIME_LIMIT, result.stopReason());
            assertTrue(result.steps() > s, "the run goes beyond the starter");
            for (int i = 0; i < 3; i++) {
                assertEquals(W0[i] + 3 * c[i], result.parameters()[i], 1e-13, method + " s = " + s);
            }
        }
    }

    /**
     * Our methods and Hipparchus's (through the same adapter) agree on the end point of the nonlinear
     * two-layer flow to a few tolerances: both control the local error to the tolerance. (Hipparchus's
     * Adams-Moulton with {@code s} steps interpolates {@code s} slopes, order {@code s}; ours {@code s + 1}
     * slopes: compared where both are accurate to the tolerance.)
     */
    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void agreesWithHipparchusAdamsMethodsOnTheTwoLayerFlow(int s) {
        StopCondition stop = StopCondition.atTime(1);
        for (double tol : new double[] {1e-8, 1e-10}) {
            FlowResult reference = Integrators.create("dormand-prince-54", Parameters.of(Map.of("rtol", 1e-14,
                    "atol", 1e-14))).integrate(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, stop,
                    FlowObserver.NONE);
            for (Method method : Method.values()) {
                FlowIntegrator hipparchus = new HipparchusFlowIntegrator("hipparchus", "", (tMax, rejections) ->
                        method == Method.BASHFORTH
                                ? new CountingIntegrators.AdamsBashforth(s, tMax, tol, tol, rejections)
                                : new CountingIntegrators.AdamsMoulton(s, tMax, tol, tol, rejections));
                FlowResult theirs = hipparchus.integrate(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, stop,
                        FlowObserver.NONE);
                FlowResult ours = adams(method, s, tol).integrate(new TwoLayerFactorisation(), TwoLayerFactorisation.W0,
                        stop, FlowObserver.NONE);
                double difference = ConvergenceOrderTest.maxAbsDifference(theirs.parameters(), ours.parameters());
                assertTrue(difference <= 10 * tol, method + " s = " + s + ", tol = " + tol + ": differ by "
                        + difference / tol + " tol");
                double ourError = ConvergenceOrderTest.maxAbsDifference(reference.parameters(), ours.parameters());
                double theirError = ConvergenceOrderTest.maxAbsDifference(reference.parameters(), theirs.parameters());
                assertTrue(ourError <= 1.5 * theirError + tol, method + " s = " + s + ", tol = " + tol
                        + ": our error " + ourError + ", Hipparchus's " + theirError);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7})
    void everyAllowedNumberOfStepsIsAccurate(int steps) {
        double[] exact = FIELD.exactSolution(W0, 1);
        for (String name : new String[] {"adams-bashforth", "adams-moulton"}) {
            FlowResult result = Integrators.create(name, Parameters.of(Map.of("steps", steps, "rtol", 1e-8,
                    "atol", 1e-8))).integrate(FIELD, W0, StopCondition.atTime(1), FlowObserver.NONE);
            double error = ConvergenceOrderTest.maxAbsDifference(exact, result.parameters());
            // Adams-Bashforth with 2 steps is the least accurate: 1.7e-6 at this tolerance
            assertTrue(error < 1e-5, name + " with " + steps + " steps: error " + error);
        }
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void aVeryShortTMaxEndsInsideTheStarterExactlyAtTMax(Method method) {
        for (double tMax : new double[] {1e-3, 1e-6}) {
            FlowResult result = adams(method, 7, 1e-3).integrate(FIELD, W0, StopCondition.atTime(tMax),
                    FlowObserver.NONE);
            assertEquals(StopReason.TIME_LIMIT, result.stopReason());
            assertEquals(tMax, result.time(), 0.0);
        }
    }

    // ------------------------------------------------------------------ counting

    /**
     * Without rejections the count is the documented one: 1 at {@code w0}, 1 for the automatic first step,
     * 6 per Dormand-Prince starter step, then 1 per Adams-Bashforth step or 2 per Adams-Moulton step.
     */
    @ParameterizedTest
    @EnumSource(Method.class)
    void evaluationsAreCountedExactly(Method method) {
        int s = 4;
        CountingField field = new CountingField(FIELD);
        FlowResult result = adams(method, s, 1e-8).integrate(field, W0, StopCondition.atTime(1), FlowObserver.NONE);
        assertEquals(0, result.rejectedSteps(), "this run rejects no step");
        long adamsSteps = result.steps() - (s - 1);
        long perStep = method == Method.BASHFORTH ? 1 : 2;
        assertEquals(2 + 6 * (s - 1) + perStep * adamsSteps, result.evaluations());
        assertEquals(field.count(), result.evaluations());
    }

    /**
     * Rejections reconstructed from the evaluations alone: the starter's attempts cost 6 each after the
     * first 2 evaluations, every Adams-Bashforth attempt 1, every Adams-Moulton attempt 2 when accepted
     * and 1 when its error test fails (the fields here are finite everywhere).
     */
    @ParameterizedTest
    @EnumSource(Method.class)
    void rejectedStepsAreCountedExactly(Method method) {
        int s = 7;
        CountingField field = new CountingField(new TwoLayerFactorisation());
        long[] afterStarter = new long[1];
        FlowObserver observer = new FlowObserver() {
            private long steps;

            @Override
            public boolean onStep(double t, double[] w, double value, double[] gradient) {
                if (++steps == s - 1) {
                    afterStarter[0] = field.count();
                }
                return true;
            }
        };
        FlowResult result = adams(method, s, 1e-6).integrate(field, TwoLayerFactorisation.W0, StopCondition.atTime(10),
                observer);
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertEquals(field.count(), result.evaluations());
        long starterAttempts = (afterStarter[0] - 2) / 6;
        assertEquals(2 + 6 * starterAttempts, afterStarter[0], "the starter spends 6 evaluations per attempt");
        long starterRejections = starterAttempts - (s - 1);
        long adamsEvaluations = result.evaluations() - afterStarter[0];
        long adamsSteps = result.steps() - (s - 1);
        long adamsRejections = method == Method.BASHFORTH ? adamsEvaluations - adamsSteps
                : adamsEvaluations - 2 * adamsSteps;
        assertTrue(adamsRejections > 10, "this run rejects steps: " + adamsRejections);
        assertEquals(starterRejections + adamsRejections, result.rejectedSteps());
    }

    // ------------------------------------------------------------------ the starter and the states

    @ParameterizedTest
    @EnumSource(Method.class)
    void theStarterStatesAndTheNordsieckStatesHoldWhatTheyDocument(Method method) {
        int s = 4;
        Recording recording = new Recording();
        adams(method, s, 1e-8).integrate(FIELD, W0, StopCondition.atTime(1), recording);
        for (IntegratorState state : recording.states) {
            if (state.steps() < s - 1) {
                assertEquals(List.of(AdamsFlowIntegrator.STARTER_ERROR_OLD, AdamsFlowIntegrator.STARTER_H),
                        List.copyOf(state.control().keySet()));
                assertEquals(state.steps() + 1, state.vector(AdamsFlowIntegrator.STARTER_TIMES).length);
                double[] gradients = state.vector(AdamsFlowIntegrator.STARTER_GRADIENTS);
                double[] last = java.util.Arrays.copyOfRange(gradients, gradients.length - 3, gradients.length);
                assertArrayEquals(state.gradient(), last, 0.0, "the last starting gradient is the state's");
            } else {
                assertEquals(List.of(AdamsFlowIntegrator.H, AdamsFlowIntegrator.H_SCALE),
                        List.copyOf(state.control().keySet()));
                assertEquals(s, state.vectors().size(), "the rows h w' .. h^s/s! w^(s)");
                double[] scaled = state.vector(AdamsFlowIntegrator.SCALED);
                double hScale = state.control(AdamsFlowIntegrator.H_SCALE);
                double[] gradient = state.gradient();
                for (int i = 0; i < 3; i++) {
                    assertEquals(-hScale * gradient[i], scaled[i], 0.0, "h w' is minus h times the gradient");
                }
            }
        }
    }

    /**
     * Near {@code t = 0} the time resolves steps far below those that still change {@code w ~ 1}: the run
     * must end DIVERGED at the non-finite region instead of crawling towards it with steps that no longer
     * move {@code w}.
     */
    @ParameterizedTest
    @EnumSource(Method.class)
    @Timeout(60)
    void aNonFiniteRegionCloseToTheStartEndsDivergedWithTheLastFiniteState(Method method) {
        // L = |w|^2 / 2, NaN where w_0 < 0.999: the flow e^-t w0 gets there at t = 0.001
        GradientField nanBelow = new GradientField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                if (w[0] < 0.999) {
                    gradient[0] = Double.NaN;
                    gradient[1] = Double.NaN;
                    return Double.NaN;
                }
                gradient[0] = w[0];
                gradient[1] = w[1];
                return 0.5 * (w[0] * w[0] + w[1] * w[1]);
            }
        };
        FlowResult result = adams(method, 2, 1e-3).integrate(nanBelow, new double[] {1, 1}, StopCondition.atTime(1),
                FlowObserver.NONE);
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertTrue(result.steps() > 1, "the Adams steps reached the region, not the starter");
        assertTrue(result.parameters()[0] >= 0.999);
        assertTrue(result.time() < 0.0011, "stopped at " + result.time());
    }

    // ------------------------------------------------------------------ resuming

    /**
     * On the two-layer factorisation, from every state handed over (during the starter, right after it,
     * and in the Adams loop), the resumed run shows the same steps, bit for bit, and ends with the same
     * result, for several numbers of steps.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 7})
    void resumingFromEveryStateReproducesTheRunBitForBit(int s) {
        for (Method method : Method.values()) {
            StopCondition stop = new StopCondition(3, 1e-6, 1_000_000);
            ResumeCheck check = ResumeCheck.run(adams(method, s, 1e-7), new TwoLayerFactorisation(),
                    TwoLayerFactorisation.W0, stop);
            assertTrue(check.result().steps() > s + 10, "the run goes well beyond the starter");
            int[] every = new int[check.size()];
            for (int i = 0; i < every.length; i++) {
                every[i] = i;
            }
            check.resumeFrom(() -> adams(method, s, 1e-7), every);
        }
    }

    @Test
    void aStateOfTheStarterAndOneOfTheLoopCanBeHandedOverAgainAfterResuming() {
        // resume from step 1 (starter), collect states again, resume from the one right after the starter
        int s = 4;
        StopCondition stop = StopCondition.atTime(2);
        Recording first = new Recording();
        FlowResult uninterrupted = adams(Method.MOULTON, s, 1e-8).integrate(new TwoLayerFactorisation(),
                TwoLayerFactorisation.W0, stop, first);
        Recording second = new Recording();
        adams(Method.MOULTON, s, 1e-8).resume(new TwoLayerFactorisation(), first.states.get(0), stop, second);
        assertEquals(first.states.subList(1, first.states.size()), second.states, "the same states, handed over again");
        FlowResult resumed = adams(Method.MOULTON, s, 1e-8).resume(new TwoLayerFactorisation(),
                second.states.get(s - 3), stop, FlowObserver.NONE);
        assertEquals(s - 1, second.states.get(s - 3).steps());
        assertEquals(uninterrupted, resumed);
    }

    @Test
    void aStateIsRefusedByAnotherConfigurationOrMethod() {
        Recording recording = new Recording();
        adams(Method.BASHFORTH, 4, 1e-8).integrate(FIELD, W0, StopCondition.atTime(1), recording);
        IntegratorState state = recording.states.get(recording.states.size() / 2);
        StopCondition stop = StopCondition.atTime(1);
        assertThrows(IllegalArgumentException.class,
                () -> adams(Method.BASHFORTH, 5, 1e-8).resume(FIELD, state, stop, FlowObserver.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> adams(Method.BASHFORTH, 4, 1e-9).resume(FIELD, state, stop, FlowObserver.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> adams(Method.MOULTON, 4, 1e-8).resume(FIELD, state, stop, FlowObserver.NONE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adams(Method.BASHFORTH, 4, 1e-8).resume(QuadraticField.diagonal(1, 2), state, stop,
                        FlowObserver.NONE));
        assertFalse(e.getMessage().isBlank());
    }
}
