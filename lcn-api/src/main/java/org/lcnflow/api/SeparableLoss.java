package org.lcnflow.api;

/**
 * A loss that is a sum over output coordinates of one scalar function of the residual,
 * {@code l(z, y) = sum_j phi(z_j - y_j)}, as all losses of the paper's section 3.3.
 *
 * <p>{@link #value} and {@link #gradient} are implemented from {@link #phi} and {@link #phiPrime};
 * {@link #phiSecond} serves Hessians. Implementations must evaluate all three stably for every finite
 * residual (no {@code NaN} or infinity for finite input where the true value is finite).
 */
public interface SeparableLoss extends Loss {

    /**
     * @param r the residual {@code z_j - y_j}
     * @return {@code phi(r)}
     */
    double phi(double r);

    /**
     * @param r the residual
     * @return {@code phi'(r)}
     */
    double phiPrime(double r);

    /**
     * @param r the residual
     * @return {@code phi''(r)}
     */
    double phiSecond(double r);

    /**
     * Bulk evaluation for a pass over the data: for {@code i < length}, {@code phiSums[i] += phi(r_i)} and
     * {@code residuals[i] = phi'(r_i)}, where {@code r_i} is {@code residuals[i]} on entry and
     * {@code |r_i| <= bound}. The default calls {@link #phi} and {@link #phiPrime}.
     *
     * <p>An implementation may use a faster formula that holds where the residuals are known to be small,
     * typically one without division or square root so that the loop vectorizes. Its results may differ from
     * {@link #phi} and {@link #phiPrime} by rounding only (a few units in the last place) and must depend on
     * the residuals and the bound alone, so that passes over the data stay deterministic.
     *
     * @param residuals the residuals on entry; {@code phi'} of each on return
     * @param phiSums   receives {@code + phi} of each residual
     * @param length    how many entries, from the first
     * @param bound     no residual is larger in absolute value; {@link Double#POSITIVE_INFINITY} when unknown
     */
    default void phiAndPrime(double[] residuals, double[] phiSums, int length, double bound) {
        for (int i = 0; i < length; i++) {
            double r = residuals[i];
            phiSums[i] += phi(r);
            residuals[i] = phiPrime(r);
        }
    }

    /**
     * Bulk {@code phi''} for a curvature pass (the Hessian of the risk, {@link HessianField}): for
     * {@code i < length}, {@code residuals[i] = phi''(r_i)}, where {@code r_i} is {@code residuals[i]} on entry.
     * The default calls {@link #phiSecond}; an override (e.g. a loop the JIT can vectorize) must agree with it by
     * rounding only (a few units in the last place) and leave the entries from {@code length} on alone.
     *
     * @param residuals the residuals on entry; {@code phi''} of each on return
     * @param length    how many entries, from the first
     */
    default void phiSeconds(double[] residuals, int length) {
        for (int i = 0; i < length; i++) {
            residuals[i] = phiSecond(residuals[i]);
        }
    }

    /** @return {@code sum_j phi(z_j - y_j)} */
    @Override
    default double value(double[] z, double[] y) {
        double sum = 0.0;
        for (int j = 0; j < z.length; j++) {
            sum += phi(z[j] - y[j]);
        }
        return sum;
    }

    /** Writes {@code out_j = phi'(z_j - y_j)}. */
    @Override
    default void gradient(double[] z, double[] y, double[] out) {
        for (int j = 0; j < z.length; j++) {
            out[j] = phiPrime(z[j] - y[j]);
        }
    }
}
