package org.lcnflow.integrators.hipparchus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.ConvergenceOrderTest;
import org.lcnflow.integrators.RungeKuttaLoopTest;
import org.lcnflow.testkit.QuadraticField;

/** What is particular to Hipparchus's own integrators behind the interface ({@link HipparchusIntegrators}). */
class HipparchusIntegratorsTest {

    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    private static final double[] W0 = {1, -1, 0.5};

    @Test
    void dormandPrince853CountsItsRejectionsConsistentlyWithItsEvaluations() {
        // near the blow-up of w' = w^2 many steps fail; Hipparchus 4.0.2 spends 15 evaluations on every
        // attempted step and 2 at the start, and the handler's evaluations are reused from its own, so the
        // evaluations give an independent count of the attempts
        FlowResult result = HipparchusIntegrators.dormandPrince853(Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-8)))
                .integrate(new RungeKuttaLoopTest.CubicBlowUp(), new double[] {1}, StopCondition.atTime(0.999),
                        FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertTrue(result.rejectedSteps() > 0, "this run rejects steps");
        assertEquals(2 + 15 * (result.steps() + result.rejectedSteps()), result.evaluations());
    }

    @Test
    void dormandPrince853UnderflowBelowMinStepEndsDivergedWithTheLastAcceptedState() {
        List<double[]> states = new ArrayList<>();
        FlowResult result = HipparchusIntegrators.dormandPrince853(
                        Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-8, "minStep", 1e-3)))
                .integrate(new RungeKuttaLoopTest.CubicBlowUp(), new double[] {1}, StopCondition.atTime(2),
                        (t, w, v, g) -> states.add(w.clone()));
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertTrue(result.time() < 1);
        assertEquals(states.get(states.size() - 1)[0], result.parameters()[0], 0.0);
    }

    @Test
    void dormandPrince853NeverStepsBeyondMaxStep() {
        List<Double> times = new ArrayList<>();
        times.add(0.0);
        HipparchusIntegrators.dormandPrince853(Parameters.of(Map.of("maxStep", 0.1)))
                .integrate(FIELD, W0, StopCondition.atTime(2), (t, w, v, g) -> times.add(t));
        assertTrue(times.size() >= 21, "at least 20 steps of at most 0.1 to t = 2");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) - times.get(i - 1) <= 0.1 * (1 + 1e-12));
        }
    }

    @Test
    void graggBulirschStoerReportsNoRejectedStepsAsDocumented() {
        // a blow-up forces Hipparchus to reject steps; it has no hook to count them
        FlowResult result = HipparchusIntegrators.graggBulirschStoer(Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-8)))
                .integrate(new RungeKuttaLoopTest.CubicBlowUp(), new double[] {1}, StopCondition.atTime(0.999),
                        FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertEquals(0, result.rejectedSteps());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void adamsIntegratorsReachAVeryShortTMax(boolean moulton) {
        // Hipparchus's own Adams starter would run past so short an interval ("starter stopped early")
        Function<Parameters, FlowIntegrator> adams = moulton ? HipparchusIntegrators::adamsMoulton
                : HipparchusIntegrators::adamsBashforth;
        for (double tMax : new double[] {1e-3, 1e-6}) {
            FlowResult result = adams.apply(Parameters.of(Map.of("rtol", 1e-3, "atol", 1e-3)))
                    .integrate(FIELD, W0, StopCondition.atTime(tMax), FlowObserver.NONE);
            assertEquals(StopReason.TIME_LIMIT, result.stopReason());
            assertEquals(tMax, result.time(), 0.0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7})
    void adamsIntegratorsWorkWithEveryAllowedNumberOfSteps(int steps) {
        double[] exact = FIELD.exactSolution(W0, 1);
        Parameters parameters = Parameters.of(Map.of("steps", steps, "rtol", 1e-8, "atol", 1e-8));
        for (FlowIntegrator integrator : new FlowIntegrator[] {HipparchusIntegrators.adamsBashforth(parameters),
            HipparchusIntegrators.adamsMoulton(parameters)}) {
            FlowResult result = integrator.integrate(FIELD, W0, StopCondition.atTime(1), FlowObserver.NONE);
            double error = ConvergenceOrderTest.maxAbsDifference(exact, result.parameters());
            // Adams-Bashforth with 2 steps is the least accurate: 1.7e-6 at this tolerance
            assertTrue(error < 1e-5, integrator + ": error " + error);
        }
    }
}
