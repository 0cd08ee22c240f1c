package org.lcnflow.integrators.implicit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The constants of {@link RadauTableau} derived from their definitions (Hairer-Wanner II, IV.5 and IV.8): the
 * Radau IIA matrix from the collocation conditions {@code A c^(k-1) = c^k / k}, {@code k = 1, 2, 3}; then
 * {@code T^-1 A^-1 T = diag(gamma, [[alpha, -beta], [beta, alpha]])} and {@code T^-1 T = I}; and the error
 * weights from the order conditions of the embedded method.
 */
class RadauTableauTest {

    private static final double[] C = {RadauTableau.C1, RadauTableau.C2, 1.0};

    @Test
    void nodesAreTheRadauPoints() {
        // the interior Radau IIA nodes are the zeros of 10 c^2 - 8 c + 1
        for (int i = 0; i < 2; i++) {
            assertEquals(0.0, 10 * C[i] * C[i] - 8 * C[i] + 1, 1e-15);
        }
        assertEquals((4 - Math.sqrt(6)) / 10, RadauTableau.C1, 0.0);
        assertEquals((4 + Math.sqrt(6)) / 10, RadauTableau.C2, 0.0);
    }

    @Test
    void theTransformationBlockDiagonalizesTheInverseRadauMatrix() {
        double[][] a = radauMatrix();
        double[][] aInverse = inverse(a);
        double[][] t = RadauTableau.t();
        double[][] ti = RadauTableau.tInverse();
        double[][] identity = multiply(ti, t);
        double[][] lambda = multiply(ti, multiply(aInverse, t));
        double[][] expected = {
            {RadauTableau.GAMMA, 0, 0},
            {0, RadauTableau.ALPHA, -RadauTableau.BETA},
            {0, RadauTableau.BETA, RadauTableau.ALPHA}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? 1.0 : 0.0, identity[i][j], 1e-14, "T^-1 T at " + i + "," + j);
                assertEquals(expected[i][j], lambda[i][j], 1e-14, "T^-1 A^-1 T at " + i + "," + j);
            }
        }
        // the eigenvalues of A^-1: gamma real, alpha +- i beta (trace and determinant)
        double trace = aInverse[0][0] + aInverse[1][1] + aInverse[2][2];
        assertEquals(RadauTableau.GAMMA + 2 * RadauTableau.ALPHA, trace, 1e-13);
        assertEquals(RadauTableau.GAMMA * (RadauTableau.ALPHA * RadauTableau.ALPHA
                + RadauTableau.BETA * RadauTableau.BETA), 1 / determinant(a), 1e-12);
        assertEquals(3.6378342527444957, RadauTableau.GAMMA, 1e-14);
        assertEquals(2.6810828736277521, RadauTableau.ALPHA, 1e-14);
        assertEquals(3.0504301992474106, RadauTableau.BETA, 1e-14);
    }

    @Test
    void theErrorWeightsMakeTheEmbeddedMethodOfOrderThree() {
        // err = gamma0 h f0 + sum e_i z_i with z = h A F is the embedded solution of weights (gamma0, b + A^T e);
        // order 3 needs e.c = -gamma0, e.c^2 = e.c^3 = 0 (A c^(k-1) = c^k / k); dd = e / gamma0
        double[][] m = new double[3][3];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 3; i++) {
                m[k][i] = Math.pow(C[i], k + 1);
            }
        }
        double[] dd = solve(m, new double[] {-1, 0, 0});
        assertEquals(dd[0], RadauTableau.DD1, 1e-13);
        assertEquals(dd[1], RadauTableau.DD2, 1e-13);
        assertEquals(dd[2], RadauTableau.DD3, 1e-13);
    }

    /** {@code a_ij} from {@code sum_j a_ij c_j^(k-1) = c_i^k / k}. */
    static double[][] radauMatrix() {
        double[][] vt = new double[3][3]; // vt[k][j] = c_j^k
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 3; j++) {
                vt[k][j] = Math.pow(C[j], k);
            }
        }
        double[][] a = new double[3][];
        for (int i = 0; i < 3; i++) {
            double[] rhs = new double[3];
            for (int k = 0; k < 3; k++) {
                rhs[k] = Math.pow(C[i], k + 1) / (k + 1);
            }
            a[i] = solve(vt, rhs);
        }
        return a;
    }

    private static double[] solve(double[][] matrix, double[] rhs) {
        int n = rhs.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = new double[n + 1];
            System.arraycopy(matrix[i], 0, m[i], 0, n);
            m[i][n] = rhs[i];
        }
        for (int p = 0; p < n; p++) {
            int best = p;
            for (int r = p + 1; r < n; r++) {
                if (Math.abs(m[r][p]) > Math.abs(m[best][p])) {
                    best = r;
                }
            }
            double[] swap = m[p];
            m[p] = m[best];
            m[best] = swap;
            for (int r = p + 1; r < n; r++) {
                double f = m[r][p] / m[p][p];
                for (int c = p; c <= n; c++) {
                    m[r][c] -= f * m[p][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    private static double[][] inverse(double[][] a) {
        double[][] columns = new double[3][];
        for (int j = 0; j < 3; j++) {
            double[] e = new double[3];
            e[j] = 1;
            columns[j] = solve(a, e);
        }
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                inv[i][j] = columns[j][i];
            }
        }
        return inv;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        double[][] p = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    p[i][j] += x[i][k] * y[k][j];
                }
            }
        }
        return p;
    }

    private static double determinant(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }
}
