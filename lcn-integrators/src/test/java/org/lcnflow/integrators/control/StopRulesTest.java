package org.lcnflow.integrators.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.Integrators;
import org.lcnflow.testkit.QuadraticField;

/** The stop conventions this module adds to the contract, and the overflow-safe norm behind them. */
class StopRulesTest {

    private static final Map<String, Parameters> DEFAULTS = Map.of(
            "euler", Parameters.of(Map.of("step", 0.01)),
            "rk4", Parameters.of(Map.of("step", 0.01)),
            "dormand-prince-54", Parameters.empty(),
            "dormand-prince-853", Parameters.empty(),
            "gragg-bulirsch-stoer", Parameters.empty(),
            "adams-bashforth", Parameters.empty(),
            "adams-moulton", Parameters.empty());

    @Test
    void eulerWithATooLargeStepDivergesWithTheLastStateInsideTheNormBound() {
        // lambda = 4, h = 1: each step multiplies w by 1 - h lambda = -3, so |w_k| = 3^k leaves the default
        // bound 1e100 after floor(100 ln 10 / ln 3) = 209 accepted steps
        FlowResult result = Integrators.create("euler", Parameters.of(Map.of("step", 1.0)))
                .integrate(QuadraticField.diagonal(4), new double[] {1}, StopCondition.atTime(1e6), FlowObserver.NONE);
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertEquals(209, result.steps());
        assertEquals(209.0, result.time(), 0.0);
        assertEquals(Math.pow(3, 209), Math.abs(result.parameters()[0]), 1e-12 * Math.pow(3, 209));
    }

    @ParameterizedTest
    @ValueSource(strings = {"euler", "rk4", "dormand-prince-54", "dormand-prince-853", "gragg-bulirsch-stoer",
        "adams-bashforth", "adams-moulton"})
    void aFieldNotFiniteAtW0IsAnIllegalArgument(String name) {
        GradientField nanAtOrigin = new GradientField() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                gradient[0] = w[0] == 0 ? Double.NaN : w[0];
                return 0.5 * w[0] * w[0];
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Integrators.create(name,
                DEFAULTS.get(name)).integrate(nanAtOrigin, new double[] {0}, StopCondition.atTime(1), FlowObserver.NONE));
        assertTrue(e.getMessage().contains("not finite at w0"), e.getMessage());
    }

    @Test
    void reachingTMaxOnTheLastStepOfTheBudgetIsATimeLimit() {
        FlowResult result = Integrators.create("euler", Parameters.of(Map.of("step", 0.125)))
                .integrate(QuadraticField.diagonal(1), new double[] {1}, new StopCondition(1, 0, 8), FlowObserver.NONE);
        assertEquals(StopReason.TIME_LIMIT, result.stopReason());
        assertEquals(8, result.steps());
    }

    @Test
    void cancellingOnTheLastStepIsATimeLimitAndCancellingEarlierIsCancelled() {
        FlowObserver cancelAtOne = (t, w, v, g) -> t < 1;
        FlowResult atEnd = Integrators.create("rk4", Parameters.of(Map.of("step", 0.125)))
                .integrate(QuadraticField.diagonal(1), new double[] {1}, StopCondition.atTime(1), cancelAtOne);
        assertEquals(StopReason.TIME_LIMIT, atEnd.stopReason());
        FlowResult before = Integrators.create("rk4", Parameters.of(Map.of("step", 0.125)))
                .integrate(QuadraticField.diagonal(1), new double[] {1}, StopCondition.atTime(2), cancelAtOne);
        assertEquals(StopReason.CANCELLED, before.stopReason());
        assertEquals(1.0, before.time(), 0.0);
    }

    @Test
    void theGradientToleranceTakesPrecedenceOverTheTimeLimit() {
        // w(t) = e^-t: ||grad|| = e^-1 = 0.37 at t = 1, below the tolerance 0.5 already
        FlowResult result = Integrators.create("rk4", Parameters.of(Map.of("step", 1.0)))
                .integrate(QuadraticField.diagonal(1), new double[] {1}, new StopCondition(1, 0.5, 10), FlowObserver.NONE);
        assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason());
        assertEquals(1.0, result.time(), 0.0);
    }

    @Test
    void normSurvivesOverflowAndUnderflowAndFlagsNonFiniteEntries() {
        assertEquals(Math.sqrt(2) * 1e200, StopRules.norm2(new double[] {1e200, 1e200}), 1e186);
        assertEquals(Math.sqrt(2) * 1e-200, StopRules.norm2(new double[] {1e-200, -1e-200}), 1e-214);
        assertEquals(5 * Double.MIN_VALUE, StopRules.norm2(new double[] {3 * Double.MIN_VALUE, 4 * Double.MIN_VALUE}));
        assertEquals(0.0, StopRules.norm2(new double[] {0, 0}));
        assertEquals(Double.POSITIVE_INFINITY, StopRules.norm2(new double[] {1, Double.NEGATIVE_INFINITY}));
        assertEquals(Double.POSITIVE_INFINITY, StopRules.norm2(new double[] {Double.MAX_VALUE, Double.MAX_VALUE}));
        assertTrue(Double.isNaN(StopRules.norm2(new double[] {Double.POSITIVE_INFINITY, Double.NaN})));
    }

    @Property(tries = 500, seed = "20240404")
    void normOfTwoEntriesIsTheirHypotenuse(@ForAll double x, @ForAll double y) {
        double expected = Math.hypot(x, y);
        double norm = StopRules.norm2(new double[] {x, y});
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(norm));
        } else {
            assertEquals(expected, norm, 4 * Math.ulp(expected));
        }
    }
}
