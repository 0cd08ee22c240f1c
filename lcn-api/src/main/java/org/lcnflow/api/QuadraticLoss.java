package org.lcnflow.api;

/**
 * A separable loss that is exactly quadratic: {@code phi(r) = c r^2} with {@code c = coefficient() > 0},
 * so {@code l(z, y) = c ||z - y||_2^2} (the square loss of eq. (1.5) is {@code c = 1}; {@code l_2} with its
 * factor {@code 1/2} is {@code c = 1/2}).
 *
 * <p>Declaring a loss quadratic lets the empirical risk use its quadratic form,
 * {@code L(v) = c (v^T A v - 2 b^T v + ||Y||^2)} with the Gram matrix {@code A} of the input patches, which
 * after a one-time setup costs no pass over the data per gradient. The risk then never calls
 * {@link #phi}: a declaration that does not match {@code phi} gives wrong values and gradients. The
 * testkit's {@code LossContract} checks {@code phi(r) = c r^2}, {@code phi'(r) = 2 c r} and
 * {@code phi''(r) = 2 c} at many residuals, so a user's own quadratic loss should run it.
 *
 * <p>The defaults give exactly that {@code phi}; an implementation only needs {@link #coefficient} (and
 * usually {@code toString}). Implementations must be immutable and thread-safe.
 */
public interface QuadraticLoss extends SeparableLoss {

    /** @return {@code c} of {@code phi(r) = c r^2}: finite and {@code > 0}, the same on every call */
    double coefficient();

    /** @return {@code c r^2} */
    @Override
    default double phi(double r) {
        return coefficient() * (r * r);
    }

    /** @return {@code 2 c r} */
    @Override
    default double phiPrime(double r) {
        return 2.0 * coefficient() * r;
    }

    /** @return {@code 2 c} */
    @Override
    default double phiSecond(double r) {
        return 2.0 * coefficient();
    }

    /** A quadratic loss is convex. */
    @Override
    default boolean isConvex() {
        return true;
    }

    /** A quadratic loss is analytic. */
    @Override
    default boolean isAnalytic() {
        return true;
    }

    /**
     * The bound of Lemma 3.6, eq. (3.8), by Cauchy-Schwarz on the {@code n = d_N m} residuals:
     * {@code ||R||_1 <= sqrt(n) ||R||_2 = sqrt(n L / c)}, formed so that no intermediate product overflows.
     *
     * @return {@code h(L) = sqrt(d_N m L / c)}
     */
    @Override
    default double l1Bound(double risk, int outputDimension, int samples) {
        return Math.sqrt((double) outputDimension * samples) * Math.sqrt(risk) / Math.sqrt(coefficient());
    }
}
