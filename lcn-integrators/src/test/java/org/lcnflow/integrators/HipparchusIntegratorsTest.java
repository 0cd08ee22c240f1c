package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.testkit.QuadraticField;

/** What is particular to the Hipparchus integrators behind the interface. */
class HipparchusIntegratorsTest {

    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    private static final double[] W0 = {1, -1, 0.5};

    @ParameterizedTest
    @ValueSource(strings = {"adams-bashforth", "adams-moulton"})
    void adamsIntegratorsReachAVeryShortTMax(String name) {
        // Hipparchus's own Adams starter would run past so short an interval ("starter stopped early")
        for (double tMax : new double[] {1e-3, 1e-6}) {
            FlowResult result = Integrators.create(name, Parameters.of(Map.of("rtol", 1e-3, "atol", 1e-3)))
                    .integrate(FIELD, W0, StopCondition.atTime(tMax), FlowObserver.NONE);
            assertEquals(StopReason.TIME_LIMIT, result.stopReason());
            assertEquals(tMax, result.time(), 0.0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7})
    void adamsIntegratorsWorkWithEveryAllowedNumberOfSteps(int steps) {
        double[] exact = FIELD.exactSolution(W0, 1);
        for (String name : new String[] {"adams-bashforth", "adams-moulton"}) {
            FlowResult result = Integrators.create(name, Parameters.of(Map.of("steps", steps, "rtol", 1e-8,
                    "atol", 1e-8))).integrate(FIELD, W0, StopCondition.atTime(1), FlowObserver.NONE);
            double error = ConvergenceOrderTest.maxAbsDifference(exact, result.parameters());
            // Adams-Bashforth with 2 steps is the least accurate: 1.7e-6 at this tolerance
            assertTrue(error < 1e-5, name + " with " + steps + " steps: error " + error);
        }
    }
}
