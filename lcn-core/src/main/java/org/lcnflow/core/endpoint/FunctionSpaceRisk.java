package org.lcnflow.core.endpoint;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.SeparableLoss;

/**
 * The empirical risk as a function of the final filter, {@code l(v) = sum_i loss(V_v x_i, y_i)}, on the
 * {@code M = m d_N} input patches {@code p_ij = (x_i[j s_v], ..., x_i[j s_v + k_v - 1])} (DESIGN.md,
 * "Gradient, without forming V"): {@code z_ij = p_ij . v}, so {@code l(v) = sum_ij phi(p_ij . v - y_ij)} for a
 * separable loss, with gradient {@code sum_ij phi'(r_ij) p_ij} and Hessian
 * {@code H_v = sum_ij phi''(r_ij) p_ij p_ij^T}. Row {@code i d_N + j} of the patch matrix is {@code p_ij}.
 *
 * <p>Used at the end of a run (Hessian, convex optimum), never on the flow's hot path: it allocates freely.
 * Immutable; the arrays are private copies.
 */
final class FunctionSpaceRisk implements FinalFilterRisk {

    private final Architecture architecture;
    private final Loss loss;
    private final SeparableLoss separable;
    private final int samples;
    private final int outputDimension;
    private final int width;
    private final double[] patches;
    private final double[] targets;

    private FunctionSpaceRisk(Architecture architecture, Loss loss, int samples, int outputDimension, int width, double[] patches,
                              double[] targets) {
        this.architecture = architecture;
        this.loss = loss;
        this.separable = loss instanceof SeparableLoss ? (SeparableLoss) loss : null;
        this.samples = samples;
        this.outputDimension = outputDimension;
        this.width = width;
        this.patches = patches;
        this.targets = targets;
    }

    static FunctionSpaceRisk of(Architecture architecture, Dataset data, Loss loss) {
        Objects.requireNonNull(architecture, "architecture is null");
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(loss, "loss is null");
        data.requireFits(architecture);
        int m = data.sampleCount();
        int dN = architecture.outputDimension();
        int kv = architecture.finalWidth();
        int sv = architecture.finalStride();
        int rows = Math.multiplyExact(m, dN);
        double[] p = new double[Math.multiplyExact(rows, kv)];
        double[] y = new double[rows];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < dN; j++) {
                int row = i * dN + j;
                y[row] = data.target(i, j);
                for (int n = 0; n < kv; n++) {
                    p[row * kv + n] = data.input(i, j * sv + n);
                }
            }
        }
        return new FunctionSpaceRisk(architecture, loss, m, dN, kv, p, y);
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public Loss loss() {
        return loss;
    }

    /** @return the loss as a separable loss, or null when it is not one */
    SeparableLoss separable() {
        return separable;
    }

    /** @return {@code M = m d_N}, the number of patches */
    int rows() {
        return targets.length;
    }

    /** @return {@code k_v} */
    int width() {
        return width;
    }

    /** @return the patch matrix {@code P} ({@code M x k_v}, row {@code i d_N + j} is {@code p_ij}), a copy */
    DMatrixRMaj patchMatrix() {
        return new DMatrixRMaj(rows(), width, true, patches.clone());
    }

    /** @return the targets {@code y_ij} as an {@code M x 1} matrix, a copy */
    DMatrixRMaj targetVector() {
        return new DMatrixRMaj(rows(), 1, true, targets.clone());
    }

    /** @return the outputs {@code z_ij = p_ij . v}, row by row */
    double[] outputs(double[] v) {
        double[] z = new double[rows()];
        for (int row = 0; row < z.length; row++) {
            double sum = 0.0;
            int base = row * width;
            for (int n = 0; n < width; n++) {
                sum += patches[base + n] * v[n];
            }
            z[row] = sum;
        }
        return z;
    }

    /** @return the residuals {@code r_ij = p_ij . v - y_ij}, row by row */
    double[] residuals(double[] v) {
        double[] r = outputs(v);
        for (int row = 0; row < r.length; row++) {
            r[row] -= targets[row];
        }
        return r;
    }

    /** @return {@code l(v)} */
    @Override
    public double value(double[] v) {
        if (separable != null) {
            double[] r = residuals(v);
            double total = 0.0;
            for (int i = 0; i < samples; i++) {
                double sample = 0.0;
                for (int j = 0; j < outputDimension; j++) {
                    sample += separable.phi(r[i * outputDimension + j]);
                }
                total += sample;
            }
            return total;
        }
        double[] outputs = outputs(v);
        double total = 0.0;
        double[] z = new double[outputDimension];
        double[] y = new double[outputDimension];
        for (int i = 0; i < samples; i++) {
            sample(outputs, i, z, y);
            total += loss.value(z, y);
        }
        return total;
    }

    /** @return {@code dl/dv = sum_ij (dloss/dz_ij) p_ij} */
    @Override
    public double[] gradient(double[] v) {
        double[] dz = new double[rows()];
        if (separable != null) {
            double[] r = residuals(v);
            for (int row = 0; row < dz.length; row++) {
                dz[row] = separable.phiPrime(r[row]);
            }
        } else {
            double[] outputs = outputs(v);
            double[] z = new double[outputDimension];
            double[] y = new double[outputDimension];
            double[] g = new double[outputDimension];
            for (int i = 0; i < samples; i++) {
                sample(outputs, i, z, y);
                loss.gradient(z, y, g);
                System.arraycopy(g, 0, dz, i * outputDimension, outputDimension);
            }
        }
        double[] gradient = new double[width];
        for (int row = 0; row < dz.length; row++) {
            double d = dz[row];
            int base = row * width;
            for (int n = 0; n < width; n++) {
                gradient[n] += d * patches[base + n];
            }
        }
        return gradient;
    }

    /**
     * @param curvatures {@code phi''(r_ij)} per patch, finite
     * @return {@code H_v = sum_ij phi''(r_ij) p_ij p_ij^T}, {@code k_v x k_v}
     */
    double[][] curvature(double[] curvatures) {
        double[][] h = new double[width][width];
        for (int row = 0; row < curvatures.length; row++) {
            double c = curvatures[row];
            if (c == 0.0) {
                continue;
            }
            int base = row * width;
            for (int a = 0; a < width; a++) {
                double ca = c * patches[base + a];
                for (int b = a; b < width; b++) {
                    h[a][b] += ca * patches[base + b];
                }
            }
        }
        for (int a = 0; a < width; a++) {
            for (int b = 0; b < a; b++) {
                h[a][b] = h[b][a];
            }
        }
        return h;
    }

    /**
     * @param r residuals
     * @return {@code phi''(r_ij)} per patch (may hold {@code +Infinity}, e.g. {@code lp} with {@code p < 2} at 0)
     * @throws IllegalStateException when the loss is not separable
     */
    double[] curvatures(double[] r) {
        if (separable == null) {
            throw new IllegalStateException("the loss " + loss + " is not separable: phi'' is not available");
        }
        double[] c = new double[r.length];
        for (int row = 0; row < r.length; row++) {
            c[row] = separable.phiSecond(r[row]);
        }
        return c;
    }

    /**
     * @param curvatures {@code phi''} per patch
     * @param residuals  the residuals they were evaluated at
     * @return a sentence naming the first patch where {@code phi''} is not finite, or null when all are
     */
    String firstNonFinite(double[] curvatures, double[] residuals) {
        for (int row = 0; row < curvatures.length; row++) {
            if (!Double.isFinite(curvatures[row])) {
                return "phi''(r) = " + curvatures[row] + " for the loss " + loss + " at the residual r = "
                        + residuals[row] + " of sample " + (row / outputDimension + 1) + ", output coordinate "
                        + (row % outputDimension + 1);
            }
        }
        return null;
    }

    @Override
    public double[][] hessian(double[] v) {
        if (separable == null) {
            throw new IllegalArgumentException("the Hessian needs the loss's second derivative phi'', but " + loss
                    + " is not a SeparableLoss");
        }
        double[] r = residuals(v);
        double[] c = curvatures(r);
        String nonFinite = firstNonFinite(c, r);
        if (nonFinite != null) {
            throw new IllegalArgumentException(nonFinite);
        }
        return curvature(c);
    }

    @Override
    public int patchRank() {
        return rank(patchMatrix());
    }

    /** @return the minimum-norm least-squares solution of {@code P v = y} (SVD pseudo-inverse), or null */
    @Override
    public double[] leastSquares() {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
        DMatrixRMaj p = patchMatrix();
        if (!solver.setA(p)) {
            return null;
        }
        DMatrixRMaj v = new DMatrixRMaj(width, 1);
        solver.solve(targetVector(), v);
        for (double c : v.getData()) {
            if (!Double.isFinite(c)) {
                return null;
            }
        }
        return v.getData().clone();
    }

    /**
     * The Newton model patch by patch: a residual that has changed sign since an earlier iterate gets the majorant
     * {@code max(phi''(r), phi'(r) / r)} when {@code phi''(0)} is infinite (see {@link ConvexOptimum}).
     */
    @Override
    public NewtonModel newtonModel() {
        if (separable == null) {
            throw new IllegalStateException("the loss " + loss + " is not separable: phi'' is not available");
        }
        boolean majorize = !Double.isFinite(separable.phiSecond(0.0));
        boolean[] flipped = new boolean[rows()];
        return new NewtonModel() {
            private double[] previous;

            @Override
            public double[][] curvature(double[] v) {
                double[] r = residuals(v);
                double[] c = curvatures(r);
                if (majorize) {
                    for (int k = 0; k < c.length; k++) {
                        flipped[k] |= previous != null && r[k] * previous[k] < 0;
                        if (flipped[k] && r[k] != 0.0) {
                            c[k] = Math.max(c[k], separable.phiPrime(r[k]) / r[k]);
                        }
                    }
                    previous = r;
                }
                double largestFinite = 0.0;
                for (double ci : c) {
                    if (Double.isFinite(ci)) {
                        largestFinite = Math.max(largestFinite, ci);
                    }
                }
                if (largestFinite == 0.0) {
                    return null;
                }
                double cap = CURVATURE_CAP * largestFinite;
                for (int k = 0; k < c.length; k++) {
                    if (!(c[k] <= cap)) {
                        c[k] = cap;
                    }
                }
                return FunctionSpaceRisk.this.curvature(c);
            }
        };
    }

    /** A non-finite {@code phi''} in the Newton model is this many times the largest finite one. */
    static final double CURVATURE_CAP = 1e8;

    /** @return the numerical rank of {@code P}: singular values above {@code max(M, k_v) eps sigma_max} */
    static int rank(DMatrixRMaj p) {
        double[] singular = SingularOps_DDRM.singularValues(p.copy());
        double largest = 0.0;
        for (double s : singular) {
            largest = Math.max(largest, s);
        }
        double threshold = Math.max(p.numRows, p.numCols) * Math.ulp(1.0) * largest;
        int rank = 0;
        for (double s : singular) {
            if (s > threshold) {
                rank++;
            }
        }
        return rank;
    }

    private void sample(double[] outputs, int i, double[] z, double[] y) {
        for (int j = 0; j < outputDimension; j++) {
            int row = i * outputDimension + j;
            y[j] = targets[row];
            z[j] = outputs[row];
        }
    }
}
