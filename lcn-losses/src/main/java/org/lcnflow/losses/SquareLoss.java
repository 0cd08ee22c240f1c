package org.lcnflow.losses;

import org.lcnflow.api.QuadraticLoss;

/**
 * The square loss {@code l(z, y) = ||z - y||_2^2 = sum_j r_j^2} of eq. (1.5), with no factor 1/2:
 * {@code phi(r) = r^2}, {@code phi'(r) = 2 r}, {@code phi''(r) = 2}.
 *
 * <p>Analytic and convex (Theorem 1.2 / Theorem 3.8). Its {@link #l1Bound bound} of Lemma 3.6, eq. (3.8),
 * follows from Cauchy-Schwarz on the {@code n = d_N m} residuals:
 * {@code ||R||_1 <= sqrt(n) ||R||_2 = sqrt(d_N m L)}.
 *
 * <p>Range: {@code phi(r)} is {@code +Infinity} exactly where {@code r^2} exceeds
 * {@link Double#MAX_VALUE} ({@code |r| > ~1.34e154}), and {@code phi'} where {@code |2 r|} does; that is
 * the true value leaving the double range, not a numerical failure. Immutable and thread-safe.
 */
public final class SquareLoss implements QuadraticLoss {

    /** The provider name. */
    public static final String NAME = "square";

    private static final SquareLoss INSTANCE = new SquareLoss();

    private SquareLoss() {
    }

    /** @return the square loss (it has no parameters) */
    public static SquareLoss instance() {
        return INSTANCE;
    }

    /** @return {@code 1}: {@code phi(r) = r^2}, {@code phi'(r) = 2 r}, {@code phi''(r) = 2} (the defaults) */
    @Override
    public double coefficient() {
        return 1.0;
    }

    /** @return {@code h(L) = sqrt(d_N m L)} */
    @Override
    public double l1Bound(double risk, int outputDimension, int samples) {
        Checks.l1BoundArguments(NAME, risk, outputDimension, samples, true);
        double n = (double) outputDimension * samples;
        double product = n * risk;
        if (Double.isInfinite(product) && Double.isFinite(risk)) {
            return Math.sqrt(n) * Math.sqrt(risk);
        }
        return Math.sqrt(product);
    }

    /** @return {@code square()} */
    @Override
    public String toString() {
        return NAME + "()";
    }
}
