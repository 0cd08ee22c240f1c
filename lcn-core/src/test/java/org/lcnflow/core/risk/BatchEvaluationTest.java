package org.lcnflow.core.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.testing.Allocations;
import org.lcnflow.core.testing.RandomLcn;
import org.lcnflow.core.testing.TestLosses;

/**
 * Batches of points ({@code GradientField.valuesAndGradients}): on every path, with one thread or two (then the
 * points of a small problem are evaluated side by side), the values and gradients are the same bits as one
 * {@code valueAndGradient} per point, the risk remembers the batch's last point as it would after those calls, and a
 * batch allocates nothing once one of its size has run.
 */
class BatchEvaluationTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final List<Loss> LOSSES = List.of(TestLosses.SQUARE, TestLosses.SMOOTH_ABS, TestLosses.LOG_NORM,
            REGISTRY.loss("pseudo-huber", Parameters.of(Map.of("delta", 0.5))));
    private static final List<RiskOptions> OPTIONS = List.of(RiskOptions.automatic().withThreads(1),
            RiskOptions.automatic().withThreads(2),
            RiskOptions.automatic().withThreads(2).withPath(GradientPath.DATA_PASS),
            RiskOptions.automatic().withThreads(2).withPath(GradientPath.GENERIC));

    @Property(tries = 60)
    void aBatchIsTheSameBitsAsOneEvaluationPerPoint(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 4, 2, 3);
        int m = random.nextBoolean() ? 1 + random.nextInt(200) : 500 + random.nextInt(300);
        Dataset data = RandomLcn.data(a, m, random);
        Loss loss = LOSSES.get(random.nextInt(LOSSES.size()));
        RiskOptions options = OPTIONS.get(random.nextInt(OPTIONS.size()));
        int count = random.nextInt(6);
        int n = a.parameterCount();
        double[][] points = new double[count + 1][];
        for (int p = 0; p < points.length; p++) {
            points[p] = RandomLcn.gaussian(n, 0.7, random);
        }
        EmpiricalRisk batch = EmpiricalRisk.of(a, data, loss, options);
        EmpiricalRisk alone = EmpiricalRisk.of(a, data, loss, options.withThreads(1));
        for (int round = 0; round < 3; round++) {
            double[][] gradients = new double[count + 1][n];
            double[] values = new double[count + 1];
            batch.valuesAndGradients(points, gradients, values, count);
            for (int p = 0; p < count; p++) {
                double[] expected = new double[n];
                String where = loss + ", " + a + ", m = " + m + ", " + options + ", point " + p + " of " + count;
                assertEquals(alone.valueAndGradient(points[p], expected), values[p], 0.0, where);
                assertArrayEquals(expected, gradients[p], 0.0, where);
            }
            assertEquals(0.0, values[count], 0.0, "no more than count points are evaluated");
            for (double[] point : points) {
                point[random.nextInt(n)] += 0.05;
            }
        }
    }

    @Test
    void aHessianAtABatchsLastPointIsTheSameBitsAsAfterItsOwnGradient() {
        Random random = new Random(3);
        Architecture a = Architecture.of(27, new int[] {3, 3, 2}, new int[] {1, 2, 1});
        Dataset data = RandomLcn.data(a, 200, random);
        Loss loss = LOSSES.get(3);
        int n = a.parameterCount();
        double[][] points = {RandomLcn.gaussian(n, 0.7, random), RandomLcn.gaussian(n, 0.7, random),
            RandomLcn.gaussian(n, 0.7, random)};
        EmpiricalRisk batch = EmpiricalRisk.of(a, data, loss, RiskOptions.automatic().withThreads(2));
        EmpiricalRisk alone = EmpiricalRisk.of(a, data, loss, RiskOptions.automatic().withThreads(1));
        batch.valuesAndGradients(points, new double[3][n], new double[3], 3);
        double[] g1 = new double[n];
        double[] g2 = new double[n];
        double[] h1 = new double[n * n];
        double[] h2 = new double[n * n];
        assertEquals(alone.valueGradientAndHessian(points[2], g1, h1),
                batch.valueGradientAndHessian(points[2], g2, h2), 0.0);
        assertArrayEquals(g1, g2, 0.0);
        assertArrayEquals(h1, h2, 0.0);
    }

    @Test
    void aCountBeyondTheArraysIsRefusedNamingIt() {
        Random random = new Random(4);
        Architecture a = Architecture.of(10, new int[] {3, 2}, new int[] {1, 1});
        EmpiricalRisk risk = EmpiricalRisk.of(a, RandomLcn.data(a, 20, random), TestLosses.SQUARE);
        int n = a.parameterCount();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> risk.valuesAndGradients(new double[2][n], new double[2][n], new double[2], 3));
        assertEquals("count = 3 must be in 0..2 (the points, gradients and values given)", e.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> risk.valuesAndGradients(new double[][] {new double[n], new double[n + 1]}, new double[2][n],
                        new double[2], 2));
        assertTrue(length.getMessage().startsWith("points[1] has length " + (n + 1)), length.getMessage());
    }

    @Test
    void aBatchAllocatesNothingOnceOneOfItsSizeHasRun() {
        Random random = new Random(6);
        Architecture a = Architecture.of(27, new int[] {3, 3, 2}, new int[] {1, 2, 1});
        Dataset data = RandomLcn.data(a, 200, random);
        int n = a.parameterCount();
        double[][] points = {RandomLcn.gaussian(n, 0.7, random), RandomLcn.gaussian(n, 0.7, random),
            RandomLcn.gaussian(n, 0.7, random)};
        double[][] gradients = new double[3][n];
        double[] values = new double[3];
        for (RiskOptions options : OPTIONS) {
            EmpiricalRisk risk = EmpiricalRisk.of(a, data, LOSSES.get(3), options);
            for (int i = 0; i < 300; i++) {
                risk.valuesAndGradients(points, gradients, values, 3);
            }
            long allocated = Allocations.inAllThreads(() -> {
                for (int i = 0; i < 1000; i++) {
                    risk.valuesAndGradients(points, gradients, values, 3);
                }
            });
            assertTrue(allocated < 8192, "1000 batches with " + options + " allocated " + allocated + " bytes");
        }
    }
}
