package org.lcnflow.losses;

import static org.lcnflow.losses.Numerics.LN2;

import org.lcnflow.api.SeparableLoss;

/**
 * The log-cosh loss of section 3.3, {@code l(z, y) = (1/alpha) sum_j log cosh(alpha r_j)}:
 * {@code phi(r) = log cosh(alpha r) / alpha}, {@code phi'(r) = tanh(alpha r)},
 * {@code phi''(r) = alpha / cosh^2(alpha r)}.
 *
 * <p>Analytic and convex (Theorem 3.8). From {@code log cosh a >= |a| - log 2}, eq. (3.9) holds with
 * {@code c = d_N log(2) / alpha} and the {@link #l1Bound bound} is {@code h(L) = L + d_N m log(2) / alpha}.
 *
 * <p>Numerics, with {@code a = alpha |r|}:
 * <ul>
 *   <li>{@code a > 2}: {@code phi = |r| - (log 2 - log1p(exp(-2a))) / alpha}; nothing overflows, even
 *       where {@code alpha |r|} itself does, and {@code phi'} saturates to exactly {@code +-1};</li>
 *   <li>{@code a <= 2}: {@code cosh a - 1 = t^2 / (2 (1 + t))} with {@code t = expm1(a)}, then
 *       {@code log1p}, so small residuals keep full relative accuracy ({@code phi ~ alpha r^2 / 2});
 *       below {@code a = 1/16}, the Taylor series {@code (a |r| / 2)(1 - a^2/6 + 2a^4/45 - ...)}, which
 *       is slightly more accurate and cannot underflow early;</li>
 *   <li>{@code phi''} in the tail is {@code 4 alpha e^2 / (1 + e^2)^2} with {@code e = exp(-a)}, see
 *       {@link Numerics}.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class LogCoshLoss implements SeparableLoss {

    /** The provider name. */
    public static final String NAME = "log-cosh";

    /** The default sharpness. */
    public static final double DEFAULT_ALPHA = 1.0;

    /**
     * Below this {@code a}, {@code log cosh a = (a^2 / 2) S(a^2)} by its Taylor series, whose sixth term is
     * below {@code 1e-17} relative; {@code phi = (a |r| / 2) S} then needs only {@code a}, never {@code a^2}
     * alone, and cannot underflow early.
     */
    private static final double SERIES = 0.0625;

    private final double alpha;

    /**
     * @param alpha the sharpness (inverse transition scale), finite and {@code > 0}
     * @throws IllegalArgumentException e.g. {@code log-cosh: alpha must be > 0, got 0.0}
     */
    public LogCoshLoss(double alpha) {
        this.alpha = Checks.greaterThan(NAME, "alpha", alpha, 0.0, "0");
    }

    /** @return the sharpness {@code alpha} */
    public double alpha() {
        return alpha;
    }

    @Override
    public double phi(double r) {
        double x = Math.abs(r);
        double a = alpha * x;
        if (a > 2.0) {
            return x - (LN2 - Math.log1p(Math.exp(-2.0 * a))) / alpha;
        }
        if (a < SERIES) {
            return 0.5 * a * x * series(a * a);
        }
        return Math.log1p(Numerics.coshMinusOne(Math.expm1(a))) / alpha;
    }

    /**
     * {@code log cosh a / (a^2 / 2)} for {@code y = a^2}, from integrating
     * {@code tanh a = a - a^3/3 + 2a^5/15 - 17a^7/315 + 62a^9/2835 - 1382a^11/155925 + ...} term by term.
     */
    private static double series(double y) {
        return 1.0 + y * (-1.0 / 6.0 + y * (2.0 / 45.0 + y * (-17.0 / 1260.0 + y * (62.0 / 14175.0
                + y * (-1382.0 / 935550.0)))));
    }

    @Override
    public double phiPrime(double r) {
        return Math.tanh(alpha * r);
    }

    @Override
    public double phiSecond(double r) {
        double x = Math.abs(r);
        double a = alpha * x;
        if (a <= 2.0) {
            double c = Math.cosh(a);
            return alpha / c / c;
        }
        double lo = Numerics.productError(alpha, x, a);
        double e = Numerics.expNeg(a, lo);
        double alphaE2 = Numerics.scaledExpNeg(Numerics.scaledExpNeg(alpha, a, lo), a, lo);
        double d = 1.0 + e * e;
        return 4.0 * alphaE2 / d / d;
    }

    @Override
    public boolean isAnalytic() {
        return true;
    }

    @Override
    public boolean isConvex() {
        return true;
    }

    /** @return {@code h(L) = L + d_N m log(2) / alpha} */
    @Override
    public double l1Bound(double risk, int outputDimension, int samples) {
        Checks.l1BoundArguments(NAME, risk, outputDimension, samples, true);
        double c = outputDimension * LN2 / alpha;
        return risk + c * samples;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogCoshLoss && Double.compare(alpha, ((LogCoshLoss) other).alpha) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(alpha);
    }

    /** @return e.g. {@code log-cosh(alpha=2.0)} */
    @Override
    public String toString() {
        return NAME + "(alpha=" + Numerics.format(alpha) + ")";
    }
}
