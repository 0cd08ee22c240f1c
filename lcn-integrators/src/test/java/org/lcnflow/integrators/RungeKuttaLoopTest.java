package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.testkit.CountingField;
import org.lcnflow.testkit.QuadraticField;

/** The shared Runge-Kutta loop: exact evaluation counts, and the step control of {@code dormand-prince-54}. */
public class RungeKuttaLoopTest {

    private static final QuadraticField FIELD =
            QuadraticField.of(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}}, new double[] {1, 0, 1});
    private static final double[] W0 = {1, -1, 0.5};

    @Test
    void eulerEvaluatesOncePerStepPlusTheStart() {
        FlowResult result = run("euler", Map.of("step", 0.01), StopCondition.atTime(1));
        assertEquals(100, result.steps());
        assertEquals(1 + 100, result.evaluations());
    }

    @Test
    void rk4EvaluatesFourTimesPerStepPlusTheStart() {
        // 0.73 / 0.1: seven full steps and a shortened eighth
        FlowResult result = run("rk4", Map.of("step", 0.1), StopCondition.atTime(0.73));
        assertEquals(8, result.steps());
        assertEquals(1 + 4 * 8, result.evaluations());
        assertEquals(0, result.rejectedSteps());
    }

    @Test
    void dormandPrince54EvaluatesSixTimesPerAttemptedStepPlusStartAndInitialStepSelection() {
        FlowResult auto = run("dormand-prince-54", Map.of("rtol", 1e-8, "atol", 1e-8), StopCondition.atTime(3));
        assertEquals(1 + 1 + 6 * (auto.steps() + auto.rejectedSteps()), auto.evaluations());

        FlowResult given = run("dormand-prince-54", Map.of("rtol", 1e-8, "atol", 1e-8, "initialStep", 0.01),
                StopCondition.atTime(3));
        assertEquals(1 + 6 * (given.steps() + given.rejectedSteps()), given.evaluations());
    }

    @Test
    void dormandPrince54RejectsATooLargeStepAndRetriesSmaller() {
        // lambda = 50: an initial step of 1 has h lambda = 50, far outside the stability region
        QuadraticField stiff = QuadraticField.diagonal(50, 1);
        List<Double> times = new ArrayList<>();
        FlowIntegrator dp = Integrators.create("dormand-prince-54",
                Parameters.of(Map.of("rtol", 1e-6, "atol", 1e-9, "initialStep", 1.0)));
        CountingField counting = new CountingField(stiff);
        FlowResult result = dp.integrate(counting, new double[] {1, 1}, StopCondition.atTime(1), (t, w, v, g) -> {
            times.add(t);
            return true;
        });
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertTrue(result.rejectedSteps() >= 1, "the first attempt is rejected");
        assertTrue(times.get(0) < 1.0 / 50, "the first accepted step is within the stiff time scale: " + times.get(0));
        assertEquals(1 + 6 * (result.steps() + result.rejectedSteps()), result.evaluations());
        assertEquals(counting.count(), result.evaluations());
    }

    @Test
    void dormandPrince54NeverStepsBeyondMaxStep() {
        double maxStep = 0.05;
        List<Double> times = new ArrayList<>();
        times.add(0.0);
        Integrators.create("dormand-prince-54", Parameters.of(Map.of("rtol", 1e-3, "atol", 1e-3, "maxStep", maxStep)))
                .integrate(FIELD, W0, StopCondition.atTime(2), (t, w, v, g) -> times.add(t));
        for (int i = 1; i < times.size(); i++) {
            double step = times.get(i) - times.get(i - 1);
            assertTrue(step <= maxStep * (1 + 1e-12), "step " + step + " > maxStep");
        }
        assertTrue(times.size() - 1 >= 40, "2 / 0.05 = 40 steps at least");
    }

    @Test
    void dormandPrince54EndsDivergedWhenTheStepMustShrinkBelowMinStep() {
        // w' = w^2 from 1 blows up at t = 1; near it the step must fall below 1e-3
        FlowResult result = Integrators.create("dormand-prince-54",
                        Parameters.of(Map.of("rtol", 1e-6, "atol", 1e-6, "minStep", 1e-3)))
                .integrate(new CubicBlowUp(), new double[] {1}, StopCondition.atTime(2), FlowObserver.NONE);
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertTrue(result.time() < 1 && result.parameters()[0] > 10, "stopped close to the blow-up: " + result);
    }

    private static FlowResult run(String name, Map<String, ?> parameters, StopCondition stop) {
        CountingField counting = new CountingField(FIELD);
        FlowResult result = Integrators.create(name, Parameters.of(parameters)).integrate(counting, W0, stop,
                FlowObserver.NONE);
        assertEquals(counting.count(), result.evaluations(), "evaluations are the field's calls");
        return result;
    }

    /** {@code L = -w^3 / 3}: {@code w' = w^2}, {@code w(t) = w0 / (1 - w0 t)}. */
    public static final class CubicBlowUp implements org.lcnflow.api.GradientField {

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            gradient[0] = -w[0] * w[0];
            return -w[0] * w[0] * w[0] / 3;
        }
    }
}
