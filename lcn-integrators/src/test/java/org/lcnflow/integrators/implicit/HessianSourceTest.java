package org.lcnflow.integrators.implicit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lcnflow.api.GradientField;

class HessianSourceTest {

    /** {@code L = sum_i w_i^4 / 4 + w_0 w_1 w_2}: a non-constant Hessian with off-diagonal terms. */
    private static final GradientField QUARTIC = new GradientField() {
        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public double valueAndGradient(double[] w, double[] g) {
            g[0] = w[0] * w[0] * w[0] + w[1] * w[2];
            g[1] = w[1] * w[1] * w[1] + w[0] * w[2];
            g[2] = w[2] * w[2] * w[2] + w[0] * w[1];
            return (Math.pow(w[0], 4) + Math.pow(w[1], 4) + Math.pow(w[2], 4)) / 4 + w[0] * w[1] * w[2];
        }
    };

    @Test
    void differencesOfTheGradientGiveTheHessianToHalfThePrecisionAndSymmetric() {
        SolverCounters counters = new SolverCounters();
        HessianSource source = new HessianSource(QUARTIC, counters);
        assertFalse(source.isExact());
        double[] w = {0.7, -1.3, 2.1};
        double[] g = new double[3];
        QUARTIC.valueAndGradient(w, g);
        double[] h = new double[9];
        assertEquals(3, source.evaluate(w, g, h));
        double[] exact = {
            3 * w[0] * w[0], w[2], w[1],
            w[2], 3 * w[1] * w[1], w[0],
            w[1], w[0], 3 * w[2] * w[2]};
        for (int i = 0; i < 9; i++) {
            assertEquals(exact[i], h[i], 1e-6 * Math.max(1, Math.abs(exact[i])), "entry " + i);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(h[r * 3 + c], h[c * 3 + r], 0.0, "symmetric");
            }
        }
        assertEquals(1, counters.differenceHessians);
        assertEquals(0, counters.hessians);
    }

    @Test
    void aHessianFieldGivesItsExactHessianForOneEvaluation() {
        org.lcnflow.testkit.QuadraticField field = org.lcnflow.testkit.QuadraticField.of(
                new double[][] {{2, -1}, {-1, 3}}, new double[] {1, 0});
        SolverCounters counters = new SolverCounters();
        HessianSource source = new HessianSource(field, counters);
        assertTrue(source.isExact());
        double[] h = new double[4];
        assertEquals(1, source.evaluate(new double[] {5, 6}, new double[2], h));
        assertEquals(2.0, h[0], 0.0);
        assertEquals(-1.0, h[1], 0.0);
        assertEquals(-1.0, h[2], 0.0);
        assertEquals(3.0, h[3], 0.0);
        assertEquals(1, counters.hessians);
        assertEquals(0, counters.differenceHessians);
    }
}
