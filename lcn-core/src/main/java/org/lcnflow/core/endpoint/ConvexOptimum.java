package org.lcnflow.core.endpoint;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.SeparableLoss;

/**
 * The minimum of the risk over all final filters, {@code L* = min_{v in R^{k_v}} l(v)} with
 * {@code l(v) = sum_ij phi(p_ij . v - y_ij)} ({@link FunctionSpaceRisk}), for a convex loss. Every network's
 * final filter is some {@code v}, so {@code L* <= L(w)} for every {@code w} and every architecture: {@code L*}
 * is a lower bound of the empirical risk, and for filling architectures (all strides 1, at most one even width;
 * Kohn et al., Theorem 4.1) and for depth 1, which represent every {@code v}, it is the global minimum of
 * {@code L}.
 *
 * <p><b>Method.</b> The start is the least-squares solution {@code v_0 = P^+ y} (SVD pseudo-inverse of the patch
 * matrix {@code P}, whose Gram matrix is {@code P^T P}; minimum norm when the patches are rank-deficient): for the
 * square loss this is already the answer, and for the others a good start. Then damped Newton on
 * {@code l}: the step solves {@code (H_v + mu I) d = -g_v} through the symmetric eigen decomposition of
 * {@code H_v = sum phi''(r) p p^T} (negative rounding eigenvalues clipped to 0), followed by a backtracking
 * (Armijo) line search. The shift is {@code mu max eig(H_v)} with {@code mu >= 1e-14}; after a step that needed
 * more than 4 halvings {@code mu} grows 100-fold (to at least {@code 1e-10}), after a shorter one it shrinks
 * 100-fold: a Levenberg-Marquardt safeguard for nearly singular {@code H_v}. Safeguards:
 * <ul>
 *   <li>{@code phi''(0) = +Infinity} (the {@code lp} loss with {@code p < 2}): where the optimum has a zero
 *       residual, Newton overshoots (for {@code |r|^p} the step maps {@code r} to {@code -r / (p - 1)}) and
 *       crawls. A residual that has changed sign gets the curvature {@code max(phi''(r), phi'(r) / r)}, the
 *       majorant of iteratively reweighted least squares, which sends it to zero; the others keep Newton's
 *       {@code phi''}. An exactly zero residual's infinite {@code phi''} is replaced by {@code 1e8} times the
 *       largest finite one. The line search keeps every step a descent step. Close to {@code p = 1} this still
 *       converges slowly and may end {@link Status#NOT_FOUND}.</li>
 *   <li>{@code phi'' = 0} at every residual (piecewise linear risk, {@code lp} with {@code p = 1}): Newton has
 *       no curvature to use and the optimum is a linear program; reported {@link Status#UNAVAILABLE}.</li>
 *   <li>Converged when half the Newton decrement {@code -<g_v, d>/2} is at most {@code 1e-15} of the scale
 *       {@code max(l(0), l(v))}, or at most {@code 1e-12} of it when the line search finds no decrease
 *       (rounding floor); otherwise after 200 iterations {@link Status#NOT_FOUND} with the reason.</li>
 * </ul>
 * Immutable; arrays are copied in and out.
 *
 * @param status          whether {@code L*} was found
 * @param reason          how it was found, or why not
 * @param value           {@code L*} (when found), else the best value reached (an upper bound of {@code L*})
 *                        or 0 when unavailable
 * @param filter          a minimizer {@code v*} (empty when unavailable)
 * @param zeroNetworkValue {@code l(0)}, the risk of the zero network: the scale of relative gaps
 * @param iterations      Newton iterations taken
 * @param gradientNorm    {@code ||grad l(v*)||}
 * @param patchRank       numerical rank of the patch matrix {@code P}; below {@code k_v} the minimizer is not
 *                        unique (only {@code L*} is)
 */
public record ConvexOptimum(Status status, String reason, double value, double[] filter, double zeroNetworkValue,
                            int iterations, double gradientNorm, int patchRank) {

    /** Maximum Newton iterations. */
    public static final int MAX_ITERATIONS = 200;
    /** Converged when half the Newton decrement is at most this fraction of the scale. */
    public static final double DECREMENT_TOLERANCE = 1e-15;
    /** ... or at most this fraction when no step decreases the risk any more (rounding floor). */
    public static final double ROUNDING_FLOOR = 1e-12;

    /** Whether the minimum over {@code v} was found. */
    public enum Status {
        /** Found to rounding level. */
        FOUND,
        /** Newton stopped short; {@code value} is only an upper bound of {@code L*}. */
        NOT_FOUND,
        /** Not attempted: the loss is not convex, not separable, or piecewise linear. */
        UNAVAILABLE
    }

    /** Checks for nulls and copies the filter. */
    public ConvexOptimum {
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(reason, "reason is null");
        filter = filter.clone();
    }

    @Override
    public double[] filter() {
        return filter.clone();
    }

    /** @return whether {@code L*} was found */
    public boolean found() {
        return status == Status.FOUND;
    }

    /**
     * @param architecture the network
     * @param data         the training data
     * @param loss         the loss
     * @return the minimum of the risk over all final filters
     */
    public static ConvexOptimum of(Architecture architecture, Dataset data, Loss loss) {
        return of(FunctionSpaceRisk.of(architecture, data, loss));
    }

    /**
     * @param risk the risk as a function of the final filter, e.g. from sums added over a cluster's partitions
     * @return the minimum of the risk over all final filters
     */
    public static ConvexOptimum of(FinalFilterRisk risk) {
        int kv = risk.architecture().finalWidth();
        double zeroValue = risk.value(new double[kv]);
        Loss loss = risk.loss();
        if (!loss.isConvex()) {
            return unavailable("the loss " + loss + " is not known to be convex (isConvex() is false), so a"
                    + " minimum over v found by Newton would be no bound", zeroValue);
        }
        if (!(loss instanceof SeparableLoss)) {
            return unavailable("Newton needs the loss's second derivative phi'', but " + loss
                    + " is not a SeparableLoss", zeroValue);
        }
        int rank = risk.patchRank();
        double[] v = risk.leastSquares();
        double f = v == null ? Double.NaN : risk.value(v);
        if (!Double.isFinite(f)) {
            v = new double[kv];
            f = zeroValue;
        }
        if (!Double.isFinite(f)) {
            return new ConvexOptimum(Status.NOT_FOUND, "the risk of the zero network is " + f, 0.0, new double[0],
                    0.0, 0, 0.0, rank);
        }
        FinalFilterRisk.NewtonModel model = risk.newtonModel();
        double mu = 0.0;
        int iteration = 0;
        double[] g = risk.gradient(v);
        while (true) {
            double scale = Math.max(Math.max(zeroValue, f), Double.MIN_NORMAL);
            double[][] h = model.curvature(v);
            if (h == null) {
                if (Hessian.norm(g) == 0.0) {
                    return found(v, f, zeroValue, iteration, g, rank, 0.0);
                }
                return unavailable("the loss " + loss + " has phi'' = 0 at every non-zero residual (a piecewise"
                        + " linear risk): the minimum over v is a linear program, which Newton cannot solve", zeroValue);
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(kv, true, true);
            if (!eig.decompose(new DMatrixRMaj(h))) {
                return new ConvexOptimum(Status.NOT_FOUND, "the eigen decomposition of the " + kv + " x " + kv
                        + " Hessian H_v did not converge at Newton iteration " + iteration, f, v, zeroValue, iteration,
                        Hessian.norm(g), rank);
            }
            double top = 0.0;
            for (int k = 0; k < kv; k++) {
                top = Math.max(top, eig.getEigenvalue(k).real);
            }
            double shift = Math.max(mu, 1e-14) * top;
            double[] d = new double[kv];
            for (int k = 0; k < kv; k++) {
                double lambda = Math.max(eig.getEigenvalue(k).real, 0.0) + shift;
                if (!(lambda > 0)) {
                    continue;
                }
                double[] u = eig.getEigenVector(k).getData();
                double projection = 0.0;
                for (int n = 0; n < kv; n++) {
                    projection += u[n] * g[n];
                }
                for (int n = 0; n < kv; n++) {
                    d[n] -= projection / lambda * u[n];
                }
            }
            double decrement = 0.0;
            for (int n = 0; n < kv; n++) {
                decrement -= g[n] * d[n];
            }
            if (!(decrement > 0) || decrement / 2 <= DECREMENT_TOLERANCE * scale) {
                return found(v, f, zeroValue, iteration, g, rank, decrement);
            }
            if (iteration == MAX_ITERATIONS) {
                return new ConvexOptimum(Status.NOT_FOUND, String.format(Locale.ROOT, "damped Newton did not converge"
                        + " in %d iterations: half the Newton decrement is still %.3g (%.3g of the scale)",
                        MAX_ITERATIONS, decrement / 2, decrement / 2 / scale), f, v, zeroValue, iteration,
                        Hessian.norm(g), rank);
            }
            double t = 1.0;
            int halvings = 0;
            double[] trial = new double[kv];
            double ft = Double.NaN;
            boolean accepted = false;
            while (halvings <= 60) {
                for (int n = 0; n < kv; n++) {
                    trial[n] = v[n] + t * d[n];
                }
                ft = risk.value(trial);
                if (ft <= f - 1e-4 * t * decrement) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
                halvings++;
            }
            if (!accepted) {
                if (decrement / 2 <= ROUNDING_FLOOR * scale) {
                    return found(v, f, zeroValue, iteration, g, rank, decrement);
                }
                return new ConvexOptimum(Status.NOT_FOUND, String.format(Locale.ROOT, "the line search found no"
                        + " decrease at Newton iteration %d although half the Newton decrement is %.3g (%.3g of the"
                        + " scale)", iteration, decrement / 2, decrement / 2 / scale), f, v, zeroValue, iteration,
                        Hessian.norm(g), rank);
            }
            mu = halvings > 4 ? Math.max(100 * mu, 1e-10) : (mu < 1e-12 ? 0.0 : mu / 100);
            v = trial.clone();
            f = ft;
            g = risk.gradient(v);
            iteration++;
        }
    }

    private static ConvexOptimum found(double[] v, double f, double zeroValue, int iterations, double[] g, int rank,
                                       double decrement) {
        String reason = String.format(Locale.ROOT, "least squares start, then %d damped Newton iteration%s; half the"
                + " final Newton decrement %.3g", iterations, iterations == 1 ? "" : "s", Math.max(decrement, 0) / 2);
        return new ConvexOptimum(Status.FOUND, reason, f, v, zeroValue, iterations, Hessian.norm(g), rank);
    }

    private static ConvexOptimum unavailable(String reason, double zeroValue) {
        return new ConvexOptimum(Status.UNAVAILABLE, reason, 0.0, new double[0],
                Double.isFinite(zeroValue) ? zeroValue : 0.0, 0, 0.0, 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConvexOptimum that && status == that.status && reason.equals(that.reason)
                && Double.compare(value, that.value) == 0 && Arrays.equals(filter, that.filter)
                && Double.compare(zeroNetworkValue, that.zeroNetworkValue) == 0 && iterations == that.iterations
                && Double.compare(gradientNorm, that.gradientNorm) == 0 && patchRank == that.patchRank;
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, reason, value, Arrays.hashCode(filter), zeroNetworkValue, iterations, patchRank);
    }

    @Override
    public String toString() {
        return "ConvexOptimum(" + status + ", L*=" + value + ", " + reason + ")";
    }
}
