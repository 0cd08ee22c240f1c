package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.rungekutta.ButcherTableau;
import org.lcnflow.integrators.rungekutta.RungeKuttaFlowIntegrator;
import org.lcnflow.testkit.QuadraticField;

/**
 * Orders of convergence measured on a quadratic flow with exact solution {@code w* + exp(-A t)(w0 - w*)}:
 * the slope of {@code log(error)} against {@code log(h)}, fitted by least squares over halving steps, is
 * the order. Steps are small enough for the asymptotic regime and large enough that errors stay far
 * above rounding (the smallest, Dormand-Prince 5 at h = 1/160, is about 1e-13).
 */
public class ConvergenceOrderTest {

    private static final double T = 1.0;
    private static final double[] W0 = {1, -1, 0.5};

    /** {@code A = tridiag(-1, 2, -1)} (eigenvalues 0.59, 2, 3.41), {@code b = (1, 0, 1)}. */
    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});

    @Test
    void eulerConvergesWithOrderOne() {
        double order = fittedOrder(h -> Integrators.create("euler", Parameters.of(Map.of("step", h))),
                new double[] {0.1, 0.05, 0.025, 0.0125, 0.00625});
        assertEquals(1.0, order, 0.05);
    }

    @Test
    void rk4ConvergesWithOrderFour() {
        double order = fittedOrder(h -> Integrators.create("rk4", Parameters.of(Map.of("step", h))),
                new double[] {0.05, 0.025, 0.0125, 0.00625});
        assertEquals(4.0, order, 0.15);
    }

    @Test
    void dormandPrinceWeightsConvergeWithOrdersFiveAndFourWithAFixedStep() {
        // the tableau run with a fixed step through the same loop: b has order 5, bHat order 4
        ButcherTableau dp = ButcherTableau.DORMAND_PRINCE_54;
        ButcherTableau embedded = ButcherTableau.of("dp-embedded", dp.c(), dp.a(), dp.bHat(), 4);
        double[] steps = {0.05, 0.025, 0.0125, 0.00625};
        assertEquals(5.0, fittedOrder(h -> RungeKuttaFlowIntegrator.fixedStep("dp5", dp, h), steps), 0.2);
        assertEquals(4.0, fittedOrder(h -> RungeKuttaFlowIntegrator.fixedStep("dp4", embedded, h), steps), 0.2);
    }

    @Test
    void dormandPrince853WeightsConvergeWithOrdersEightFiveAndThreeWithAFixedStep() {
        // b has order 8; the two estimators' solutions bHat (order 5) and bTilde (order 3), run alone
        ButcherTableau dp = ButcherTableau.DORMAND_PRINCE_853;
        ButcherTableau fifth = ButcherTableau.of("dp853-5", dp.c(), dp.a(), dp.bHat(), 5);
        ButcherTableau third = ButcherTableau.of("dp853-3", dp.c(), dp.a(), dp.bTilde(), 3);
        // order 8: errors from 2e-9 (h = 1/4) down to 3e-13 (h = 1/12), far above rounding
        double order = fittedOrder(h -> RungeKuttaFlowIntegrator.fixedStep("dp8", dp, h),
                new double[] {1.0 / 4, 1.0 / 5, 1.0 / 6, 1.0 / 8, 1.0 / 10, 1.0 / 12});
        assertEquals(8.0, order, 0.3);
        double[] steps = {0.05, 0.025, 0.0125, 0.00625};
        assertEquals(5.0, fittedOrder(h -> RungeKuttaFlowIntegrator.fixedStep("dp853-5", fifth, h), steps), 0.2);
        assertEquals(3.0, fittedOrder(h -> RungeKuttaFlowIntegrator.fixedStep("dp853-3", third, h), steps), 0.2);
    }

    @Test
    void errorEstimatesBehaveLikeTheLocalErrorOfTheirOrder() {
        // one step of size h from W0 (rtol = atol = 1): DOPRI5's estimate is the local error of an order-4
        // solution, ~ h^5; DOP853's err5^2 / sqrt(err5^2 + 0.01 err3^2) combines h^6 and h^4 into ~ h^8
        // (Hairer, Solving ODEs I, II.10); measured slopes 5.04 and 8.05
        double[] steps = {0.08, 0.04, 0.02, 0.01};
        assertEquals(5.0, estimatorOrder(ButcherTableau.DORMAND_PRINCE_54, steps), 0.2);
        assertEquals(8.0, estimatorOrder(ButcherTableau.DORMAND_PRINCE_853, steps), 0.3);
    }

    private static double estimatorOrder(ButcherTableau tableau, double[] steps) {
        RungeKuttaFlowIntegrator integrator = RungeKuttaFlowIntegrator.adaptive(tableau.name(), tableau, 1.0, 1.0,
                Double.NaN, 0.0, Double.POSITIVE_INFINITY);
        double[] x = new double[steps.length];
        double[] y = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            double error = integrator.errorEstimate(FIELD, W0, steps[i]);
            assertTrue(error > 0 && error < 1e-3, tableau + ": error estimate " + error + " at h = " + steps[i]);
            x[i] = Math.log(steps[i]);
            y[i] = Math.log(error);
        }
        return slope(x, y);
    }

    private interface Factory {
        FlowIntegrator create(double h);
    }

    private static double fittedOrder(Factory factory, double[] steps) {
        double[] exact = FIELD.exactSolution(W0, T);
        double[] x = new double[steps.length];
        double[] y = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            FlowResult result = factory.create(steps[i]).integrate(FIELD, W0, StopCondition.atTime(T), FlowObserver.NONE);
            assertEquals(StopReason.TIME_LIMIT, result.stopReason());
            x[i] = Math.log(steps[i]);
            y[i] = Math.log(maxAbsDifference(exact, result.parameters()));
        }
        return slope(x, y);
    }

    /**
     * The order a sequence of errors shows, as the least-squares slope of {@code log error} against {@code log h}
     * (Hairer-Norsett-Wanner I, II.3); each error must lie strictly between {@code lower} and {@code upper}, so
     * that the fit stays in the asymptotic regime and above rounding.
     *
     * @param what  what is measured, for the messages
     * @param steps the step sizes {@code h}
     * @param error the error at a step size
     * @param lower the errors' lower bound (rounding)
     * @param upper the errors' upper bound
     * @return the fitted slope
     */
    public static double orderOf(String what, double[] steps, DoubleUnaryOperator error, double lower, double upper) {
        double[] x = new double[steps.length];
        double[] y = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            double e = error.applyAsDouble(steps[i]);
            assertTrue(e > lower && e < upper, what + ": error " + e + " at h = " + steps[i] + " is not in ("
                    + lower + ", " + upper + ")");
            x[i] = Math.log(steps[i]);
            y[i] = Math.log(e);
        }
        return slope(x, y);
    }

    /**
     * @param counts numbers of steps over {@code [0, 1]}
     * @return the step sizes {@code 1 / counts[i]}
     */
    public static double[] stepsOver1(int... counts) {
        double[] h = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            h[i] = 1.0 / counts[i];
        }
        return h;
    }

    /** The least-squares slope of {@code y} against {@code x}. */
    public static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }

    public static double maxAbsDifference(double[] x, double[] y) {
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
