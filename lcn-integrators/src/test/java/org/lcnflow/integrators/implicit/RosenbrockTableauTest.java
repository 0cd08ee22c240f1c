package org.lcnflow.integrators.implicit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The constants of {@link RosenbrockTableau} (RODAS4) checked against their definitions (Hairer-Wanner II, IV.7):
 * the original form {@code Gamma = (diag(1/gamma) - C)^-1}, {@code alpha = A Gamma}, {@code b = m Gamma} of the
 * transformed coefficients, then the order conditions of Table 7.1 there, up to order 4 for the solution and up
 * to order 3 for the embedded one, the nodes, stiff accuracy and L-stability of both.
 */
class RosenbrockTableauTest {

    private static final int S = RosenbrockTableau.STAGES;
    private static final double G = RosenbrockTableau.GAMMA;

    /** {@code Gamma = (diag(1/gamma) - C)^-1}, lower triangular with diagonal {@code gamma}. */
    private static double[][] gammaMatrix() {
        double[][] c = RosenbrockTableau.c();
        double[][] inverse = new double[S][S];
        for (int i = 0; i < S; i++) {
            for (int j = 0; j < i; j++) {
                inverse[i][j] = -c[i][j];
            }
            inverse[i][i] = 1 / G;
        }
        // forward substitution, column by column
        double[][] gamma = new double[S][S];
        for (int col = 0; col < S; col++) {
            for (int i = 0; i < S; i++) {
                double sum = i == col ? 1 : 0;
                for (int j = 0; j < i; j++) {
                    sum -= inverse[i][j] * gamma[j][col];
                }
                gamma[i][col] = sum / inverse[i][i];
            }
        }
        return gamma;
    }

    private static double[][] alpha() {
        return multiply(RosenbrockTableau.a(), gammaMatrix());
    }

    private static double[] weights(double[] m) {
        double[][] gamma = gammaMatrix();
        double[] b = new double[S];
        for (int j = 0; j < S; j++) {
            for (int i = 0; i < S; i++) {
                b[j] += m[i] * gamma[i][j];
            }
        }
        return b;
    }

    /** {@code beta_ij = alpha_ij + gamma_ij} below the diagonal, 0 on and above it. */
    private static double[][] beta() {
        double[][] alpha = alpha();
        double[][] gamma = gammaMatrix();
        double[][] beta = new double[S][S];
        for (int i = 0; i < S; i++) {
            for (int j = 0; j < i; j++) {
                beta[i][j] = alpha[i][j] + gamma[i][j];
            }
        }
        return beta;
    }

    /** The residuals of the order conditions of Table 7.1 (Hairer-Wanner II) up to order {@code order}. */
    private static double[] residuals(double[] b, int order) {
        double[][] alpha = alpha();
        double[][] beta = beta();
        double[] a = rowSums(alpha);
        double[] bp = rowSums(beta);
        double[] bbp = multiply(beta, bp);
        double[] aa = new double[S];
        for (int i = 0; i < S; i++) {
            aa[i] = a[i] * a[i];
        }
        double[] r = new double[8];
        r[0] = dot(b, ones()) - 1;
        r[1] = dot(b, bp) - (0.5 - G);
        if (order >= 3) {
            r[2] = dot(b, aa) - 1.0 / 3;
            r[3] = dot(b, bbp) - (1.0 / 6 - G + G * G);
        }
        if (order >= 4) {
            double[] aaa = new double[S];
            double[] aAbp = new double[S];
            double[] alphaBp = multiply(alpha, bp);
            for (int i = 0; i < S; i++) {
                aaa[i] = aa[i] * a[i];
                aAbp[i] = a[i] * alphaBp[i];
            }
            r[4] = dot(b, aaa) - 0.25;
            r[5] = dot(b, aAbp) - (1.0 / 8 - G / 3);
            r[6] = dot(b, multiply(beta, aa)) - (1.0 / 12 - G / 3);
            r[7] = dot(b, multiply(beta, bbp)) - (1.0 / 24 - G / 2 + 1.5 * G * G - G * G * G);
        }
        return r;
    }

    @Test
    void theSolutionSatisfiesTheOrderConditionsUpToOrderFour() {
        double[] r = residuals(weights(RosenbrockTableau.weights()), 4);
        for (int k = 0; k < r.length; k++) {
            assertEquals(0.0, r[k], 1e-12, "order condition " + (k + 1));
        }
    }

    @Test
    void theEmbeddedSolutionSatisfiesTheOrderConditionsUpToOrderThreeAndNotFour() {
        double[] b = weights(RosenbrockTableau.embeddedWeights());
        double[] r = residuals(b, 3);
        for (int k = 0; k < r.length; k++) {
            assertEquals(0.0, r[k], 1e-12, "order condition " + (k + 1));
        }
        double[] four = residuals(b, 4);
        double largest = 0;
        for (int k = 4; k < 8; k++) {
            largest = Math.max(largest, Math.abs(four[k]));
        }
        assertTrue(largest > 1e-4, "a genuine order-3 estimate: order-4 residuals up to " + largest);
    }

    @Test
    void theNodesAreTheRowSumsOfAlpha() {
        double[] nodes = rowSums(alpha());
        for (int i = 0; i < S; i++) {
            assertEquals(RosenbrockTableau.NODES[i], nodes[i], 1e-12, "c_" + (i + 1));
        }
    }

    @Test
    void bothSolutionsAreStifflyAccurate() {
        // b_j = alpha_6j + gamma_6j and bHat_j = alpha_5j + gamma_5j: the solutions are the last two stages
        double[][] alpha = alpha();
        double[][] gamma = gammaMatrix();
        double[] b = weights(RosenbrockTableau.weights());
        double[] bHat = weights(RosenbrockTableau.embeddedWeights());
        for (int j = 0; j < S; j++) {
            assertEquals(alpha[5][j] + gamma[5][j], b[j], 1e-12, "b_" + (j + 1));
            assertEquals(alpha[4][j] + gamma[4][j], bHat[j], 1e-12, "bHat_" + (j + 1));
        }
    }

    /** {@code R(z) = 1 + z b^T (I - z B)^-1 1} with {@code B = alpha + Gamma}. */
    private static double stability(double[] b, double z) {
        double[][] alpha = alpha();
        double[][] gamma = gammaMatrix();
        double[] x = new double[S];
        for (int i = 0; i < S; i++) { // (I - z B) x = 1, lower triangular
            double sum = 1;
            for (int j = 0; j < i; j++) {
                sum += z * (alpha[i][j] + gamma[i][j]) * x[j];
            }
            x[i] = sum / (1 - z * gamma[i][i]);
        }
        return 1 + z * dot(b, x);
    }

    @Test
    void bothSolutionsAreLStableAndTheSolutionApproximatesTheExponentialToOrderFour() {
        double[] b = weights(RosenbrockTableau.weights());
        double[] bHat = weights(RosenbrockTableau.embeddedWeights());
        assertEquals(0.0, stability(b, -1e12), 1e-10);
        assertEquals(0.0, stability(bHat, -1e12), 1e-10);
        for (double z = -1e4; z < -1e-4; z /= 1.5) { // A-stability on the negative axis, the flow's spectrum
            assertTrue(Math.abs(stability(b, z)) <= 1 + 1e-14, "|R(" + z + ")|");
            assertTrue(Math.abs(stability(bHat, z)) <= 1 + 1e-14, "|RHat(" + z + ")|");
        }
        // R(z) - e^z ~ C z^5: halving z divides it by ~32
        double e1 = stability(b, -0.02) - Math.exp(-0.02);
        double e2 = stability(b, -0.01) - Math.exp(-0.01);
        assertEquals(5.0, Math.log(e1 / e2) / Math.log(2), 0.1);
    }

    private static double[] ones() {
        double[] x = new double[S];
        java.util.Arrays.fill(x, 1.0);
        return x;
    }

    private static double[] rowSums(double[][] m) {
        return multiply(m, ones());
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }

    private static double[] multiply(double[][] m, double[] x) {
        double[] y = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            y[i] = dot(m[i], x);
        }
        return y;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        double[][] z = new double[x.length][y[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y[0].length; j++) {
                for (int k = 0; k < y.length; k++) {
                    z[i][j] += x[i][k] * y[k][j];
                }
            }
        }
        return z;
    }
}
