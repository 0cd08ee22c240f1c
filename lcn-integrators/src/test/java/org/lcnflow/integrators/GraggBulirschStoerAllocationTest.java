package org.lcnflow.integrators;

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
 * {@code gragg-bulirsch-stoer} allocates its table and work vectors once per run, not per step: a run of
 * 100 times as many steps allocates no more (measured per thread with the JDK's ThreadMXBean).
 */
class GraggBulirschStoerAllocationTest {

    private static final GradientField FIELD = StepAllocation.halfSquaredNorm(1);

    @Test
    void stepsAllocateNothing() {
        FlowIntegrator integrator = Integrators.create("gragg-bulirsch-stoer",
                Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-12, "maxStep", 0.01)));
        double[] w0 = StepAllocation.startingPoint();
        for (int i = 0; i < 5; i++) {
            integrator.integrate(FIELD, w0, StopCondition.atTime(100), FlowObserver.NONE);
        }
        long few = StepAllocation.allocated(integrator, FIELD, w0, 1);
        long many = StepAllocation.allocated(integrator, FIELD, w0, 100);
        FlowResult result = integrator.integrate(FIELD, w0, StopCondition.atTime(100), FlowObserver.NONE);
        // maxStep bounds every step; where it binds, the work per unit step lowers the order until the
        // step proposed is below it, so a few steps are shorter
        assertTrue(result.steps() >= 10_000 && result.steps() <= 11_000, "about 10000 steps: " + result.steps());
        assertTrue(result.evaluations() > 7 * result.steps(), "at least two columns a step");
        assertTrue(many - few < 1024, "a run of 100 steps allocated " + few + " bytes, of 10000 steps " + many
                + " bytes");
    }
}
