package org.lcnflow.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.core.network.LayerPolynomials;
import org.lcnflow.core.network.Polynomial;
import org.lcnflow.core.testing.RandomLcn;

class LayerRootsTest {

    private static List<LayerRoots.Root> sorted(List<LayerRoots.Root> roots) {
        return roots.stream().sorted(Comparator.comparingDouble(LayerRoots.Root::real)
                .thenComparingDouble(LayerRoots.Root::imaginary)).toList();
    }

    @Test
    void rootsOfAStrideOneLayerAreTheCompanionMatrixEigenvalues() {
        // (x - 1)(x - 2) = 2 - 3x + x^2 and (x + 1)
        Architecture a = Architecture.of(4, new int[] {3, 2}, new int[] {1, 1});
        LayerRoots roots = LayerRoots.of(a, new double[] {2, -3, 1, 1, 1}, 0);
        List<LayerRoots.Root> first = sorted(roots.layers().get(0).roots());
        assertEquals(2, first.size());
        assertEquals(1.0, first.get(0).real(), 1e-14);
        assertEquals(2.0, first.get(1).real(), 1e-14);
        assertEquals(0.0, first.get(0).imaginary(), 1e-14);
        assertEquals(-1.0, roots.layers().get(1).roots().get(0).real(), 1e-15);
        assertEquals(0, roots.pairs().get(0).count());
        assertFalse(roots.anyShared());
    }

    @Test
    void spacingMakesEveryRootOfQGiveSRoots() {
        // layer 2 after a stride-2 layer: p~_2(x) = q(x^2) with q(y) = y - 4, roots +-2; layer 3: 1 + x^4
        Architecture a = Architecture.of(8, new int[] {2, 2, 3}, new int[] {2, 1, 1});
        double[] w = {1, 1, -4, 1, 1, 0, 1};
        LayerRoots roots = LayerRoots.of(a, w, 0);
        LayerRoots.Layer second = roots.layers().get(1);
        assertEquals(2, second.spacing());
        assertEquals(2, second.degree());
        List<LayerRoots.Root> r = sorted(second.roots());
        assertEquals(-2.0, r.get(0).real(), 1e-14);
        assertEquals(2.0, r.get(1).real(), 1e-14);
        LayerRoots.Layer third = roots.layers().get(2);
        assertEquals(4, third.degree(), "1 + x^4");
        for (LayerRoots.Root root : third.roots()) {
            assertEquals(1.0, root.magnitude(), 1e-14);
            assertEquals(Math.sqrt(0.5), Math.abs(root.real()), 1e-14);
        }
    }

    @Test
    void zeroLeadingAndTrailingCoefficientsGiveRootsAtZeroAndADegreeDrop() {
        Architecture a = Architecture.of(5, new int[] {4, 2}, new int[] {1, 1});
        // layer 1: 0 + 0 x + x^2 + x^3 = x^2 (1 + x); layer 2: 3 + 0 x, a constant
        LayerRoots roots = LayerRoots.of(a, new double[] {0, 0, 1, 1, 3, 0}, 0);
        List<LayerRoots.Root> first = sorted(roots.layers().get(0).roots());
        assertEquals(3, first.size());
        assertEquals(-1.0, first.get(0).real(), 1e-15);
        assertEquals(0.0, first.get(1).magnitude());
        assertEquals(0.0, first.get(2).magnitude());
        assertEquals(1, roots.layers().get(0).repeatedRoots(), "the double root at 0");
        assertEquals(0, roots.layers().get(1).degree());
        assertTrue(roots.layers().get(1).roots().isEmpty());
        assertTrue(roots.pairs().get(0).sylvesterSingularValue().isEmpty(), "a constant has no roots to share");
    }

    @Test
    void rootsSharedBetweenLayersAreCountedAndLocated() {
        // (x + 1)(x - 2) = -2 - x + x^2 and (x + 1)(x + 3) = 3 + 4x + x^2 share -1
        Architecture a = Architecture.of(5, new int[] {3, 3}, new int[] {1, 1});
        LayerRoots roots = LayerRoots.of(a, new double[] {-2, -1, 1, 3, 4, 1}, 0);
        LayerRoots.SharedRoots pair = roots.pairs().get(0);
        assertEquals(1, pair.count());
        assertEquals(-1.0, pair.roots().get(0).real(), 1e-12);
        assertTrue(pair.sylvesterSingularValue().getAsDouble() < 1e-14);
        assertTrue(roots.anyShared());
    }

    @Test
    void aRootSharedAcrossDifferentSpacingsIsFound() {
        // layer 1 (S = 1): x - 1; layer 2 after stride 2 (S = 2): q(y) = y - 1, i.e. x^2 - 1 = (x - 1)(x + 1)
        Architecture a = Architecture.of(6, new int[] {2, 2}, new int[] {2, 1});
        LayerRoots roots = LayerRoots.of(a, new double[] {-1, 1, -1, 1}, 0);
        assertEquals(1, roots.pairs().get(0).count());
        assertEquals(1.0, roots.pairs().get(0).roots().get(0).real(), 1e-12);
    }

    @Test
    void repeatedRootsInOneLayerAreCounted() {
        Architecture a = Architecture.of(4, new int[] {4}, new int[] {1});
        // (x - 1)^3 = -1 + 3x - 3x^2 + x^3
        LayerRoots.Layer layer = LayerRoots.of(a, new double[] {-1, 3, -3, 1}, 0).layers().get(0);
        assertEquals(2, layer.repeatedRoots());
        for (LayerRoots.Root root : layer.roots()) {
            assertEquals(1.0, root.magnitude(), 1e-4, "a triple root is only accurate to eps^(1/3)");
        }
    }

    @Test
    void aZeroFilterSharesEveryRoot() {
        Architecture a = Architecture.of(4, new int[] {3, 2}, new int[] {1, 1});
        LayerRoots roots = LayerRoots.of(a, new double[] {2, -3, 1, 0, 0}, 0);
        assertTrue(roots.layers().get(1).zero());
        assertEquals(2, roots.pairs().get(0).count());
        assertTrue(roots.anyShared());
    }

    @Test
    void theToleranceGrowsWithTheFiltersUncertainty() {
        Architecture a = Architecture.of(3, new int[] {2, 2}, new int[] {1, 1});
        // x + 1 and x + 1.001: distinct roots 1e-3 apart
        double[] w = {1, 1, 1.001, 1};
        assertEquals(0, LayerRoots.of(a, w, 0).pairs().get(0).count());
        assertEquals(LayerRoots.TOLERANCE_FLOOR, LayerRoots.of(a, w, 0).tolerance());
        assertEquals(1, LayerRoots.of(a, w, 1e-3).pairs().get(0).count(), "uncertain to 1e-3: counted as shared");
        assertThrows(IllegalArgumentException.class, () -> LayerRoots.of(a, w, -1));
    }

    @Property(tries = 200)
    void everyReportedRootIsARootOfItsLayerPolynomial(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 4, 4, 3, 3);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 1.0, random);
        LayerRoots roots = LayerRoots.of(a, w, 0);
        for (int i = 0; i < a.depth(); i++) {
            double[] p = Polynomial.spaced(LayerPolynomials.layerFilter(a, w, i), a.cumulativeStride(i))
                    .coefficients();
            LayerRoots.Layer layer = roots.layers().get(i);
            assertEquals(p.length - 1, layer.roots().size(), "degree of layer " + i + " of " + a);
            for (LayerRoots.Root root : layer.roots()) {
                // |p(x)| against the size of its terms, sum |c_j| |x|^j
                double re = 0;
                double im = 0;
                double size = 0;
                for (int j = p.length - 1; j >= 0; j--) {
                    double nr = re * root.real() - im * root.imaginary() + p[j];
                    im = re * root.imaginary() + im * root.real();
                    re = nr;
                    size = size * root.magnitude() + Math.abs(p[j]);
                }
                assertTrue(Math.hypot(re, im) <= 1e-8 * size, "p(" + root + ") = " + Math.hypot(re, im) + " for "
                        + a + " layer " + i);
            }
        }
    }
}
