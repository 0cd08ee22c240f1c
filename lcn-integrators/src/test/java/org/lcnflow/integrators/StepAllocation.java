package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.StopCondition;

/**
 * What the allocation tests share: a field that allocates nothing, its starting point, a per-thread allocation
 * count (the JDK's {@code com.sun.management.ThreadMXBean}) and the usual check that the steps of the flow
 * {@code dw/dt = -grad L(w)} (eq. (1.4)) allocate nothing, the work arrays being allocated once per run.
 */
public final class StepAllocation {

    private StepAllocation() {
    }

    /**
     * @param sign {@code 1} for {@code L = |w|^2 / 2} (the flow decays), {@code -1} for {@code L = -|w|^2 / 2}
     *             (it grows like {@code e^t}, so relative error control keeps the step constant)
     * @return the field in 12 dimensions; it allocates nothing
     */
    public static GradientField halfSquaredNorm(double sign) {
        return new GradientField() {
            @Override
            public int dimension() {
                return 12;
            }

            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                double value = 0;
                for (int i = 0; i < w.length; i++) {
                    gradient[i] = sign * w[i];
                    value += sign * 0.5 * w[i] * w[i];
                }
                return value;
            }
        };
    }

    /** @return {@code (1, 2, ..., 12)} */
    public static double[] startingPoint() {
        double[] w0 = new double[12];
        for (int i = 0; i < w0.length; i++) {
            w0[i] = 1 + i;
        }
        return w0;
    }

    /**
     * @param integrator the integrator
     * @param field      the field
     * @param w0         the starting point
     * @param tMax       the end time
     * @return the bytes this thread allocates integrating {@code field} from {@code w0} to {@code tMax}
     */
    public static long allocated(FlowIntegrator integrator, GradientField field, double[] w0, double tMax) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        integrator.integrate(field, w0, StopCondition.atTime(tMax), FlowObserver.NONE);
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /**
     * Asserts that the steps of {@code integrator} allocate nothing: after five warm-up runs on
     * {@link #halfSquaredNorm halfSquaredNorm(1)} from {@link #startingPoint()} to {@code t = 20}, a run to
     * {@code t = 20} (at least 1900 steps, so the integrator must cap its step at about 0.01) allocates less
     * than 4 KiB more than one to {@code t = 0.2}: far below one object per step.
     *
     * @param integrator an integrator whose step is capped at about {@code 0.01}
     */
    public static void assertStepsAllocateNothing(FlowIntegrator integrator) {
        GradientField field = halfSquaredNorm(1);
        double[] w0 = startingPoint();
        for (int i = 0; i < 5; i++) {
            integrator.integrate(field, w0, StopCondition.atTime(20), FlowObserver.NONE);
        }
        long few = allocated(integrator, field, w0, 0.2);
        long many = allocated(integrator, field, w0, 20);
        FlowResult result = integrator.integrate(field, w0, StopCondition.atTime(20), FlowObserver.NONE);
        assertTrue(result.steps() >= 1900, integrator + ": " + result);
        // one object per step would be at least 16 bytes x 1880 steps = 30 KB; below 4 KiB is the JIT's noise (a
        // deoptimization or a late compilation on the measuring thread, seen up to about 1.1 KiB)
        assertTrue(many - few < 4096, integrator + ": a run of ~20 steps allocated " + few + " bytes, of ~2000 steps "
                + many);
    }
}
