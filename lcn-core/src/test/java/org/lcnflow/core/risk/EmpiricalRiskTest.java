package org.lcnflow.core.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.core.network.ConvolutionMatrices;
import org.lcnflow.core.testing.RandomLcn;
import org.lcnflow.core.testing.TestLosses;

class EmpiricalRiskTest {

    @Property(tries = 150)
    void gradientMatchesCentralDifferencesForSquareLoss(@ForAll long seed) {
        checkGradient(seed, TestLosses.SQUARE);
    }

    @Property(tries = 150)
    void gradientMatchesCentralDifferencesForANonQuadraticLoss(@ForAll long seed) {
        checkGradient(seed, TestLosses.SMOOTH_ABS);
    }

    @Property(tries = 100)
    void gradientMatchesCentralDifferencesForANonSeparableLoss(@ForAll long seed) {
        checkGradient(seed, TestLosses.LOG_NORM);
    }

    /**
     * Random architectures with strides up to 3; fourth-order central differences (Richardson
     * extrapolation of two step sizes) against the exact gradient, 1e-6 relative to the gradient's size.
     */
    private static void checkGradient(long seed, Loss loss) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 4, 4, 3, 3);
        Dataset data = RandomLcn.data(a, 2 + random.nextInt(5), random);
        EmpiricalRisk risk = EmpiricalRisk.of(a, data, loss);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 0.8, random);
        double[] gradient = new double[w.length];
        double value = risk.valueAndGradient(w, gradient);
        assertEquals(risk.value(w), value, 0.0, "value() and valueAndGradient() agree bit for bit");

        double[] numeric = new double[w.length];
        double scale = 0;
        for (int i = 0; i < w.length; i++) {
            double h = 1e-3 * Math.max(1.0, Math.abs(w[i]));
            double d1 = shifted(risk, w, i, h) - shifted(risk, w, i, -h);
            double d2 = shifted(risk, w, i, 2 * h) - shifted(risk, w, i, -2 * h);
            numeric[i] = (8 * d1 - d2) / (12 * h);
            scale = Math.max(scale, Math.abs(gradient[i]));
        }
        double tolerance = 1e-6 * Math.max(scale, 1e-3 * Math.abs(value));
        for (int i = 0; i < w.length; i++) {
            assertEquals(numeric[i], gradient[i], tolerance, "dL/dw[" + i + "] for " + a + " with " + loss);
        }
    }

    private static double shifted(EmpiricalRisk risk, double[] w, int i, double h) {
        double[] p = w.clone();
        p[i] += h;
        return risk.value(p);
    }

    @Property(tries = 100)
    void valueEqualsTheLossOfTheDenseNetworkMatrix(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 4, 5, 3, 4);
        Dataset data = RandomLcn.data(a, 1 + random.nextInt(6), random);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 1.0, random);
        DMatrixRMaj v = ConvolutionMatrices.network(a, w);
        double expected = 0;
        double magnitude = 0;
        for (int i = 0; i < data.sampleCount(); i++) {
            for (int r = 0; r < v.numRows; r++) {
                double z = 0;
                for (int c = 0; c < v.numCols; c++) {
                    z += v.get(r, c) * data.input(i, c);
                }
                double residual = z - data.target(i, r);
                expected += residual * residual;
                magnitude += z * z + data.target(i, r) * data.target(i, r);
            }
        }
        double actual = EmpiricalRisk.of(a, data, TestLosses.SQUARE).value(w);
        assertEquals(expected, actual, 1e-12 * Math.max(1, magnitude));
    }

    @Test
    void handComputedRiskAndGradient() {
        // one layer, width 2, stride 1, d0 = 3: z = (w0 x0 + w1 x1, w0 x1 + w1 x2)
        Architecture a = Architecture.of(3, new int[] {2}, new int[] {1});
        Dataset data = new Dataset(new double[][] {{1, 2, 3}}, new double[][] {{1, 1}});
        double[] w = {1, 1};
        // z = (3, 5), r = (2, 4), L = 4 + 16 = 20; dL/dw0 = 2(2*1 + 4*2) = 20, dL/dw1 = 2(2*2 + 4*3) = 32
        double[] g = new double[2];
        assertEquals(20.0, EmpiricalRisk.of(a, data, TestLosses.SQUARE).valueAndGradient(w, g));
        assertArrayEquals(new double[] {20, 32}, g);
    }

    @Test
    void twoLayerGradientByTheChainRuleByHand() {
        // two layers of width 1: v = a b, L = sum_i (a b x_i - y_i)^2 with one sample x = 2, y = 1
        // at a = 3, b = 0.5: r = 2, dL/da = 2 r b x = 4, dL/db = 2 r a x = 24
        Architecture arch = Architecture.of(1, new int[] {1, 1}, new int[] {1, 1});
        Dataset data = new Dataset(new double[][] {{2}}, new double[][] {{1}});
        double[] g = new double[2];
        assertEquals(4.0, EmpiricalRisk.of(arch, data, TestLosses.SQUARE).valueAndGradient(new double[] {3, 0.5}, g));
        assertArrayEquals(new double[] {4, 24}, g);
    }

    @Test
    void rejectsDataThatDoNotFitAtConstruction() {
        Architecture a = Architecture.of(5, new int[] {2}, new int[] {1});
        Dataset data = new Dataset(new double[][] {{1, 2, 3}}, new double[][] {{1, 1}});
        assertEquals("the inputs have dimension 3 but the architecture's input dimension d0 is 5 "
                + "(Architecture(d=[5, 4], k=[2], s=[1]))", assertThrows(IllegalArgumentException.class,
                        () -> EmpiricalRisk.of(a, data, TestLosses.SQUARE)).getMessage());
        EmpiricalRisk risk = EmpiricalRisk.of(Architecture.of(3, new int[] {2}, new int[] {1}), data,
                TestLosses.SQUARE);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> risk.value(new double[3])).getMessage()
                .startsWith("w has length 3 but"));
    }

    @Test
    void forksShareDataAndGiveIdenticalResults() {
        Random random = new Random(5);
        Architecture a = Architecture.of(29, new int[] {3, 3, 2}, new int[] {1, 2, 1});
        EmpiricalRisk risk = EmpiricalRisk.of(a, RandomLcn.data(a, 7, random), TestLosses.SMOOTH_ABS);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 1, random);
        double[] g1 = new double[w.length];
        double[] g2 = new double[w.length];
        EmpiricalRisk fork = risk.fork();
        assertEquals(risk.valueAndGradient(w, g1), fork.valueAndGradient(w, g2));
        assertArrayEquals(g1, g2);
        assertEquals(a.parameterCount(), fork.dimension());
    }

    @Test
    void allocatesNothingPerGradientEvaluation() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random random = new Random(11);
        Architecture a = Architecture.of(65, new int[] {5, 5, 5}, new int[] {1, 2, 1});
        EmpiricalRisk risk = EmpiricalRisk.of(a, RandomLcn.data(a, 50, random), TestLosses.SMOOTH_ABS);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 0.5, random);
        double[] g = new double[w.length];
        for (int i = 0; i < 2000; i++) {
            risk.valueAndGradient(w, g);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1000; i++) {
            risk.valueAndGradient(w, g);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // the measurement itself may allocate a little; 1000 evaluations that allocated their buffers
        // would cost far more than this
        assertTrue(allocated < 4096, "1000 gradient evaluations allocated " + allocated + " bytes");
    }
}
