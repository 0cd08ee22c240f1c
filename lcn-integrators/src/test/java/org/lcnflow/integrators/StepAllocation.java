package org.lcnflow.integrators;

import java.lang.management.ManagementFactory;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.StopCondition;

/** What the allocation tests share: a field that allocates nothing and a per-thread allocation count. */
public final class StepAllocation {

    private StepAllocation() {
    }

    /**
     * @param sign {@code 1} for {@code L = |w|^2 / 2} (the flow decays), {@code -1} for {@code L = -|w|^2 / 2}
     *             (it grows like {@code e^t}, so relative error control keeps the step constant)
     * @return the field in 12 dimensions; it allocates nothing
     */
    static GradientField halfSquaredNorm(double sign) {
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
    static double[] startingPoint() {
        double[] w0 = new double[12];
        for (int i = 0; i < w0.length; i++) {
            w0[i] = 1 + i;
        }
        return w0;
    }

    /** @return the bytes this thread allocates integrating {@code field} from {@code w0} to {@code tMax} */
    static long allocated(FlowIntegrator integrator, GradientField field, double[] w0, double tMax) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        integrator.integrate(field, w0, StopCondition.atTime(tMax), FlowObserver.NONE);
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
