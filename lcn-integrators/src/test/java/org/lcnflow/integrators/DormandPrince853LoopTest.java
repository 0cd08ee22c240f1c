package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.testkit.CountingField;
import org.lcnflow.testkit.QuadraticField;

/**
 * {@code dormand-prince-853} in the shared Runge-Kutta loop: exact evaluation counts (11 per attempted
 * step, 1 more per accepted one, 1 at {@code w0} and 1 for the automatic initial step), rejections, and
 * the step bounds.
 */
class DormandPrince853LoopTest {

    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    private static final double[] W0 = {1, -1, 0.5};

    @Test
    void evaluatesElevenTimesPerAttemptAndOncePerAcceptedStepPlusStartAndInitialStepSelection() {
        FlowResult auto = run(Map.of("rtol", 1e-8, "atol", 1e-8), FIELD, W0, StopCondition.atTime(3));
        assertEquals(StopReason.TIME_LIMIT, auto.stopReason());
        assertEquals(1 + 1 + 11 * (auto.steps() + auto.rejectedSteps()) + auto.steps(), auto.evaluations());

        FlowResult given = run(Map.of("rtol", 1e-8, "atol", 1e-8, "initialStep", 0.01), FIELD, W0,
                StopCondition.atTime(3));
        assertEquals(1 + 11 * (given.steps() + given.rejectedSteps()) + given.steps(), given.evaluations());
        assertEquals(0, given.rejectedSteps(), "a smooth flow from a small first step");
        assertEquals(1 + 12 * given.steps(), given.evaluations(), "12 per step when none is rejected");
    }

    @Test
    void countsItsRejectionsConsistentlyWithItsEvaluationsNearABlowUp() {
        // near the blow-up of w' = w^2 steps fail; the evaluations give an independent count of the attempts
        FlowResult result = run(Map.of("rtol", 1e-8, "atol", 1e-8), new RungeKuttaLoopTest.CubicBlowUp(),
                new double[] {1}, StopCondition.atTime(0.999));
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertTrue(result.rejectedSteps() > 0, "this run rejects steps");
        assertEquals(2 + 11 * (result.steps() + result.rejectedSteps()) + result.steps(), result.evaluations());
        // errors grow like w^2 towards the blow-up: 2e-6 relative here, at rtol 1e-8
        assertEquals(1 / (1 - 0.999), result.parameters()[0], 1e-5 * 1000, "w(0.999) = 1000");
    }

    @Test
    void rejectsATooLargeFirstStepAndRetriesSmaller() {
        // lambda = 50: a first step of 1 has h lambda = 50, far outside the stability region
        List<Double> times = new ArrayList<>();
        FlowResult result = run(Map.of("rtol", 1e-6, "atol", 1e-9, "initialStep", 1.0), QuadraticField.diagonal(50, 1),
                new double[] {1, 1}, StopCondition.atTime(1), (t, w, v, g) -> times.add(t));
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertTrue(result.rejectedSteps() >= 1, "the first attempt is rejected");
        assertTrue(times.get(0) < 1.0 / 50, "the first accepted step is within the stiff time scale: " + times.get(0));
        assertTrue(times.get(1) - times.get(0) <= times.get(0), "no growth right after a rejection");
        assertEquals(1 + 11 * (result.steps() + result.rejectedSteps()) + result.steps(), result.evaluations());
    }

    @Test
    void stepsGrowAtMostSixfold() {
        // DOP853's largest factor
        List<Double> times = new ArrayList<>();
        times.add(0.0);
        run(Map.of("rtol", 1e-10, "atol", 1e-10, "initialStep", 1e-6), QuadraticField.diagonal(50, 1),
                new double[] {1, 1}, StopCondition.atTime(5), (t, w, v, g) -> times.add(t));
        double largestGrowth = 0;
        for (int i = 2; i < times.size() - 1; i++) { // the last step is shortened to tMax
            double ratio = (times.get(i) - times.get(i - 1)) / (times.get(i - 1) - times.get(i - 2));
            assertTrue(ratio <= 6 * (1 + 1e-9), "step " + i + " grew by " + ratio);
            largestGrowth = Math.max(largestGrowth, ratio);
        }
        assertEquals(6.0, largestGrowth, 1e-9, "from 1e-6 the first steps grow by the largest factor");
    }

    @Test
    void neverStepsBeyondMaxStep() {
        List<Double> times = new ArrayList<>();
        times.add(0.0);
        run(Map.of("maxStep", 0.1), FIELD, W0, StopCondition.atTime(2), (t, w, v, g) -> times.add(t));
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) - times.get(i - 1) <= 0.1 * (1 + 1e-12));
        }
        assertTrue(times.size() - 1 >= 20, "2 / 0.1 = 20 steps at least");
    }

    @Test
    void underflowBelowMinStepEndsDivergedWithTheLastAcceptedState() {
        List<double[]> states = new ArrayList<>();
        FlowResult result = run(Map.of("rtol", 1e-8, "atol", 1e-8, "minStep", 1e-3),
                new RungeKuttaLoopTest.CubicBlowUp(), new double[] {1}, StopCondition.atTime(2),
                (t, w, v, g) -> states.add(w.clone()));
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertTrue(result.time() < 1 && result.parameters()[0] > 10, "stopped close to the blow-up: " + result);
        assertEquals(states.get(states.size() - 1)[0], result.parameters()[0], 0.0);
    }

    private static FlowResult run(Map<String, ?> parameters, org.lcnflow.api.GradientField field, double[] w0,
                                  StopCondition stop) {
        return run(parameters, field, w0, stop, FlowObserver.NONE);
    }

    private static FlowResult run(Map<String, ?> parameters, org.lcnflow.api.GradientField field, double[] w0,
                                  StopCondition stop, FlowObserver observer) {
        CountingField counting = new CountingField(field);
        FlowIntegrator integrator = Integrators.create("dormand-prince-853", Parameters.of(parameters));
        FlowResult result = integrator.integrate(counting, w0, stop, observer);
        assertEquals(counting.count(), result.evaluations(), "evaluations are the field's calls");
        return result;
    }
}
