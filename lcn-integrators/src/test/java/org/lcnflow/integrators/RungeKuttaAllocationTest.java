package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;

/**
 * The Runge-Kutta loop allocates its stage vectors once per run, not per step: a run of 100 times as many
 * steps allocates no more (measured per thread with the JDK's ThreadMXBean).
 */
class RungeKuttaAllocationTest {

    private static final GradientField FIELD = StepAllocation.halfSquaredNorm(1);

    @Test
    void stepsAllocateNothing() {
        check("euler", Map.of("step", 0.01), 1, 100);
        check("rk4", Map.of("step", 0.01), 1, 100);
        check("dormand-prince-54", Map.of("rtol", 1e-8, "atol", 1e-12, "maxStep", 0.01), 1, 100);
        check("dormand-prince-853", Map.of("rtol", 1e-8, "atol", 1e-12, "maxStep", 0.01), 1, 100);
    }

    private static void check(String name, Map<String, Object> parameters, double shortRun, double longRun) {
        FlowIntegrator integrator = Integrators.create(name, Parameters.of(parameters));
        double[] w0 = StepAllocation.startingPoint();
        for (int i = 0; i < 5; i++) {
            integrator.integrate(FIELD, w0, StopCondition.atTime(longRun), FlowObserver.NONE);
        }
        long few = StepAllocation.allocated(integrator, FIELD, w0, shortRun);
        long many = StepAllocation.allocated(integrator, FIELD, w0, longRun);
        FlowResult result = integrator.integrate(FIELD, w0, StopCondition.atTime(longRun), FlowObserver.NONE);
        assertEquals(10_000, result.steps(), 10, name + " takes about 10000 steps");
        assertTrue(many - few < 1024, name + ": a run of 100 steps allocated " + few + " bytes, of 10000 steps "
                + many + " bytes");
    }
}
