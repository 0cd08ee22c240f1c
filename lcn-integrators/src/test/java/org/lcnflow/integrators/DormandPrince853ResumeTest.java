package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.testkit.QuadraticField;

/**
 * {@code dormand-prince-853} resumed from a state it handed over continues bit for bit: on the two-layer
 * factorisation (a nonlinear LCN flow), resumed at several steps, the result, every later step (time,
 * parameters, value, gradient) and every later state equal those of the uninterrupted run.
 */
class DormandPrince853ResumeTest {

    private static final Parameters SETTINGS = Parameters.of(Map.of("rtol", 1e-9, "atol", 1e-12));

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
    void resumesTheTwoLayerFactorisationBitForBitAtSeveralSteps() {
        checkResumes(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, StopCondition.atTime(3), SETTINGS);
    }

    @Test
    void resumesARunWithRejectedStepsAndTheCountersContinue() {
        // a first step of 1 on a stiff quadratic is rejected; later steps are limited by stability, with
        // further rejections
        Parameters loose = Parameters.of(Map.of("rtol", 1e-4, "atol", 1e-6, "initialStep", 1.0));
        FlowResult result = checkResumes(QuadraticField.diagonal(50, 1), new double[] {1, 1},
                StopCondition.atTime(2), loose);
        assertTrue(result.rejectedSteps() >= 2, "rejections before and after the resume points: " + result);
    }

    @Test
    void resumesToTheSameGradientToleranceStop() {
        FlowResult result = checkResumes(new TwoLayerFactorisation(), TwoLayerFactorisation.W0,
                new StopCondition(1000, 1e-6, 1_000_000), SETTINGS);
        assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason());
    }

    @Test
    void theStateHoldsTheStepSizeAndTheControllersMemory() {
        Recording recording = new Recording();
        FlowIntegrator integrator = Integrators.create("dormand-prince-853", SETTINGS);
        integrator.integrate(new TwoLayerFactorisation(), TwoLayerFactorisation.W0, StopCondition.atTime(1), recording);
        IntegratorState state = recording.states.get(2);
        assertEquals("dormand-prince-853", state.integrator());
        assertEquals(integrator.toString(), state.configuration());
        assertEquals(java.util.Set.of("h", "errorOld"), state.control().keySet());
        assertTrue(state.control("h") > 0 && state.control("errorOld") >= 1e-4);
        assertTrue(integrator.isResumable());
        // another configuration refuses it
        FlowIntegrator other = Integrators.create("dormand-prince-853", Parameters.of(Map.of("rtol", 1e-8)));
        assertThrows(IllegalArgumentException.class, () -> other.resume(new TwoLayerFactorisation(), state,
                StopCondition.atTime(1), FlowObserver.NONE));
        FlowIntegrator dp54 = Integrators.create("dormand-prince-54", SETTINGS);
        assertThrows(IllegalArgumentException.class, () -> dp54.resume(new TwoLayerFactorisation(), state,
                StopCondition.atTime(1), FlowObserver.NONE));
    }

    /** Runs once, resumes from a quarter, half, three quarters and the second-to-last state; returns the result. */
    private static FlowResult checkResumes(GradientField field, double[] w0, StopCondition stop, Parameters settings) {
        Recording uninterrupted = new Recording();
        FlowResult expected = Integrators.create("dormand-prince-853", settings).integrate(field, w0, stop,
                uninterrupted);
        int n = uninterrupted.states.size();
        assertEquals(expected.steps(), n, "a state after every accepted step");
        assertTrue(n >= 8, "a real run: " + expected);
        for (int index : new int[] {0, n / 4, n / 2, 3 * n / 4, n - 2}) {
            IntegratorState from = uninterrupted.states.get(index);
            Recording resumed = new Recording();
            // a fresh instance from the same configuration, as after a restart
            FlowResult result = Integrators.create("dormand-prince-853", settings).resume(field, from, stop, resumed);
            String where = "resumed after step " + from.steps();
            assertEquals(expected, result, where);
            assertEquals(uninterrupted.steps.subList(index + 1, n), resumed.steps, where + ": every later step");
            assertEquals(n - index - 1, resumed.states.size(), where);
            for (int k = 0; k < resumed.states.size(); k++) {
                IntegratorState a = uninterrupted.states.get(index + 1 + k);
                IntegratorState b = resumed.states.get(k);
                assertEquals(a.control(), b.control(), where + ", state " + k);
                assertEquals(a.evaluations(), b.evaluations(), where + ", state " + k);
                assertEquals(a.rejectedSteps(), b.rejectedSteps(), where + ", state " + k);
                assertArrayEquals(a.parameters(), b.parameters(), 0.0, where + ", state " + k);
            }
        }
        return expected;
    }
}
