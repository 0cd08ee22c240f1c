package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;

/**
 * A flow running into a region where the field is not finite: the adaptive integrators close in on its edge
 * with shrinking steps, and must end DIVERGED once a retry could no longer move {@code w} (steps below the
 * resolution of {@code w} are still far above that of {@code t} near {@code t = 0}, so the 10-ulp-of-t
 * underflow rule alone would let them crawl until the step budget).
 */
class NonFiniteRegionTest {

    /** {@code L = w^2 / 2}, not finite below {@code w = 0.999}: {@code w(t) = e^-t} reaches it at {@code t = ln(1/0.999)}. */
    static final class Edge implements GradientField {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            if (w[0] < 0.999) {
                gradient[0] = Double.NaN;
                return Double.NaN;
            }
            gradient[0] = w[0];
            return w[0] * w[0] / 2;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dormand-prince-54", "dormand-prince-853", "gragg-bulirsch-stoer", "adams-bashforth",
        "adams-moulton"})
    void endsDivergedAtTheEdgeInsteadOfCrawlingTowardsIt(String name) {
        FlowResult result = Integrators.create(name, Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-10)))
                .integrate(new Edge(), new double[] {1}, new StopCondition(1, 0, 1_000_000), FlowObserver.NONE);
        assertEquals(StopReason.DIVERGED, result.stopReason(), name + ": " + result);
        double edge = Math.log(1 / 0.999);
        assertTrue(Math.abs(result.time() - edge) < 1e-6, name + " ended at t = " + result.time());
        assertTrue(result.parameters()[0] >= 0.999, name + ": the last state is finite, inside the region");
        assertTrue(result.steps() + result.rejectedSteps() < 2_000, name + " took " + result.steps() + " steps and "
                + result.rejectedSteps() + " rejections");
    }
}
