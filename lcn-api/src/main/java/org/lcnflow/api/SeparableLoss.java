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
