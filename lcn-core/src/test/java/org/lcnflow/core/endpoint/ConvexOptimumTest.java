package org.lcnflow.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.testing.RandomLcn;
import org.lcnflow.core.testing.TestLosses;

class ConvexOptimumTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    private static Loss loss(String name, Object... keyValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return REGISTRY.loss(name, Parameters.of(map));
    }

    @Property(tries = 60)
    void squareLossOptimumSolvesTheNormalEquations(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 3, 2, 3);
        Dataset data = RandomLcn.data(a, a.finalWidth() + 3 + random.nextInt(4), random);
        ConvexOptimum optimum = ConvexOptimum.of(a, data, loss("square"));
        assertEquals(ConvexOptimum.Status.FOUND, optimum.status(), optimum.reason());
        // A v = b with the Gram matrix A = P^T P and b = P^T y
        FunctionSpaceRisk f = FunctionSpaceRisk.of(a, data, loss("square"));
        DMatrixRMaj p = f.patchMatrix();
        DMatrixRMaj gram = new DMatrixRMaj(p.numCols, p.numCols);
        CommonOps_DDRM.multTransA(p, p, gram);
        DMatrixRMaj b = new DMatrixRMaj(p.numCols, 1);
        CommonOps_DDRM.multTransA(p, f.targetVector(), b);
        DMatrixRMaj v = new DMatrixRMaj(p.numCols, 1);
        assertTrue(CommonOps_DDRM.solveSPD(gram, b, v) || optimum.patchRank() < a.finalWidth());
        if (optimum.patchRank() == a.finalWidth()) {
            assertArrayEquals(v.getData(), optimum.filter(), 1e-8 * Math.max(1, CommonOps_DDRM.elementMaxAbs(v)));
        }
        assertTrue(optimum.gradientNorm() <= 1e-10 * Math.max(1, optimum.zeroNetworkValue()), optimum.toString());
        assertTrue(optimum.value() <= f.value(v.getData()) * (1 + 1e-13) + 1e-300);
    }

    @Property(tries = 40)
    void smoothConvexLossesReachAZeroGradientAndBeatEveryOtherFilter(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 3, 2, 3);
        Dataset data = RandomLcn.data(a, 4 + random.nextInt(4), random);
        for (Loss l : new Loss[] {loss("pseudo-huber", "delta", 0.5), loss("log-cosh", "alpha", 2.0),
            loss("generalized-huber", "alpha", 1.0, "beta", 0.5), loss("lp", "p", 4.0), loss("lp", "p", 1.5)}) {
            ConvexOptimum optimum = ConvexOptimum.of(a, data, l);
            assertEquals(ConvexOptimum.Status.FOUND, optimum.status(), l + ": " + optimum.reason());
            FunctionSpaceRisk f = FunctionSpaceRisk.of(a, data, l);
            double[] best = optimum.filter();
            for (int k = 0; k < 20; k++) {
                double[] other = best.clone();
                for (int n = 0; n < other.length; n++) {
                    other[n] += 1e-3 * random.nextGaussian();
                }
                assertTrue(f.value(other) >= optimum.value() - 1e-12 * optimum.zeroNetworkValue(), l.toString());
            }
        }
    }

    @Test
    void theOneNormIsALinearProgramAndReportedUnavailable() {
        Architecture a = Architecture.of(5, new int[] {2, 2}, new int[] {1, 1});
        Dataset data = RandomLcn.data(a, 5, new Random(1));
        ConvexOptimum optimum = ConvexOptimum.of(a, data, loss("lp", "p", 1.0));
        assertEquals(ConvexOptimum.Status.UNAVAILABLE, optimum.status());
        assertTrue(optimum.reason().contains("linear program"), optimum.reason());
    }

    @Test
    void nonConvexAndNonSeparableLossesAreUnavailableWithTheReason() {
        Architecture a = Architecture.of(5, new int[] {2, 2}, new int[] {1, 1});
        Dataset data = RandomLcn.data(a, 5, new Random(1));
        ConvexOptimum nonConvex = ConvexOptimum.of(a, data, TestLosses.SMOOTH_ABS);
        assertEquals(ConvexOptimum.Status.UNAVAILABLE, nonConvex.status());
        assertTrue(nonConvex.reason().contains("not known to be convex"), nonConvex.reason());
        Loss convexGeneric = new Loss() {
            @Override
            public double value(double[] z, double[] y) {
                return TestLosses.LOG_NORM.value(z, y);
            }

            @Override
            public void gradient(double[] z, double[] y, double[] out) {
                TestLosses.LOG_NORM.gradient(z, y, out);
            }

            @Override
            public boolean isConvex() {
                return true;
            }
        };
        ConvexOptimum generic = ConvexOptimum.of(a, data, convexGeneric);
        assertEquals(ConvexOptimum.Status.UNAVAILABLE, generic.status());
        assertTrue(generic.reason().contains("not a SeparableLoss"), generic.reason());
    }

    @Test
    void rankDeficientPatchesStillGiveTheOptimalValue() {
        // two samples of a width-5 final filter: the patches span 2 dimensions and the targets are fitted exactly
        Architecture a = Architecture.of(5, new int[] {3, 3}, new int[] {1, 1});
        Dataset data = RandomLcn.data(a, 2, new Random(7));
        ConvexOptimum optimum = ConvexOptimum.of(a, data, loss("square"));
        assertEquals(2, optimum.patchRank());
        assertEquals(ConvexOptimum.Status.FOUND, optimum.status());
        assertEquals(0.0, optimum.value(), 1e-25);
    }
}
