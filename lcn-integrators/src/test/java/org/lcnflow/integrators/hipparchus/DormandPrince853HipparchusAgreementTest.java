package org.lcnflow.integrators.hipparchus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.Integrators;
import org.lcnflow.integrators.TwoLayerFactorisation;
import org.lcnflow.integrators.rungekutta.ButcherTableau;
import org.lcnflow.integrators.rungekutta.RungeKuttaFlowIntegrator;

/**
 * Our {@code dormand-prince-853} against Hipparchus's {@code DormandPrince853Integrator}, an independent
 * implementation of the same method (coefficients from exact rational and {@code sqrt 6} expressions):
 * one step of a given size agrees to rounding, so does its error estimate, and adaptive flows at tight
 * tolerances agree to well below the tolerance although the two step-size controllers differ.
 */
class DormandPrince853HipparchusAgreementTest {

    /** Points and steps on the two-layer factorisation; the steps move {@code w} by 0.02 to 0.3. */
    private static final double[][] POINTS = {TwoLayerFactorisation.W0, {0.3, -0.7, 0.9, 0.2}, {-1.1, 0.4, 0.6, 0.8}};
    private static final double[] STEPS = {0.01, 0.05, 0.2};

    @Test
    void oneStepOfAGivenSizeAgreesWithHipparchusToRounding() {
        GradientField field = new TwoLayerFactorisation();
        for (double[] w0 : POINTS) {
            for (double h : STEPS) {
                // rtol = atol = 1: the step passes its error test at once, in both
                FlowResult ours = Integrators.create("dormand-prince-853",
                                Parameters.of(Map.of("rtol", 0.5, "atol", 1, "initialStep", h)))
                        .integrate(field, w0, StopCondition.atTime(h), FlowObserver.NONE);
                assertEquals(1, ours.steps());
                assertEquals(0, ours.rejectedSteps());
                assertEquals(h, ours.time(), 0.0);

                Hipparchus hipparchus = new Hipparchus(0.5, 1);
                hipparchus.setInitialStepSize(h);
                int[] steps = new int[1];
                hipparchus.addStepHandler(interpolator -> steps[0]++);
                double[] theirs = hipparchus.integrate(ode(field), new ODEState(0, w0), h).getPrimaryState();
                assertEquals(1, steps[0], "Hipparchus took one step");
                assertEquals(1, hipparchus.estimates, "and estimated its error once");

                double moved = distance(w0, theirs);
                assertTrue(moved > 1e-3, "a real step: moved " + moved);
                double difference = distance(ours.parameters(), theirs);
                assertTrue(difference <= 1e-15 * norm(theirs), "w0 = " + java.util.Arrays.toString(w0) + ", h = " + h
                        + ": differ by " + difference / norm(theirs) + " relative (moved " + moved + ")");
            }
        }
    }

    @Test
    void theErrorEstimateAgreesWithHipparchus() {
        // DOP853's err5^2 / sqrt(err5^2 + 0.01 err3^2), in both. The sums e . k cancel to ~ h^5 |k|, so their
        // rounding differs between the two by up to 3e-7 relative (h = 0.01) and 1e-10 at h = 0.2; a wrong
        // combination or weight would differ by O(1)
        GradientField field = new TwoLayerFactorisation();
        double rtol = 1e-6;
        double atol = 1e-8;
        RungeKuttaFlowIntegrator ours = RungeKuttaFlowIntegrator.adaptive("dormand-prince-853",
                ButcherTableau.DORMAND_PRINCE_853, rtol, atol, Double.NaN, 0, Double.POSITIVE_INFINITY);
        for (double[] w0 : POINTS) {
            for (double h : STEPS) {
                Hipparchus hipparchus = new Hipparchus(rtol, atol);
                hipparchus.setInitialStepSize(h);
                try {
                    hipparchus.integrate(ode(field), new ODEState(0, w0), h);
                } catch (RuntimeException e) {
                    // a rejected step may shrink below what Hipparchus allows; only the first estimate counts
                }
                double estimate = ours.errorEstimate(field, w0, h);
                assertTrue(estimate > 1e-12, "an estimate well above rounding: " + estimate);
                assertEquals(hipparchus.first, estimate, 1e-5 * hipparchus.first,
                        "w0 = " + java.util.Arrays.toString(w0) + ", h = " + h);
            }
        }
    }

    @Test
    void anAdaptiveFlowAgreesWithHipparchussFlowAtTightTolerance() {
        // the same method under different controllers (Hipparchus: factors in [0.2, 10], its own initial
        // step): both ends are within ~1e-11 of the exact flow, so they agree to 1e-9 relative
        GradientField field = new TwoLayerFactorisation();
        double tol = 1e-10;
        StopCondition stop = StopCondition.atTime(3);
        FlowResult ours = Integrators.create("dormand-prince-853", Parameters.of(Map.of("rtol", tol, "atol", tol)))
                .integrate(field, TwoLayerFactorisation.W0, stop, FlowObserver.NONE);
        FlowIntegrator reference = new HipparchusFlowIntegrator("hipparchus-853", "rtol=" + tol,
                (tMax, rejections) -> new CountingIntegrators.DormandPrince853(0, Double.POSITIVE_INFINITY, tol, tol,
                        rejections));
        FlowResult theirs = reference.integrate(field, TwoLayerFactorisation.W0, stop, FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, ours.stopReason());
        assertEquals(StopReason.TIME_LIMIT, theirs.stopReason());
        assertTrue(distance(TwoLayerFactorisation.W0, ours.parameters()) > 0.1, "the flow moved");
        double relative = distance(ours.parameters(), theirs.parameters()) / norm(theirs.parameters());
        assertTrue(relative <= 1e-9, "differ by " + relative + " relative");
        // similar work: the same order and tolerance need a similar number of steps
        assertTrue(ours.steps() <= 2 * theirs.steps() && theirs.steps() <= 2 * ours.steps(),
                ours.steps() + " steps against Hipparchus's " + theirs.steps());
    }

    /** Hipparchus's integrator, recording its error estimates. */
    private static final class Hipparchus extends DormandPrince853Integrator {
        int estimates;
        double first = Double.NaN;

        Hipparchus(double rtol, double atol) {
            super(0, Double.POSITIVE_INFINITY, atol, rtol);
        }

        @Override
        protected double estimateError(double[][] yDotK, double[] y0, double[] y1, double h) {
            double error = super.estimateError(yDotK, y0, y1, h);
            if (estimates++ == 0) {
                first = error;
            }
            return error;
        }
    }

    private static OrdinaryDifferentialEquation ode(GradientField field) {
        return new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return field.dimension();
            }

            @Override
            public double[] computeDerivatives(double t, double[] w) {
                double[] gradient = new double[w.length];
                field.valueAndGradient(w, gradient);
                for (int i = 0; i < gradient.length; i++) {
                    gradient[i] = -gradient[i];
                }
                return gradient;
            }
        };
    }

    private static double distance(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return Math.sqrt(sum);
    }

    private static double norm(double[] x) {
        return distance(x, new double[x.length]);
    }
}
