package org.lcnflow.integrators.hipparchus;

import org.hipparchus.linear.RealMatrix;
import org.hipparchus.ode.nonstiff.AdamsBashforthIntegrator;
import org.hipparchus.ode.nonstiff.AdamsMoultonIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.lcnflow.integrators.hipparchus.HipparchusFlowIntegrator.RejectionCounter;

/**
 * Hipparchus integrators that count their rejected steps. Their step loops reject exactly when the
 * normalized error estimate is {@code >= 1}; the estimate is a protected method, so a subclass that
 * calls it and counts is an exact count without copying the loop.
 */
public final class CountingIntegrators {

    private CountingIntegrators() {
    }

    /**
     * An Adams integrator's starter integrates ahead of the main loop to fill the Nordsieck vector; it
     * needs a few steps before {@code tMax}, so its steps are bounded by {@code tMax / (nSteps + 3)}.
     */
    static double starterMaxStep(double tMax, double maxStep, int nSteps) {
        return Math.min(maxStep, tMax / (nSteps + 3));
    }

    /** Dormand-Prince 8(5,3) counting rejections. */
    static final class DormandPrince853 extends DormandPrince853Integrator {

        private final RejectionCounter rejections;

        DormandPrince853(double minStep, double maxStep, double atol, double rtol, RejectionCounter rejections) {
            super(minStep, maxStep, atol, rtol);
            this.rejections = rejections;
        }

        @Override
        protected double estimateError(double[][] yDotK, double[] y0, double[] y1, double h) {
            return rejections.counted(super.estimateError(yDotK, y0, y1, h));
        }
    }

    /** Adams-Bashforth counting rejections, started by a counting Dormand-Prince 8(5,3). */
    public static final class AdamsBashforth extends AdamsBashforthIntegrator {

        private final RejectionCounter rejections;

        public AdamsBashforth(int nSteps, double tMax, double atol, double rtol, RejectionCounter rejections) {
            super(nSteps, 0.0, Double.POSITIVE_INFINITY, atol, rtol);
            this.rejections = rejections;
            setStarterIntegrator(new DormandPrince853(0.0, starterMaxStep(tMax, Double.POSITIVE_INFINITY, nSteps),
                    atol, rtol, rejections));
        }

        @Override
        protected double errorEstimation(double[] previousState, double predictedTime, double[] predictedState,
                                         double[] predictedScaled, RealMatrix predictedNordsieck) {
            return rejections.counted(super.errorEstimation(previousState, predictedTime, predictedState,
                    predictedScaled, predictedNordsieck));
        }
    }

    /** Adams-Moulton counting rejections, started by a counting Dormand-Prince 8(5,3). */
    public static final class AdamsMoulton extends AdamsMoultonIntegrator {

        private final RejectionCounter rejections;

        public AdamsMoulton(int nSteps, double tMax, double atol, double rtol, RejectionCounter rejections) {
            super(nSteps, 0.0, Double.POSITIVE_INFINITY, atol, rtol);
            this.rejections = rejections;
            setStarterIntegrator(new DormandPrince853(0.0, starterMaxStep(tMax, Double.POSITIVE_INFINITY, nSteps),
                    atol, rtol, rejections));
        }

        @Override
        protected double errorEstimation(double[] previousState, double predictedTime, double[] predictedState,
                                         double[] predictedScaled, RealMatrix predictedNordsieck) {
            return rejections.counted(super.errorEstimation(previousState, predictedTime, predictedState,
                    predictedScaled, predictedNordsieck));
        }
    }
}
