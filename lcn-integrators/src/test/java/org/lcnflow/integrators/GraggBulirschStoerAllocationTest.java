package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
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

    /** {@code L = |w|^2 / 2}: allocates nothing. */
    private static final GradientField FIELD = new GradientField() {
        @Override
        public int dimension() {
            return 12;
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            double value = 0;
            for (int i = 0; i < w.length; i++) {
                gradient[i] = w[i];
                value += 0.5 * w[i] * w[i];
            }
            return value;
        }
    };

    @Test
    void stepsAllocateNothing() {
        FlowIntegrator integrator = Integrators.create("gragg-bulirsch-stoer",
                Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-12, "maxStep", 0.01)));
        double[] w0 = new double[FIELD.dimension()];
        for (int i = 0; i < w0.length; i++) {
            w0[i] = 1 + i;
        }
        for (int i = 0; i < 5; i++) {
            integrator.integrate(FIELD, w0, StopCondition.atTime(100), FlowObserver.NONE);
        }
        long few = allocated(integrator, w0, 1);
        long many = allocated(integrator, w0, 100);
        FlowResult result = integrator.integrate(FIELD, w0, StopCondition.atTime(100), FlowObserver.NONE);
        // maxStep bounds every step; where it binds, the work per unit step lowers the order until the
        // step proposed is below it, so a few steps are shorter
        assertTrue(result.steps() >= 10_000 && result.steps() <= 11_000, "about 10000 steps: " + result.steps());
        assertTrue(result.evaluations() > 7 * result.steps(), "at least two columns a step");
        assertTrue(many - few < 1024, "a run of 100 steps allocated " + few + " bytes, of 10000 steps " + many
                + " bytes");
    }

    private static long allocated(FlowIntegrator integrator, double[] w0, double tMax) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        integrator.integrate(FIELD, w0, StopCondition.atTime(tMax), FlowObserver.NONE);
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
