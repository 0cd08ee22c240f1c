package org.lcnflow.testkit;

import java.util.Arrays;
import java.util.Objects;
import org.lcnflow.api.HessianField;

/**
 * The quadratic {@code L(w) = 1/2 w^T A w - b^T w} with symmetric {@code A}, whose gradient flow
 * {@code dw/dt = -(A w - b)} has a known solution: with {@code A = Q diag(lambda) Q^T} and
 * {@code z = Q^T w}, {@code beta = Q^T b}, each mode solves {@code z' = beta - lambda z}, so
 * {@code z(t) = exp(-lambda t) z(0) + beta (1 - exp(-lambda t)) / lambda} (and {@code z(0) + beta t}
 * for {@code lambda = 0}). For positive definite {@code A} this is {@code w* + exp(-A t)(w0 - w*)} with
 * the minimizer {@code w* = A^-1 b}; negative eigenvalues give exponential growth.
 *
 * <p>Its Hessian is {@code A} everywhere ({@link #valueGradientAndHessian}), so implicit integrators solve
 * its flow with the exact Jacobian.
 *
 * <p>The eigendecomposition is computed once with cyclic Jacobi rotations (accurate to rounding for the
 * small matrices of tests). Immutable and thread-safe.
 */
public final class QuadraticField implements HessianField {

    private final int n;
    private final double[][] a;
    private final double[] b;
    private final double[] eigenvalues;
    /** Column {@code k} is the eigenvector of {@code eigenvalues[k]}. */
    private final double[][] q;

    private QuadraticField(double[][] a, double[] b) {
        Objects.requireNonNull(a, "a is null");
        Objects.requireNonNull(b, "b is null");
        n = b.length;
        if (n < 1 || a.length != n) {
            throw new IllegalArgumentException("A must be " + n + " x " + n + " for b of length " + n + ", got "
                    + a.length + " rows");
        }
        this.a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("A must be square, row " + i + " has length " + a[i].length);
            }
            this.a[i] = a[i].clone();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(a[i][j]) || a[i][j] != a[j][i]) {
                    throw new IllegalArgumentException("A must be finite and symmetric, A[" + i + "][" + j + "] = "
                            + a[i][j] + ", A[" + j + "][" + i + "] = " + a[j][i]);
                }
            }
        }
        this.b = b.clone();
        this.eigenvalues = new double[n];
        this.q = new double[n][n];
        jacobi(this.a, eigenvalues, q);
    }

    /**
     * @param a a symmetric matrix (copied)
     * @param b the linear term (copied)
     * @return {@code L(w) = 1/2 w^T A w - b^T w}
     */
    public static QuadraticField of(double[][] a, double[] b) {
        return new QuadraticField(a, b);
    }

    /**
     * @param eigenvalues the diagonal of {@code A}
     * @return {@code L(w) = 1/2 sum lambda_i w_i^2}, whose flow is {@code w_i(t) = exp(-lambda_i t) w_i(0)}
     */
    public static QuadraticField diagonal(double... eigenvalues) {
        int n = eigenvalues.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = eigenvalues[i];
        }
        return new QuadraticField(a, new double[n]);
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double value = 0;
        for (int i = 0; i < n; i++) {
            double ai = 0;
            for (int j = 0; j < n; j++) {
                ai += a[i][j] * w[j];
            }
            gradient[i] = ai - b[i];
            value += w[i] * (0.5 * ai - b[i]);
        }
        return value;
    }

    /** Writes {@code A} row-major: the Hessian of a quadratic is constant. */
    @Override
    public double valueGradientAndHessian(double[] w, double[] gradient, double[] hessian) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, hessian, i * n, n);
        }
        return valueAndGradient(w, gradient);
    }

    /** @return the eigenvalues of {@code A}, in no particular order */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /**
     * @param w0 the initial point
     * @param t  the time, {@code >= 0}
     * @return the exact solution {@code w(t)} of the gradient flow from {@code w0}
     */
    public double[] exactSolution(double[] w0, double t) {
        if (w0.length != n) {
            throw new IllegalArgumentException("w0 must have length " + n + ", got " + w0.length);
        }
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            double z0 = 0;
            double beta = 0;
            for (int i = 0; i < n; i++) {
                z0 += q[i][k] * w0[i];
                beta += q[i][k] * b[i];
            }
            double lambda = eigenvalues[k];
            // (1 - exp(-lambda t)) / lambda without cancellation, and its limit t at lambda = 0
            double phi = lambda == 0 ? t : -Math.expm1(-lambda * t) / lambda;
            double z = Math.exp(-lambda * t) * z0 + beta * phi;
            for (int i = 0; i < n; i++) {
                w[i] += q[i][k] * z;
            }
        }
        return w;
    }

    /**
     * @return {@code w* = A^-1 b}, where the gradient vanishes
     * @throws IllegalStateException when {@code A} is not positive definite
     */
    public double[] minimizer() {
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            if (!(eigenvalues[k] > 0)) {
                throw new IllegalStateException("A is not positive definite: eigenvalue " + eigenvalues[k]);
            }
            double beta = 0;
            for (int i = 0; i < n; i++) {
                beta += q[i][k] * b[i];
            }
            for (int i = 0; i < n; i++) {
                w[i] += q[i][k] * beta / eigenvalues[k];
            }
        }
        return w;
    }

    /** Cyclic Jacobi: rotates {@code A} (a copy) to diagonal form, accumulating the rotations in {@code v}. */
    private static void jacobi(double[][] matrix, double[] eigenvalues, double[][] v) {
        int n = eigenvalues.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = matrix[i].clone();
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int p = 0; p < n; p++) {
                for (int r = 0; r < n; r++) {
                    total += m[p][r] * m[p][r];
                    if (p != r) {
                        off += m[p][r] * m[p][r];
                    }
                }
            }
            if (off <= 1e-32 * total) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int r = p + 1; r < n; r++) {
                    if (m[p][r] == 0) {
                        continue;
                    }
                    // the rotation in the (p, r) plane that zeroes m[p][r]: tan(phi) = t, cot(2 phi) = theta
                    double theta = (m[r][r] - m[p][p]) / (2 * m[p][r]);
                    double t = Math.copySign(1.0, theta) / (Math.abs(theta) + Math.hypot(theta, 1));
                    double c = 1 / Math.hypot(t, 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k][p];
                        double mkr = m[k][r];
                        m[k][p] = c * mkp - s * mkr;
                        m[k][r] = s * mkp + c * mkr;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p][k];
                        double mrk = m[r][k];
                        m[p][k] = c * mpk - s * mrk;
                        m[r][k] = s * mpk + c * mrk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkr = v[k][r];
                        v[k][p] = c * vkp - s * vkr;
                        v[k][r] = s * vkp + c * vkr;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            eigenvalues[i] = m[i][i];
        }
    }

    @Override
    public String toString() {
        return "QuadraticField(A=" + Arrays.deepToString(a) + ", b=" + Arrays.toString(b) + ")";
    }
}
