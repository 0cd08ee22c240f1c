package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;

/**
 * The Adams loop allocates its Nordsieck rows and work vectors once per run, not per step: a run of about
 * 100 times as many steps allocates no more (measured per thread with the JDK's ThreadMXBean, as
 * {@link RungeKuttaAllocationTest}).
 */
class AdamsAllocationTest {

    private static final GradientField FIELD = StepAllocation.halfSquaredNorm(-1);

    @ParameterizedTest
    @ValueSource(strings = {"adams-bashforth", "adams-moulton"})
    void stepsAllocateNothing(String name) {
        FlowIntegrator integrator = Integrators.create(name, Parameters.of(Map.of("rtol", 1e-12, "atol", 1e-12)));
        double[] w0 = StepAllocation.startingPoint();
        double shortRun = 0.5;
        double longRun = 50;
        for (int i = 0; i < 5; i++) {
            integrator.integrate(FIELD, w0, StopCondition.atTime(longRun), FlowObserver.NONE);
        }
        long few = StepAllocation.allocated(integrator, FIELD, w0, shortRun);
        long many = StepAllocation.allocated(integrator, FIELD, w0, longRun);
        long fewSteps = integrator.integrate(FIELD, w0, StopCondition.atTime(shortRun), FlowObserver.NONE).steps();
        FlowResult result = integrator.integrate(FIELD, w0, StopCondition.atTime(longRun), FlowObserver.NONE);
        assertTrue(result.steps() > 50 * fewSteps && result.steps() > 5000, name + " takes " + fewSteps + " and "
                + result.steps() + " steps");
        assertTrue(many - few < 1024, name + ": a run of " + fewSteps + " steps allocated " + few + " bytes, of "
                + result.steps() + " steps " + many + " bytes");
    }
}
