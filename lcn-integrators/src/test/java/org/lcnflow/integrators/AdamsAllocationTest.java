package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
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

    /** {@code L = -|w|^2 / 2}: the flow {@code e^t w0} grows, so relative error control keeps the step constant. */
    private static final GradientField FIELD = new GradientField() {
        @Override
        public int dimension() {
            return 12;
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            double value = 0;
            for (int i = 0; i < w.length; i++) {
                gradient[i] = -w[i];
                value -= 0.5 * w[i] * w[i];
            }
            return value;
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"adams-bashforth", "adams-moulton"})
    void stepsAllocateNothing(String name) {
        FlowIntegrator integrator = Integrators.create(name, Parameters.of(Map.of("rtol", 1e-12, "atol", 1e-12)));
        double[] w0 = new double[FIELD.dimension()];
        for (int i = 0; i < w0.length; i++) {
            w0[i] = 1 + i;
        }
        double shortRun = 0.5;
        double longRun = 50;
        for (int i = 0; i < 5; i++) {
            integrator.integrate(FIELD, w0, StopCondition.atTime(longRun), FlowObserver.NONE);
        }
        long few = allocated(integrator, w0, shortRun);
        long many = allocated(integrator, w0, longRun);
        long fewSteps = integrator.integrate(FIELD, w0, StopCondition.atTime(shortRun), FlowObserver.NONE).steps();
        FlowResult result = integrator.integrate(FIELD, w0, StopCondition.atTime(longRun), FlowObserver.NONE);
        assertTrue(result.steps() > 50 * fewSteps && result.steps() > 5000, name + " takes " + fewSteps + " and "
                + result.steps() + " steps");
        assertTrue(many - few < 1024, name + ": a run of " + fewSteps + " steps allocated " + few + " bytes, of "
                + result.steps() + " steps " + many + " bytes");
    }

    private static long allocated(FlowIntegrator integrator, double[] w0, double tMax) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        integrator.integrate(FIELD, w0, StopCondition.atTime(tMax), FlowObserver.NONE);
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
