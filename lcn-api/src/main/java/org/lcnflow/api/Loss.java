package org.lcnflow.api;

/**
 * A loss {@code l(z, y)} comparing a network output {@code z = V x} with a target {@code y}, both in
 * {@code R^{d_N}}. The empirical risk is {@code L(w) = sum_i l(V x_i, y_i)} (eq. (1.3)); the flow moves
 * along minus its gradient (eq. (1.4)).
 *
 * <p>Sign convention: {@link #gradient} returns {@code dl/dz}, the gradient of the loss itself, never
 * its negative.
 *
 * <p>Implementations must be immutable and thread-safe: one instance is shared by every run.
 */
public interface Loss {

    /**
     * @param z the network output, length {@code d_N}
     * @param y the target, same length
     * @return {@code l(z, y)}, finite for finite input
     */
    double value(double[] z, double[] y);

    /**
     * Writes the gradient {@code dl/dz} at {@code (z, y)} into {@code out}.
     *
     * @param z   the network output
     * @param y   the target
     * @param out receives {@code dl/dz}, same length as {@code z}; may not alias {@code z} or {@code y}
     */
    void gradient(double[] z, double[] y, double[] out);

    /**
     * Whether the loss is real analytic in {@code z}, so that the empirical risk is analytic and
     * satisfies the Lojasiewicz gradient inequality (Theorem 3.8's hypothesis).
     *
     * @return false unless the implementation knows better
     */
    default boolean isAnalytic() {
        return false;
    }

    /**
     * @return whether {@code z -> l(z, y)} is convex for every {@code y}; false unless known
     */
    default boolean isConvex() {
        return false;
    }

    /**
     * The function {@code h} of Lemma 3.6 (eq. (3.8)) for this loss: a non-decreasing bound
     * {@code ||V X - Y||_1 <= h(L)} of the residuals' entry-wise 1-norm by the risk {@code L}, for
     * {@code m = samples} samples of dimension {@code d_N = outputDimension}. Cor. 3.7 gives
     * {@code h(L) = L + c m} when {@code ||r||_1 <= l(z, y) + c} for every residual.
     *
     * @param risk            the empirical risk {@code L >= 0}
     * @param outputDimension {@code d_N}
     * @param samples         {@code m}
     * @return {@code h(risk)}, or {@link Double#POSITIVE_INFINITY} when no bound is known
     */
    default double l1Bound(double risk, int outputDimension, int samples) {
        return Double.POSITIVE_INFINITY;
    }
}
