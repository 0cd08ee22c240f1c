package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        ResumeCheck.Recording recording = new ResumeCheck.Recording();
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

    /**
     * {@link ResumeCheck#checkResumes} with a fresh instance from the same configuration for each resumed run,
     * as after a restart.
     */
    private static FlowResult checkResumes(GradientField field, double[] w0, StopCondition stop, Parameters settings) {
        return ResumeCheck.checkResumes(Integrators.create("dormand-prince-853", settings),
                () -> Integrators.create("dormand-prince-853", settings), field, w0, stop).result();
    }
}
