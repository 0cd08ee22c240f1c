package org.lcnflow.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.core.plugin.PluginRegistry;

/** {@link LossCurves} tabulates Figure 1: residual grid in row 0, one row of values per loss. */
class LossCurvesTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final List<SeparableLoss> FIGURE_1 = List.of(loss("square", Map.of()), loss("lp", Map.of("p", 2.0)),
            loss("pseudo-huber", Map.of("delta", 1.0)), loss("generalized-huber", Map.of("alpha", 1.0, "beta", 0.0)),
            loss("log-cosh", Map.of("alpha", 1.0)));

    /** @return a built-in loss found through the registry, as every component of the command is */
    private static SeparableLoss loss(String name, Map<String, Object> parameters) {
        return (SeparableLoss) REGISTRY.loss(name, Parameters.of(parameters));
    }

    @Test
    void figureOneGridIsExactAndSymmetricOnMinusFourToFour() {
        double[][] table = LossCurves.figure1(FIGURE_1);
        assertEquals(1 + FIGURE_1.size(), table.length);
        double[] r = table[0];
        assertEquals(201, r.length);
        assertEquals(-4.0, r[0]);
        assertEquals(4.0, r[200]);
        assertEquals(0.0, r[100]);
        assertEquals(-2.0, r[50]);                       // the integers lie on the grid (step 0.04)
        for (int k = 0; k < r.length; k++) {
            assertEquals(0.0, r[k] + r[200 - k], "symmetric at " + k);
            assertEquals(-4.0 + 0.04 * k, r[k], 1e-14);
        }
    }

    @Test
    void rowsAreTheLossesOfOneCoordinateWithTargetZero() {
        double[][] table = LossCurves.tabulate(FIGURE_1, -1.5, 3.0, 10);
        for (int i = 0; i < FIGURE_1.size(); i++) {
            for (int k = 0; k < 10; k++) {
                assertEquals(FIGURE_1.get(i).phi(table[0][k]), table[1 + i][k], FIGURE_1.get(i) + " at " + table[0][k]);
            }
        }
        // e.g. at r = 3: square 9, lp 4.5, pseudo-Huber sqrt(10)
        assertEquals(9.0, table[1][9]);
        assertEquals(4.5, table[2][9]);
        assertEquals(Math.sqrt(10.0), table[3][9], 1e-15);
    }

    @Test
    void anyLossCanBeTabulatedIncludingNonSeparableOnes() {
        // the Euclidean norm ||z - y||_2 is a loss but not a sum over coordinates; for one coordinate it is |r|
        Loss norm = new Loss() {
            @Override
            public double value(double[] z, double[] y) {
                double sum = 0;
                for (int j = 0; j < z.length; j++) {
                    sum += (z[j] - y[j]) * (z[j] - y[j]);
                }
                return Math.sqrt(sum);
            }

            @Override
            public void gradient(double[] z, double[] y, double[] out) {
                throw new UnsupportedOperationException("not needed for tabulation");
            }
        };
        double[][] table = LossCurves.tabulate(List.of(norm), -1.0, 1.0, 3);
        assertArrayEquals(new double[] {-1.0, 0.0, 1.0}, table[0]);
        assertArrayEquals(new double[] {1.0, 0.0, 1.0}, table[1]);
        assertEquals(1, LossCurves.tabulate(List.of(), 0.0, 1.0, 2).length);
    }

    @Test
    void badRangesAreRejected() {
        assertEquals("loss curves: need finite from < to, got from=4.0, to=-4.0",
                assertThrows(IllegalArgumentException.class, () -> LossCurves.tabulate(FIGURE_1, 4.0, -4.0, 10)).getMessage());
        assertEquals("loss curves: need finite from < to, got from=NaN, to=1.0",
                assertThrows(IllegalArgumentException.class, () -> LossCurves.tabulate(FIGURE_1, Double.NaN, 1.0, 10)).getMessage());
        assertEquals("loss curves: points must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> LossCurves.tabulate(FIGURE_1, 0.0, 1.0, 1)).getMessage());
    }
}
