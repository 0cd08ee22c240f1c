package org.lcnflow.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.core.endpoint.Hessian;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.testing.RandomLcn;
import org.lcnflow.core.testing.TestLosses;

/**
 * The risk's own Hessian ({@code HessianField}) on every path: against the end-point analysis's Hessian (which
 * shares the chain rule, {@code ChainHessian}, but computes {@code H_v} and {@code g_v} by its own dense pass),
 * against central differences of the exact gradient (independent of both), symmetric, with the gradient it
 * returns equal to {@code valueAndGradient}'s, and allocation-free.
 */
class HessianFieldTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final List<SeparableLoss> LOSSES = List.of(
            (SeparableLoss) REGISTRY.loss("square", Parameters.empty()),
            (SeparableLoss) REGISTRY.loss("pseudo-huber", Parameters.of(Map.of("delta", 0.7))),
            (SeparableLoss) REGISTRY.loss("log-cosh", Parameters.of(Map.of("alpha", 1.5))),
            TestLosses.SMOOTH_ABS);
    private static final List<RiskOptions> PATHS = List.of(RiskOptions.automatic(),
            RiskOptions.automatic().withPath(GradientPath.DATA_PASS),
            RiskOptions.automatic().withPath(GradientPath.GENERIC));

    @Property(tries = 40)
    void theHessianOnEveryPathIsTheEndPointAnalysisHessian(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 4, 2, 3);
        Dataset data = RandomLcn.data(a, 5 + random.nextInt(600), random);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 0.7, random);
        SeparableLoss loss = LOSSES.get(random.nextInt(LOSSES.size()));
        double[][] expected = Hessian.of(a, data, loss, w).matrix();
        double scale = maxAbs(expected);
        int n = w.length;
        for (RiskOptions options : PATHS) {
            EmpiricalRisk risk = EmpiricalRisk.of(a, data, loss, options);
            assertTrue(risk.hasHessian());
            double[] gradient = new double[n];
            double[] hessian = new double[n * n];
            double value = risk.valueGradientAndHessian(w, gradient, hessian);
            double[] alone = new double[n];
            assertEquals(risk.valueAndGradient(w, alone), value, 0.0, "value on " + risk.path());
            assertEquals(java.util.Arrays.toString(alone), java.util.Arrays.toString(gradient));
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    assertEquals(hessian[r * n + c], hessian[c * n + r], 0.0, "symmetric");
                    assertEquals(expected[r][c], hessian[r * n + c], 1e-9 * scale,
                            loss + " on " + risk.path() + ", " + a + ": entry (" + r + ", " + c + ")");
                }
            }
        }
    }

    @Property(tries = 30)
    void theHessianIsTheSameBitsWithOneAndTwoThreads(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 4, 2, 3);
        Dataset data = RandomLcn.data(a, 1 + random.nextInt(700), random);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 0.7, random);
        SeparableLoss loss = LOSSES.get(random.nextInt(LOSSES.size()));
        int n = w.length;
        RiskOptions dataPass = RiskOptions.automatic().withPath(GradientPath.DATA_PASS);
        EmpiricalRisk one = EmpiricalRisk.of(a, data, loss, dataPass.withThreads(1));
        EmpiricalRisk two = EmpiricalRisk.of(a, data, loss, dataPass.withThreads(2));
        for (int round = 0; round < 3; round++) {
            double[] h1 = new double[n * n];
            double[] h2 = new double[n * n];
            one.valueGradientAndHessian(w, new double[n], h1);
            two.valueGradientAndHessian(w, new double[n], h2);
            assertEquals(java.util.Arrays.toString(h1), java.util.Arrays.toString(h2), loss + ", " + a);
            w[random.nextInt(n)] += 0.1;
        }
    }

    @Test
    void aHessianAtTheLastGradientsPointIsTheSameBitsAsAFreshOne() {
        Random random = new Random(5);
        for (int trial = 0; trial < 12; trial++) {
            Architecture a = RandomLcn.architecture(random, 3, 4, 2, 3);
            Dataset data = RandomLcn.data(a, 5 + random.nextInt(300), random);
            SeparableLoss loss = LOSSES.get(trial % LOSSES.size());
            RiskOptions options = PATHS.get(trial % PATHS.size());
            double[] w = RandomLcn.gaussian(a.parameterCount(), 0.7, random);
            double[] other = RandomLcn.gaussian(a.parameterCount(), 0.7, random);
            int n = w.length;
            double[] freshGradient = new double[n];
            double[] fresh = new double[n * n];
            double freshValue = EmpiricalRisk.of(a, data, loss, options).valueGradientAndHessian(w, freshGradient,
                    fresh);
            EmpiricalRisk risk = EmpiricalRisk.of(a, data, loss, options);
            risk.valueAndGradient(other, new double[n]);
            risk.valueAndGradient(w, new double[n]);
            risk.value(other); // a value elsewhere in between leaves the last gradient's point as it was
            double[] gradient = new double[n];
            double[] hessian = new double[n * n];
            double value = risk.valueGradientAndHessian(w, gradient, hessian);
            String where = loss + " on " + risk.path() + ", " + a;
            assertEquals(freshValue, value, 0.0, where);
            assertEquals(java.util.Arrays.toString(freshGradient), java.util.Arrays.toString(gradient), where);
            assertEquals(java.util.Arrays.toString(fresh), java.util.Arrays.toString(hessian), where);
            // and at another point than the last gradient's, a pass of its own
            double[] elsewhere = new double[n * n];
            risk.valueGradientAndHessian(other, new double[n], elsewhere);
            double[] expected = new double[n * n];
            EmpiricalRisk.of(a, data, loss, options).valueGradientAndHessian(other, new double[n], expected);
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(elsewhere), where);
        }
    }

    @Test
    void theHessianIsTheDerivativeOfTheGradient() {
        Random random = new Random(3);
        for (int trial = 0; trial < 12; trial++) {
            Architecture a = RandomLcn.architecture(random, 3, 4, 2, 2);
            Dataset data = RandomLcn.data(a, 30 + random.nextInt(200), random);
            double[] w = RandomLcn.gaussian(a.parameterCount(), 0.7, random);
            SeparableLoss loss = LOSSES.get(trial % LOSSES.size());
            EmpiricalRisk risk = EmpiricalRisk.of(a, data, loss);
            int n = w.length;
            double[] hessian = new double[n * n];
            risk.valueGradientAndHessian(w, new double[n], hessian);
            double scale = 0.0;
            for (double h : hessian) {
                scale = Math.max(scale, Math.abs(h));
            }
            double[] plus = new double[n];
            double[] minus = new double[n];
            for (int c = 0; c < n; c++) {
                double h = 1e-5 * Math.max(1.0, Math.abs(w[c]));
                double[] wp = w.clone();
                double[] wm = w.clone();
                wp[c] += h;
                wm[c] -= h;
                risk.valueAndGradient(wp, plus);
                risk.valueAndGradient(wm, minus);
                for (int r = 0; r < n; r++) {
                    double difference = (plus[r] - minus[r]) / (wp[c] - wm[c]);
                    assertEquals(difference, hessian[r * n + c], 1e-5 * scale, loss + " on " + a + ": column " + c);
                }
            }
        }
    }

    @Test
    void aLossWithoutSecondDerivativeHasNoHessianAndSaysWhy() {
        Architecture a = Architecture.of(9, new int[] {3, 3}, new int[] {1, 2});
        EmpiricalRisk risk = EmpiricalRisk.of(a, RandomLcn.data(a, 20, new Random(1)), TestLosses.LOG_NORM);
        assertFalse(risk.hasHessian());
        int n = a.parameterCount();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> risk.valueGradientAndHessian(new double[n], new double[n], new double[n * n]));
        assertTrue(e.getMessage().contains("is not a SeparableLoss"), e.getMessage());
        EmpiricalRisk square = EmpiricalRisk.of(a, RandomLcn.data(a, 20, new Random(1)), LOSSES.get(0));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> square.valueGradientAndHessian(new double[n], new double[n], new double[n]));
        assertTrue(wrong.getMessage().contains("hessian must have length"), wrong.getMessage());
    }

    @Test
    void allocatesNothingPerHessianOnEveryPath() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random random = new Random(11);
        Architecture a = Architecture.of(65, new int[] {5, 5, 5}, new int[] {1, 2, 1});
        Dataset data = RandomLcn.data(a, 50, random);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 0.5, random);
        int n = w.length;
        double[] g = new double[n];
        double[] h = new double[n * n];
        for (SeparableLoss loss : List.of(LOSSES.get(0), TestLosses.SMOOTH_ABS)) {
            for (RiskOptions options : PATHS) {
                EmpiricalRisk risk = EmpiricalRisk.of(a, data, loss, options);
                for (int i = 0; i < 200; i++) {
                    risk.valueGradientAndHessian(w, g, h);
                }
                long id = Thread.currentThread().getId();
                long before = threads.getThreadAllocatedBytes(id);
                for (int i = 0; i < 200; i++) {
                    risk.valueGradientAndHessian(w, g, h);
                }
                long allocated = threads.getThreadAllocatedBytes(id) - before;
                assertTrue(allocated < 4096, loss + " on " + risk.path() + ": 200 Hessians allocated " + allocated
                        + " bytes");
            }
        }
    }

    private static double maxAbs(double[][] m) {
        double max = 0.0;
        for (double[] row : m) {
            for (double x : row) {
                max = Math.max(max, Math.abs(x));
            }
        }
        return max;
    }
}
