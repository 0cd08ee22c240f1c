package org.lcnflow.core.endpoint;

import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;

/**
 * The empirical risk as a function of the final filter, {@code l(v) = sum_ij loss(p_ij . v, y_ij)} over the
 * {@code M = m d_N} input patches {@code p_ij} of width {@code k_v} (DESIGN.md, "Gradient, without forming V"),
 * through the few {@code k_v}-sized quantities the end-point analysis needs: {@code l}, its gradient, its Hessian
 * {@code H_v = sum phi''(r) p p^T}, the Newton model of {@link ConvexOptimum}, and the patches' rank and
 * least-squares filter. Whoever holds the samples implements it: lcn-core for data in memory
 * ({@link EndPoint#analyze(Architecture, org.lcnflow.api.Dataset, Loss, double[], double)}), or
 * {@link PatchSums#risk} from sums that were added elsewhere, e.g. over the partitions of a cluster.
 * {@link EndPoint#analyze(FinalFilterRisk, double[], double)} needs nothing else.
 */
public interface FinalFilterRisk {

    /**
     * @param architecture the network
     * @param data         the samples, in memory
     * @param loss         the loss
     * @return their risk as a function of the final filter, patch by patch (copies the {@code M x k_v} patches)
     */
    static FinalFilterRisk of(Architecture architecture, Dataset data, Loss loss) {
        return FunctionSpaceRisk.of(architecture, data, loss);
    }

    /** @return the network, whose final filter has {@code k_v} taps */
    Architecture architecture();

    /** @return the loss; the Hessian and the Newton model need it to be a {@code SeparableLoss} */
    Loss loss();

    /**
     * @param v a final filter, {@code k_v} values
     * @return {@code l(v)}
     */
    double value(double[] v);

    /**
     * @param v a final filter
     * @return {@code dl/dv = sum_ij (dloss/dz_ij) p_ij}
     */
    double[] gradient(double[] v);

    /**
     * @param v a final filter
     * @return {@code H_v = sum_ij phi''(r_ij) p_ij p_ij^T}, {@code k_v x k_v}
     * @throws IllegalArgumentException when {@code phi''} is not finite at some residual, naming the first such
     *                                  sample and coordinate; or when the loss is not separable
     */
    double[][] hessian(double[] v);

    /** @return the numerical rank of the patch matrix {@code P} ({@code M x k_v}) */
    int patchRank();

    /** @return the minimum-norm least-squares filter {@code P^+ y}, or null when it is not finite */
    double[] leastSquares();

    /**
     * @return a fresh Newton model for one minimisation over {@code v} (it may remember earlier iterates, as the
     *         safeguard for {@code phi''(0) = +Infinity} does)
     * @throws IllegalStateException when the loss is not separable
     */
    NewtonModel newtonModel();

    /** The curvature damped Newton uses at successive iterates of one minimisation ({@link ConvexOptimum}). */
    interface NewtonModel {

        /**
         * @param v the iterate
         * @return the curvature matrix to step with, {@code k_v x k_v}: {@code H_v} with every non-finite
         *         {@code phi''} replaced by {@code 1e8} times the largest finite one (and the majorant safeguard of
         *         {@link ConvexOptimum} where {@code phi''(0)} is infinite); null when {@code phi'' = 0} at every
         *         residual (a piecewise linear risk)
         */
        double[][] curvature(double[] v);
    }
}
