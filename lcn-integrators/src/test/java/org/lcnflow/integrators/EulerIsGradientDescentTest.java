package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;

/**
 * {@code euler} with step {@code h} after {@code n} steps equals {@code n} steps of gradient descent
 * {@code w <- w - h grad L(w)} computed independently, to {@code 1e-12} relative (eq. (1.4) discretised),
 * over random steps, step counts and starting points (a fixed seed keeps the cases the same on every run).
 */
class EulerIsGradientDescentTest {

    @Property(tries = 200, seed = "20240404")
    void eulerStepsAreGradientDescentSteps(@ForAll @DoubleRange(min = 1e-4, max = 0.05) @Scale(8) double h,
                                           @ForAll @IntRange(min = 1, max = 300) int n,
                                           @ForAll("startingPoints") double[] w0) {
        GradientField field = new TwoLayerFactorisation();
        FlowIntegrator euler = Integrators.create("euler", Parameters.of(Map.of("step", h)));

        FlowResult byBudget = euler.integrate(field, w0, new StopCondition(Double.POSITIVE_INFINITY, 0, n),
                FlowObserver.NONE);
        FlowResult byTime = euler.integrate(field, w0, StopCondition.atTime(n * h), FlowObserver.NONE);

        double[] w = gradientDescent(field, w0, h, n);
        assertEquals(StopReason.STEP_LIMIT, byBudget.stopReason());
        assertEquals(StopReason.TIME_LIMIT, byTime.stopReason());
        assertEquals(n, byBudget.steps());
        assertEquals(n, byTime.steps());
        assertClose(w, byBudget.parameters());
        assertClose(w, byTime.parameters());
        assertEquals(n * h, byTime.time(), 0.0);
    }

    @Provide
    Arbitrary<double[]> startingPoints() {
        return Arbitraries.doubles().between(-1.5, 1.5).ofScale(8).array(double[].class).ofSize(4);
    }

    private static double[] gradientDescent(GradientField field, double[] w0, double h, int n) {
        double[] w = w0.clone();
        double[] g = new double[w.length];
        for (int step = 0; step < n; step++) {
            field.valueAndGradient(w, g);
            for (int i = 0; i < w.length; i++) {
                w[i] -= h * g[i];
            }
        }
        return w;
    }

    private static void assertClose(double[] expected, double[] actual) {
        double norm = 0;
        double difference = 0;
        for (int i = 0; i < expected.length; i++) {
            norm = Math.max(norm, Math.abs(expected[i]));
            difference = Math.max(difference, Math.abs(expected[i] - actual[i]));
        }
        assertEquals(0, difference, 1e-12 * norm, "Euler differs from gradient descent");
    }
}
