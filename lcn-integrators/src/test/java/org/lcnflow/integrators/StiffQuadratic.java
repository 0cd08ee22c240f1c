package org.lcnflow.integrators;

import java.util.Random;
import org.lcnflow.testkit.QuadraticField;

/**
 * A stiff quadratic flow in 10 dimensions: the Hessian's eigenvalues spread from {@code 1e-3} to {@code 1e6}, so an
 * explicit method is held at {@code h < ~3e-6} and would need {@code t ~ 1e4} (over {@code 1e9} steps) to reach a
 * gradient of {@code 1e-8}.
 */
public final class StiffQuadratic {

    private StiffQuadratic() {
    }

    /**
     * @return {@code A = Q diag(1e-3 ... 1e6) Q^T} with a random orthogonal {@code Q} (seed 16), {@code b} such that
     *         {@code w* = (1, 1.1, ..., 1.9)}
     */
    public static QuadraticField of() {
        int n = 10;
        Random random = new Random(16);
        double[][] q = new double[n][n];
        for (int k = 0; k < n; k++) { // Gram-Schmidt of random columns
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextGaussian();
            }
            for (int p = 0; p < k; p++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[i][p] * v[i];
                }
                for (int i = 0; i < n; i++) {
                    v[i] -= dot * q[i][p];
                }
            }
            double norm = 0;
            for (double vi : v) {
                norm += vi * vi;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i][k] = v[i] / norm;
            }
        }
        double[][] a = new double[n][n];
        for (int k = 0; k < n; k++) {
            double lambda = Math.pow(10, -3 + 9.0 * k / (n - 1));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] += q[i][k] * lambda * q[j][k];
                }
            }
        }
        for (int i = 0; i < n; i++) { // exactly symmetric
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i];
            }
        }
        double[] wStar = new double[n];
        for (int i = 0; i < n; i++) {
            wStar[i] = 1 + 0.1 * i;
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i] += a[i][j] * wStar[j];
            }
        }
        return QuadraticField.of(a, b);
    }
}
