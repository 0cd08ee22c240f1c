package org.lcnflow.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
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
import org.lcnflow.core.testing.ChunkedData;
import org.lcnflow.core.testing.RandomLcn;
import org.lcnflow.core.theory.BoundednessBound;

/** The end-point analysis from sums added over chunks agrees with the analysis of the same data in memory. */
class PatchSumsTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    private static Loss loss(String name, Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return REGISTRY.loss(name, Parameters.of(map));
    }

    private static Loss[] losses() {
        return new Loss[] {loss("square"), loss("pseudo-huber", "delta", 0.5), loss("log-cosh", "alpha", 2.0),
            loss("generalized-huber", "alpha", 1.0, "beta", 0.5), loss("lp", "p", 4.0), loss("lp", "p", 1.5)};
    }

    private static void close(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(expected - actual) <= tolerance * Math.max(1.0, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual);
    }

    @Property(tries = 40)
    void sumsOverChunksGiveTheValueGradientAndHessianOfTheDataInMemory(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 3, 3, 3);
        Dataset data = RandomLcn.data(a, 3 + random.nextInt(12), random);
        for (Loss l : losses()) {
            FinalFilterRisk memory = FinalFilterRisk.of(a, data, l);
            FinalFilterRisk sums = PatchSums.risk(new ChunkedData(a, data, l, 1 + random.nextInt(5)));
            double[] v = RandomLcn.gaussian(a.finalWidth(), 1.0, random);
            close(memory.value(v), sums.value(v), 1e-12, l + " value");
            double[] g = memory.gradient(v);
            double[] gs = sums.gradient(v);
            double[][] h = memory.hessian(v);
            double[][] hs = sums.hessian(v);
            double gScale = 0.0;
            double hScale = 0.0;
            for (int n = 0; n < g.length; n++) {
                gScale = Math.max(gScale, Math.abs(g[n]));
                for (double x : h[n]) {
                    hScale = Math.max(hScale, Math.abs(x));
                }
            }
            for (int n = 0; n < g.length; n++) {
                assertEquals(g[n], gs[n], 1e-12 * Math.max(1, gScale), l + " gradient " + n);
                for (int k = 0; k < g.length; k++) {
                    assertEquals(h[n][k], hs[n][k], 1e-12 * Math.max(1, hScale), l + " Hessian " + n + "," + k);
                }
            }
            assertEquals(memory.patchRank(), sums.patchRank(), l + " rank");
        }
    }

    @Property(tries = 30)
    void theOptimumOverFinalFiltersIsTheSameFromSums(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 3, 2, 3);
        Dataset data = RandomLcn.data(a, 4 + random.nextInt(8), random);
        for (Loss l : losses()) {
            ConvexOptimum memory = ConvexOptimum.of(a, data, l);
            ConvexOptimum sums = ConvexOptimum.of(PatchSums.risk(new ChunkedData(a, data, l, 1 + random.nextInt(4))));
            assertEquals(ConvexOptimum.Status.FOUND, memory.status(), l + ": " + memory.reason());
            assertEquals(ConvexOptimum.Status.FOUND, sums.status(), l + ": " + sums.reason());
            close(memory.value(), sums.value(), 1e-10, l + " L*");
            assertEquals(memory.patchRank(), sums.patchRank());
            close(memory.zeroNetworkValue(), sums.zeroNetworkValue(), 1e-13, l + " l(0)");
        }
    }

    @Property(tries = 30)
    void theEndPointVerdictIsTheSameFromSums(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 3, 2, 2);
        Dataset data = RandomLcn.data(a, 4 + random.nextInt(8), random);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 1.0, random);
        for (Loss l : losses()) {
            EndPoint memory = EndPoint.analyze(a, data, l, w, 0.0);
            EndPoint sums = EndPoint.analyze(PatchSums.risk(new ChunkedData(a, data, l, 3)), w, 0.0);
            assertEquals(memory.verdict(), sums.verdict(), l + ": " + memory.reason() + " / " + sums.reason());
            close(memory.value(), sums.value(), 1e-12, l + " value");
            close(memory.gradientNorm(), sums.gradientNorm(), 1e-9, l + " gradient norm");
            assertEquals(memory.hessian().verdict(), sums.hessian().verdict(), l.toString());
        }
    }

    @Test
    void rankDeficientPatchesAreSeenFromTheMoments() {
        // every input constant along its coordinates: each patch is a multiple of (1, ..., 1), rank 1
        Architecture a = Architecture.of(6, new int[] {2, 2}, new int[] {1, 1});
        Random random = new Random(3);
        double[][] x = new double[7][6];
        double[][] y = new double[7][a.outputDimension()];
        for (int i = 0; i < x.length; i++) {
            java.util.Arrays.fill(x[i], random.nextGaussian());
            for (int j = 0; j < y[i].length; j++) {
                y[i][j] = random.nextGaussian();
            }
        }
        Dataset data = new Dataset(x, y);
        FinalFilterRisk sums = PatchSums.risk(new ChunkedData(a, data, loss("square"), 2));
        assertEquals(1, sums.patchRank());
        assertEquals(FinalFilterRisk.of(a, data, loss("square")).patchRank(), sums.patchRank());
        double[] v = sums.leastSquares();
        assertNotNull(v);
        double[] expected = FinalFilterRisk.of(a, data, loss("square")).leastSquares();
        for (int n = 0; n < v.length; n++) {
            assertEquals(expected[n], v[n], 1e-10, "minimum-norm least squares tap " + n);
        }
    }

    @Test
    void aNonFiniteCurvatureIsNamedWithItsSampleAmongAll() {
        // lp with p = 1.5 has phi''(0) = +Infinity: a zero residual in the second chunk, sample 4
        Architecture a = Architecture.of(3, new int[] {2}, new int[] {1});
        double[][] x = {{1, 2, 3}, {0, 1, 0}, {2, 1, 1}, {1, 1, 1}};
        double[][] y = {{1, 0}, {2, 2}, {0, 1}, {2, 2}};
        Dataset data = new Dataset(x, y);
        FinalFilterRisk sums = PatchSums.risk(new ChunkedData(a, data, loss("lp", "p", 1.5), 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sums.hessian(new double[] {1.0, 1.0}));
        assertTrue(e.getMessage().contains("sample 4, output coordinate 1"), e.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> FinalFilterRisk.of(a, data, loss("lp", "p", 1.5)).hessian(new double[] {1.0, 1.0}));
        assertTrue(m.getMessage().contains("sample 4, output coordinate 1"), m.getMessage());
    }

    @Property(tries = 40)
    void theBoundednessBoundFromChunkGramsIsTheBoundOfTheData(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 3, 2, 2);
        int samples = random.nextBoolean() ? a.inputDimension() + 1 + random.nextInt(8) : 1 + random.nextInt(3);
        Dataset data = RandomLcn.data(a, samples, random);
        Loss l = loss("pseudo-huber", "delta", 0.5);
        BoundednessBound memory = BoundednessBound.of(data, l);
        BoundednessBound sums = new ChunkedData(a, data, l, 1 + random.nextInt(4)).boundednessBound();
        assertEquals(memory.rank(), sums.rank());
        assertEquals(memory.isFullRank(), sums.isFullRank());
        close(memory.targetsL1(), sums.targetsL1(), 1e-13, "||Y||_1");
        if (memory.isFullRank()) {
            close(memory.conditionNumber(), sums.conditionNumber(), 1e-6, "condition number");
            close(memory.pseudoInverseL1().getAsDouble(), sums.pseudoInverseL1().getAsDouble(), 1e-8,
                    "||X^T (X X^T)^-1||_1");
            close(memory.at(3.0).getAsDouble(), sums.at(3.0).getAsDouble(), 1e-8, "g(3)");
        } else {
            assertTrue(sums.at(3.0).isEmpty());
        }
    }
}
