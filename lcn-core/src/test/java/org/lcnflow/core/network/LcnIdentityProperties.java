package org.lcnflow.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.ejml.data.DMatrixRMaj;
import org.lcnflow.api.Architecture;
import org.lcnflow.core.testing.RandomLcn;

/**
 * Prop. 1.1 and Prop. 2.1 over random architectures (depth 1-5, widths 1-6, strides 1-3). Filters are
 * small integers, so every product is exact and the identities are checked with equality.
 */
class LcnIdentityProperties {

    @Property(tries = 300)
    void networkMatrixIsTheProductOfLayerMatricesAndTheFinalFilterConvolution(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 5, 6, 3, 4);
        double[] w = RandomLcn.integerFilters(a, random);

        DMatrixRMaj v = ConvolutionMatrices.network(a, w);
        // the product formed in the other order, W_N (W_{N-1} (... W_1)), by plain loops
        double[][] product = dense(layer(a, w, 0));
        for (int i = 1; i < a.depth(); i++) {
            product = multiply(dense(layer(a, w, i)), product);
        }
        assertEquals(a.outputDimension(), v.numRows);
        assertEquals(a.inputDimension(), v.numCols);
        for (int r = 0; r < v.numRows; r++) {
            assertArrayEquals(product[r], row(v, r), 0.0, "row " + r + " of V for " + a);
        }

        FinalFilter f = FinalFilter.of(a, w);
        DMatrixRMaj conv = ConvolutionMatrices.layer(a.inputDimension(), f.width(), f.stride(), f.coefficients());
        for (int r = 0; r < v.numRows; r++) {
            assertArrayEquals(row(conv, r), row(v, r), 0.0, "Prop. 1.1 for " + a + ", w=" + java.util.Arrays.toString(w));
        }
    }

    @Property(tries = 300)
    void finalWidthAndStrideFollowProposition11(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 5, 6, 3, 4);
        int[] k = a.widths();
        int[] s = a.strides();
        int kv = k[0];
        int sv = s[0];
        for (int i = 1; i < k.length; i++) {
            kv += (k[i] - 1) * sv;
            sv *= s[i];
        }
        assertEquals(kv, a.finalWidth());
        assertEquals(sv, a.finalStride());
        // eq. (1.2) across the whole network: d_N = (d_0 - k_v)/s_v + 1
        assertEquals((a.inputDimension() - kv) / sv + 1, a.outputDimension());
        assertEquals(0, (a.inputDimension() - kv) % sv);
        assertEquals(kv, FinalFilter.of(a, RandomLcn.integerFilters(a, random)).width());
        // with all filters 1 the final filter counts paths: v = prod of spaced all-ones polynomials > 0
        double[] ones = new double[a.parameterCount()];
        java.util.Arrays.fill(ones, 1.0);
        double[] v = FinalFilter.of(a, ones).coefficients();
        double paths = 1;
        for (int width : k) {
            paths *= width;
        }
        assertEquals(paths, java.util.Arrays.stream(v).sum());
        assertEquals(1.0, v[0]);
        assertEquals(1.0, v[kv - 1]);
    }

    @Property(tries = 200)
    void finalFilterIsTheProductOfTheLayerPolynomials(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 5, 6, 3, 4);
        double[] w = RandomLcn.integerFilters(a, random);
        LayerPolynomials p = LayerPolynomials.of(a, w);
        // at x = 1 and x = -1 with small integer coefficients every evaluation is exact
        for (double x : new double[] {1.0, -1.0}) {
            double expected = 1.0;
            for (Polynomial layer : p.layers()) {
                expected *= layer.evaluate(x);
            }
            assertEquals(expected, FinalFilter.of(a, w).polynomial().evaluate(x), 0.0);
        }
        // elsewhere up to Horner's rounding, bounded by the evaluation of the absolute coefficients
        double x = 2 * random.nextDouble() - 1;
        double expected = 1.0;
        double bound = 1.0;
        for (Polynomial layer : p.layers()) {
            expected *= layer.evaluate(x);
            bound *= absolute(layer).evaluate(Math.abs(x));
        }
        assertEquals(expected, FinalFilter.of(a, w).polynomial().evaluate(x), 1e-12 * bound);
        assertArrayEquals(p.product().coefficients(), FinalFilter.of(a, w).coefficients(), 0.0);
    }

    private static Polynomial absolute(Polynomial p) {
        double[] c = p.coefficients();
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.abs(c[i]);
        }
        return Polynomial.of(c);
    }

    private static DMatrixRMaj layer(Architecture a, double[] w, int i) {
        return ConvolutionMatrices.layer(a.dimension(i), a.width(i), a.stride(i), LayerPolynomials.layerFilter(a, w, i));
    }

    private static double[][] dense(DMatrixRMaj m) {
        double[][] d = new double[m.numRows][];
        for (int r = 0; r < m.numRows; r++) {
            d[r] = row(m, r);
        }
        return d;
    }

    private static double[] row(DMatrixRMaj m, int r) {
        double[] row = new double[m.numCols];
        for (int c = 0; c < m.numCols; c++) {
            row[c] = m.get(r, c);
        }
        return row;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
        return c;
    }
}
