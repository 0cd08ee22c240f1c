package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.testkit.QuadraticField;

/**
 * Orders of convergence measured on a quadratic flow with exact solution {@code w* + exp(-A t)(w0 - w*)}:
 * the slope of {@code log(error)} against {@code log(h)}, fitted by least squares over halving steps, is
 * the order. Steps are small enough for the asymptotic regime and large enough that errors stay far
 * above rounding (the smallest, Dormand-Prince 5 at h = 1/160, is about 1e-13).
 */
class ConvergenceOrderTest {

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

    /** The least-squares slope of {@code y} against {@code x}. */
    static double slope(double[] x, double[] y) {
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

    static double maxAbsDifference(double[] x, double[] y) {
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
