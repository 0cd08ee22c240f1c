package org.lcnflow.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;

class FinalFilterTest {

    @Test
    void designWorkedExampleHoldsExactly() {
        // k = (2,2), s = (2,1), w1 = (a0,a1), w2 = (b0,b1): v = (a0 b0, a1 b0, a0 b1, a1 b1), s_v = 2
        double a0 = 1.5;
        double a1 = -2.25;
        double b0 = 3.0;
        double b1 = 0.5;
        Architecture a = Architecture.of(6, new int[] {2, 2}, new int[] {2, 1});
        FinalFilter v = FinalFilter.of(a, new double[] {a0, a1, b0, b1});
        assertArrayEquals(new double[] {a0 * b0, a1 * b0, a0 * b1, a1 * b1}, v.coefficients());
        assertEquals(2, v.stride());
        assertEquals(4, v.width());
        assertEquals(a.finalWidth(), v.width());
        DMatrixRMaj network = ConvolutionMatrices.network(a, new double[] {a0, a1, b0, b1});
        // V = W2 W1 with W1 3x6 (stride 2), W2 2x3: row j of V is v placed at column 2j
        double[][] expected = {
            {a0 * b0, a1 * b0, a0 * b1, a1 * b1, 0, 0},
            {0, 0, a0 * b0, a1 * b0, a0 * b1, a1 * b1}};
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 6; c++) {
                assertEquals(expected[r][c], network.get(r, c), "V[" + r + "," + c + "]");
            }
        }
    }

    @Test
    void layerMatrixIsEquation11() {
        // the paper's example (1.1): width 4, stride 2, 8 inputs -> 3 x 8, row j starts at column 2j
        DMatrixRMaj w = ConvolutionMatrices.layer(8, 4, 2, new double[] {1, 2, 3, 4});
        assertEquals(3, w.numRows);
        assertEquals(8, w.numCols);
        assertArrayEquals(new double[] {1, 2, 3, 4, 0, 0, 0, 0}, rowOf(w, 0));
        assertArrayEquals(new double[] {0, 0, 1, 2, 3, 4, 0, 0}, rowOf(w, 1));
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 2, 3, 4}, rowOf(w, 2));
        DMatrixRMaj strided = ConvolutionMatrices.layer(7, 3, 2, new double[] {5, 6, 7});
        assertArrayEquals(new double[] {0, 0, 0, 0, 5, 6, 7}, rowOf(strided, 2));
        assertEquals("the filter has 2 coefficients, expected width 3", assertThrows(IllegalArgumentException.class,
                () -> ConvolutionMatrices.layer(7, 3, 2, new double[] {1, 2})).getMessage());
    }

    @Test
    void layerPolynomialsAreSpacedByCumulativeStride() {
        Architecture a = Architecture.of(24, new int[] {2, 3, 2}, new int[] {2, 3, 1});
        LayerPolynomials p = LayerPolynomials.of(a, new double[] {1, 2, 3, 4, 5, 6, 7});
        assertEquals(Polynomial.of(1, 2), p.layer(0));
        assertEquals(Polynomial.of(3, 0, 4, 0, 5), p.layer(1));
        assertEquals(Polynomial.of(6, 0, 0, 0, 0, 0, 7), p.layer(2));
        assertArrayEquals(p.product().coefficients(), FinalFilter.of(a, new double[] {1, 2, 3, 4, 5, 6, 7})
                .coefficients());
        assertEquals(a.finalWidth(), p.product().length());
    }

    @Test
    void polynomialArithmeticMatchesHandComputation() {
        Polynomial p = Polynomial.of(1, -2);
        Polynomial q = Polynomial.of(3, 0, 1);
        // (1 - 2x)(3 + x^2) = 3 - 6x + x^2 - 2x^3
        assertEquals(Polynomial.of(3, -6, 1, -2), p.multiply(q));
        assertEquals(3 - 6 * 0.5 + 0.25 - 2 * 0.125, p.multiply(q).evaluate(0.5));
        assertEquals(12.0, p.multiply(q).l1Norm());
        assertEquals(0.0, q.coefficient(7));
    }

    @Test
    void wrongParameterLengthNamesBothNumbers() {
        Architecture a = Architecture.of(6, new int[] {2, 2}, new int[] {2, 1});
        assertEquals("the parameter vector has length 3 but Architecture(d=[6, 3, 2], k=[2, 2], s=[2, 1]) has "
                + "sum k_i = 4 parameters", assertThrows(IllegalArgumentException.class,
                        () -> FinalFilter.of(a, new double[3])).getMessage());
    }

    private static double[] rowOf(DMatrixRMaj m, int row) {
        double[] r = new double[m.numCols];
        for (int c = 0; c < m.numCols; c++) {
            r[c] = m.get(row, c);
        }
        return r;
    }
}
