package org.lcnflow.integrators.extrapolation;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.ode.nonstiff.GraggBulirschStoerIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
import org.lcnflow.integrators.RungeKuttaLoopTest;
import org.lcnflow.integrators.TwoLayerFactorisation;
import org.lcnflow.integrators.hipparchus.HipparchusFlowIntegrator;
import org.lcnflow.testkit.CountingField;
import org.lcnflow.testkit.QuadraticField;

/**
 * What is particular to {@code gragg-bulirsch-stoer}, this module's extrapolation integrator: the order of
 * the extrapolation table, tolerance proportionality, agreement with Hipparchus's implementation of the
 * same method, exact counts of evaluations and rejected steps, the step bounds, and bit-for-bit resumption
 * on a nonlinear field.
 */
class GraggBulirschStoerIntegratorTest {

    /** {@code A = tridiag(-1, 2, -1)} (eigenvalues 0.59, 2, 3.41), {@code b = (1, 0, 1)}. */
    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    private static final double[] W0 = {1, -1, 0.5};

    private static FlowIntegrator gbs(Map<String, ?> parameters) {
        return Integrators.create("gragg-bulirsch-stoer", Parameters.of(parameters));
    }

    // ------------------------------------------------------------------ the method

    /**
     * One step with {@code c} columns ends at {@code T_{c-1,c-1}}, of order {@code 2c}: its local error on the
     * flow with exact solution is {@code O(h^(2c+1))} (HNW II.9). The step ranges keep the errors between
     * about {@code 1e-4} and {@code 1e-14}, in the asymptotic regime and above rounding.
     */
    @Test
    void oneStepWithCColumnsHasLocalErrorOfOrderTwoCPlusOne() {
        GraggBulirschStoerFlowIntegrator integrator = (GraggBulirschStoerFlowIntegrator) gbs(Map.of());
        double[] largestStep = {0.05, 0.1, 0.2, 0.3};
        for (int c = 1; c <= largestStep.length; c++) {
            double[] logH = new double[4];
            double[] logError = new double[4];
            for (int i = 0; i < logH.length; i++) {
                double h = largestStep[c - 1] / (1 << i);
                double[] step = integrator.extrapolatedStep(FIELD, W0, h, c);
                logH[i] = Math.log(h);
                logError[i] = Math.log(ConvergenceOrderTest.maxAbsDifference(FIELD.exactSolution(W0, h), step));
            }
            double order = ConvergenceOrderTest.slope(logH, logError);
            assertEquals(2 * c + 1, order, 0.25, c + " columns: local error ~ h^" + order);
        }
    }

    @Test
    void theStepNumberSequenceIsHarmonic() {
        GraggBulirschStoerFlowIntegrator integrator = (GraggBulirschStoerFlowIntegrator) gbs(Map.of("maxOrder", 12));
        for (int j = 0; j < 6; j++) {
            assertEquals(2 * (j + 1), integrator.substeps(j));
        }
    }

    /**
     * On the flow with exact solution the global error follows the tolerance for every maximal order:
     * within {@code [1e-3, 10] tol} over {@code tol = 1e-4 .. 1e-10}.
     */
    @ParameterizedTest
    @ValueSource(ints = {6, 10, 18, 30})
    void globalErrorFollowsTheToleranceForEveryMaximalOrder(int maxOrder) {
        double[] exact = FIELD.exactSolution(W0, 1);
        for (int i = 4; i <= 10; i++) {
            double tol = Math.pow(10, -i);
            FlowResult result = gbs(Map.of("rtol", tol, "atol", tol, "maxOrder", maxOrder))
                    .integrate(FIELD, W0, StopCondition.atTime(1), FlowObserver.NONE);
            assertEquals(StopReason.TIME_LIMIT, result.stopReason());
            double ratio = ConvergenceOrderTest.maxAbsDifference(exact, result.parameters()) / tol;
            assertTrue(ratio >= 1e-3 && ratio <= 10, "maxOrder " + maxOrder + ", tol " + tol + ": error / tol = "
                    + ratio);
        }
    }

    /**
     * Hipparchus's {@code GraggBulirschStoerIntegrator} (Deuflhard's sequence, dense output and its
     * interpolation error in the step control) and this one take different steps, but both follow the
     * flow of the two-layer factorisation to about the tolerance: within {@code 5 tol} of each other and of
     * a Dormand-Prince reference at {@code 1e-13}.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e-6, 1e-8, 1e-10})
    void agreesWithHipparchusGraggBulirschStoerToTheTolerance(double tol) {
        StopCondition stop = StopCondition.atTime(3);
        GradientField field = new TwoLayerFactorisation();
        FlowResult ours = gbs(Map.of("rtol", tol, "atol", tol)).integrate(field, TwoLayerFactorisation.W0, stop,
                FlowObserver.NONE);
        FlowResult hipparchus = new HipparchusFlowIntegrator("hipparchus-gbs", "rtol=" + tol + ", atol=" + tol,
                (tMax, rejections) -> new GraggBulirschStoerIntegrator(0.0, Double.POSITIVE_INFINITY, tol, tol))
                .integrate(field, TwoLayerFactorisation.W0, stop, FlowObserver.NONE);
        FlowResult reference = Integrators.create("dormand-prince-54", Parameters.of(Map.of("rtol", 1e-13,
                "atol", 1e-13))).integrate(field, TwoLayerFactorisation.W0, stop, FlowObserver.NONE);
        double toHipparchus = ConvergenceOrderTest.maxAbsDifference(ours.parameters(), hipparchus.parameters());
        double toReference = ConvergenceOrderTest.maxAbsDifference(ours.parameters(), reference.parameters());
        assertAll(
                () -> assertEquals(StopReason.TIME_LIMIT, ours.stopReason()),
                () -> assertEquals(StopReason.TIME_LIMIT, hipparchus.stopReason()),
                () -> assertTrue(toHipparchus <= 5 * tol, "differs from Hipparchus by " + toHipparchus),
                () -> assertTrue(toReference <= 5 * tol, "differs from the reference by " + toReference),
                // the flow moved: agreement is not the trivial agreement on w0
                () -> assertTrue(ConvergenceOrderTest.maxAbsDifference(ours.parameters(), TwoLayerFactorisation.W0)
                        > 0.1));
    }

    // ------------------------------------------------------------------ counts

    /**
     * For a linear loss the gradient is constant and the midpoint rule exact, so every column gives the same
     * point and the error estimate of the second column is 0: every step converges there and costs
     * {@code n_0 + n_1 = 2 + 4} gradients plus one at the new point; with steps of {@code 1/8} the run to
     * {@code t = 1} takes 8 steps. The automatic initial step costs one more evaluation.
     */
    @Test
    void aStepConvergingInTheSecondColumnCostsSevenEvaluations() {
        GradientField linear = new LinearField(new double[] {0.5, -2, 1});
        double[] w0 = {1, 2, 3};
        CountingField given = new CountingField(linear);
        FlowResult result = gbs(Map.of("initialStep", 0.125, "maxStep", 0.125))
                .integrate(given, w0, StopCondition.atTime(1), FlowObserver.NONE);
        assertAll(
                () -> assertEquals(StopReason.TIME_LIMIT, result.stopReason()),
                () -> assertEquals(8, result.steps()),
                () -> assertEquals(0, result.rejectedSteps()),
                () -> assertEquals(1 + 7 * 8, result.evaluations()),
                () -> assertEquals(given.count(), result.evaluations()),
                () -> assertArrayEquals(new double[] {0.5, 4, 2}, result.parameters(), 1e-14, "w0 - t c at t = 1"));

        CountingField automatic = new CountingField(linear);
        FlowResult auto = gbs(Map.of("maxStep", 0.125)).integrate(automatic, w0, StopCondition.atTime(1),
                FlowObserver.NONE);
        assertEquals(0, auto.rejectedSteps());
        assertEquals(1 + 1 + 7 * auto.steps(), auto.evaluations());
        assertEquals(automatic.count(), auto.evaluations());
    }

    /**
     * {@code L(w) = w} for {@code w >= 1/2}, not finite below: the flow is {@code w(t) = 1 - t}. With an
     * initial step of 8 and {@code rtol = 1e-2} (target column 1) the attempts, worked out by hand from the
     * documented method, are: {@code h = 8, 4, 2}, whose first substep {@code 1 - h/2} is below 1/2 (one
     * evaluation each, rejected); {@code h = 1}, whose first substep is 1/2 but second 0 (two evaluations,
     * rejected); {@code h = 1/2}, whose columns of 2 and 4 substeps stay in the finite region and agree
     * exactly (6 evaluations, accepted at {@code w = 1/2}), and one evaluation at the new point. Every
     * non-finite attempt halves the step.
     */
    @Test
    void everyRejectedAttemptAndEveryEvaluationIsCounted() {
        CountingField counting = new CountingField(new LinearAboveHalf());
        List<Double> times = new ArrayList<>();
        FlowResult result = gbs(Map.of("rtol", 1e-2, "atol", 1e-2, "initialStep", 8.0))
                .integrate(counting, new double[] {1}, new StopCondition(100, 0, 1), (t, w, v, g) -> times.add(t));
        assertAll(
                () -> assertEquals(StopReason.STEP_LIMIT, result.stopReason()),
                () -> assertEquals(1, result.steps()),
                () -> assertEquals(4, result.rejectedSteps()),
                () -> assertEquals(1 + (1 + 1 + 1 + 2) + (2 + 4) + 1, result.evaluations()),
                () -> assertEquals(counting.count(), result.evaluations()),
                () -> assertEquals(List.of(0.5), times),
                () -> assertEquals(0.5, result.parameters()[0], 0.0));
    }

    /**
     * {@code L = w^2 / 2}: the first substep of a step {@code h} changes the gradient by the factor
     * {@code h / 2}, so the stability check rejects every step above 4. From an initial step of 64 the
     * attempts 64, 32, 16 and 8 are rejected before any is accepted, and no accepted step exceeds 4; the
     * run still ends accurately at {@code tMax}.
     */
    @Test
    void theStabilityCheckRejectsStepsBeyondTheMidpointRulesReach() {
        List<Double> times = new ArrayList<>();
        times.add(0.0);
        FlowResult result = gbs(Map.of("rtol", 1e-8, "atol", 1e-8, "initialStep", 64.0))
                .integrate(QuadraticField.diagonal(1), new double[] {1}, StopCondition.atTime(20),
                        (t, w, v, g) -> times.add(t));
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertTrue(result.rejectedSteps() >= 4, "rejected " + result.rejectedSteps());
        for (int i = 1; i < times.size(); i++) {
            double step = times.get(i) - times.get(i - 1);
            assertTrue(step <= 4 * (1 + 1e-12), "step " + step + " > 4");
        }
        assertEquals(Math.exp(-20), result.parameters()[0], 1e-8);
    }

    @Test
    void rejectsStepsNearABlowUpAndCountsThemConsistently() {
        // w' = w^2 from 1: w = 1 / (1 - t); near t = 1 the error test rejects steps
        CountingField counting = new CountingField(new RungeKuttaLoopTest.CubicBlowUp());
        FlowResult result = gbs(Map.of("rtol", 1e-8, "atol", 1e-8)).integrate(counting, new double[] {1},
                StopCondition.atTime(0.999), FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertTrue(result.rejectedSteps() > 0, "this run rejects steps");
        assertEquals(counting.count(), result.evaluations());
        // the flow amplifies errors like w^2 near the blow-up: 1e-5 relative at w = 1000
        assertEquals(1 / (1 - 0.999), result.parameters()[0], 1000 * 1e-5);
    }

    // ------------------------------------------------------------------ step bounds

    @Test
    void neverStepsBeyondMaxStep() {
        double maxStep = 0.05;
        List<Double> times = new ArrayList<>();
        times.add(0.0);
        gbs(Map.of("rtol", 1e-3, "atol", 1e-3, "maxStep", maxStep))
                .integrate(FIELD, W0, StopCondition.atTime(2), (t, w, v, g) -> times.add(t));
        for (int i = 1; i < times.size(); i++) {
            double step = times.get(i) - times.get(i - 1);
            assertTrue(step <= maxStep * (1 + 1e-12), "step " + step + " > maxStep");
        }
        assertTrue(times.size() - 1 >= 40, "2 / 0.05 = 40 steps at least");
    }

    @Test
    void endsDivergedWithTheLastAcceptedStateWhenTheStepMustShrinkBelowMinStep() {
        List<double[]> states = new ArrayList<>();
        FlowResult result = gbs(Map.of("rtol", 1e-6, "atol", 1e-6, "minStep", 1e-3))
                .integrate(new RungeKuttaLoopTest.CubicBlowUp(), new double[] {1}, StopCondition.atTime(2),
                        (t, w, v, g) -> states.add(w.clone()));
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertTrue(result.time() < 1 && result.parameters()[0] > 10, "stopped close to the blow-up: " + result);
        assertEquals(states.get(states.size() - 1)[0], result.parameters()[0], 0.0);
    }

    // ------------------------------------------------------------------ resuming

    /**
     * On the nonlinear two-layer factorisation, and near a blow-up where steps are rejected, a run resumed
     * from the state after any of several steps hands over the same states afterwards and ends with the
     * same result, bit for bit, as the uninterrupted run.
     */
    @Test
    void resumesBitForBitOnANonlinearFieldFromSeveralSteps() {
        checkResumption(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, StopCondition.atTime(5),
                Map.of("rtol", 1e-9, "atol", 1e-12));
        checkResumption(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, new StopCondition(50, 1e-7, 10_000),
                Map.of());
        FlowResult nearBlowUp = checkResumption(new RungeKuttaLoopTest.CubicBlowUp(), new double[] {1},
                StopCondition.atTime(0.999), Map.of("rtol", 1e-8, "atol", 1e-8, "maxOrder", 10));
        assertTrue(nearBlowUp.rejectedSteps() > 0, "the resumed counts include rejected steps");
    }

    /** {@link ResumeCheck}, each resumed run on a fresh instance, from the first two states and a spread. */
    private static FlowResult checkResumption(GradientField field, double[] w0, StopCondition stop,
                                        Map<String, ?> parameters) {
        ResumeCheck check = ResumeCheck.run(gbs(parameters), field, w0, stop);
        int n = check.size();
        return check.resumeFrom(() -> gbs(parameters), 0, 1, n / 4, n / 2, 3 * n / 4, n - 2).result();
    }

    /** A run stopped by its step budget and resumed with a larger one ends where one run would have. */
    @Test
    void aRunStoppedByItsStepBudgetContinuesExactly() {
        StopCondition all = StopCondition.atTime(5);
        Recording recording = new Recording();
        FlowResult partial = gbs(Map.of()).integrate(new TwoLayerFactorisation(), TwoLayerFactorisation.W0,
                new StopCondition(5, 0, 6), recording);
        assertEquals(StopReason.STEP_LIMIT, partial.stopReason());
        FlowResult continued = gbs(Map.of()).resume(new TwoLayerFactorisation(), recording.lastState(), all,
                FlowObserver.NONE);
        FlowResult whole = gbs(Map.of()).integrate(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, all,
                FlowObserver.NONE);
        assertEquals(whole, continued);
    }

    @Test
    void theStateHoldsTheStepTheOrderAndTheRejectionFlag() {
        Recording recording = new Recording();
        gbs(Map.of("rtol", 1e-9, "atol", 1e-12)).integrate(new TwoLayerFactorisation(), TwoLayerFactorisation.W0,
                StopCondition.atTime(1), recording);
        for (IntegratorState state : recording.states) {
            assertEquals(java.util.Set.of("h", "order", "rejected"), state.control().keySet());
            assertTrue(state.control("h") > 0);
            double order = state.control("order");
            assertTrue(order >= 4 && order <= 16 && order % 2 == 0, "order " + order);
            assertEquals(0.0, state.control("rejected"), "states are handed over after accepted steps");
            assertTrue(state.vectors().isEmpty());
        }
    }

    @Test
    void resumeRefusesAnotherConfigurationAndBadControlEntries() {
        Recording recording = new Recording();
        gbs(Map.of("rtol", 1e-6)).integrate(FIELD, W0, StopCondition.atTime(1), recording);
        IntegratorState state = recording.states.get(0);
        StopCondition stop = StopCondition.atTime(1);
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> gbs(Map.of("rtol", 1e-7)).resume(FIELD, state, stop, FlowObserver.NONE));
        assertTrue(other.getMessage().contains("resume with the integrator that saved it"), other.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> gbs(Map.of("rtol", 1e-6, "maxOrder", 10)).resume(FIELD, state, stop, FlowObserver.NONE));
        FlowIntegrator same = gbs(Map.of("rtol", 1e-6));
        for (Map.Entry<String, Double> bad : List.of(Map.entry("order", 5.0), Map.entry("order", 18.0),
                Map.entry("order", 2.0), Map.entry("h", -1.0), Map.entry("h", Double.NaN),
                Map.entry("rejected", 0.5))) {
            Map<String, Double> control = new HashMap<>(state.control());
            control.put(bad.getKey(), bad.getValue());
            IntegratorState edited = withControl(state, control);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> same.resume(FIELD, edited, stop, FlowObserver.NONE), bad.toString());
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
        Map<String, Double> withoutH = new HashMap<>(state.control());
        withoutH.remove("h");
        assertThrows(IllegalArgumentException.class,
                () -> same.resume(FIELD, withControl(state, withoutH), stop, FlowObserver.NONE));
    }

    private static IntegratorState withControl(IntegratorState state, Map<String, Double> control) {
        return new IntegratorState(state.integrator(), state.configuration(), state.time(), state.steps(),
                state.rejectedSteps(), state.evaluations(), state.parameters(), state.value(), state.gradient(),
                control);
    }

    // ------------------------------------------------------------------ fixtures

    /** {@code L(w) = c . w}: a constant gradient, the flow {@code w0 - t c}. */
    private static final class LinearField implements GradientField {

        private final double[] c;

        LinearField(double[] c) {
            this.c = c.clone();
        }

        @Override
        public int dimension() {
            return c.length;
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            double value = 0;
            for (int i = 0; i < c.length; i++) {
                gradient[i] = c[i];
                value += c[i] * w[i];
            }
            return value;
        }
    }

    /** {@code L(w) = w} where {@code w >= 1/2}; NaN value and gradient below. */
    private static final class LinearAboveHalf implements GradientField {

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            if (w[0] < 0.5) {
                gradient[0] = Double.NaN;
                return Double.NaN;
            }
            gradient[0] = 1;
            return w[0];
        }
    }
}
