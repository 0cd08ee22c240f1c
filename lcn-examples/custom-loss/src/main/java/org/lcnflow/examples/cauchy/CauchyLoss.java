package org.lcnflow.examples.cauchy;

import org.lcnflow.api.SeparableLoss;

/**
 * The Cauchy (Lorentzian) loss, a robust loss lcn-flow does not ship:
 * {@code phi(r) = (c^2 / 2) log(1 + (r/c)^2)}, {@code phi'(r) = r / (1 + (r/c)^2)},
 * {@code phi''(r) = (1 - (r/c)^2) / (1 + (r/c)^2)^2}. Residuals much smaller than the scale {@code c}
 * cost about {@code r^2 / 2}, as the square loss; larger ones only logarithmically, so that outliers
 * pull on the fit with a force {@code phi'} that falls off like {@code c^2 / r}.
 *
 * <p>Analytic ({@code 1 + u^2 > 0}), not convex ({@code phi'' < 0} for {@code |r| > c}), and coercive:
 * {@code phi} increases in {@code |r|} without bound, so every residual of a risk {@code L} has
 * {@code |r| <= phi^-1(L) = c sqrt(exp(2 L / c^2) - 1)}, which gives the bound {@code h} of Lemma 3.6
 * (eq. (3.8)), see {@link #l1Bound}. (The simpler form {@code h(L) = L + c m} of Cor. 3.7 does not hold:
 * {@code phi} grows only like {@code log |r|}.)
 *
 * <p>Numerics, with {@code u = |r| / c}: for {@code u <= 1}, {@code phi = (r^2 / 2) log1p(u^2) / u^2},
 * which keeps full relative accuracy for tiny residuals and for huge {@code c}; for {@code u > 1}, the
 * formulas are written in {@code q = 1/u} and {@code log(1 + u^2)} becomes {@code 2 log u} once {@code u^2}
 * would overflow, so every finite residual gives finite results. Immutable and thread-safe.
 */
public final class CauchyLoss implements SeparableLoss {

    /** The name the provider publishes. */
    public static final String NAME = "cauchy";

    /** Above this {@code u}, {@code log(1 + u^2) = 2 log u} to double precision and {@code u^2} may overflow. */
    private static final double HUGE = 1e150;

    private final double c;

    /**
     * @param c the scale at which the loss turns from quadratic to logarithmic, finite and {@code > 0}
     * @throws IllegalArgumentException e.g. {@code cauchy: c must be > 0 and finite, got 0.0}
     */
    public CauchyLoss(double c) {
        this.c = Scale.check(NAME, c);
    }

    /** @return the scale {@code c} */
    public double c() {
        return c;
    }

    @Override
    public double phi(double r) {
        double a = Math.abs(r);
        double u = a / c;
        if (a <= c) {
            return 0.5 * a * a * log1pOver(u * u);
        }
        double log = u <= HUGE ? Math.log1p(u * u) : 2 * (Math.log(a) - Math.log(c));
        return (0.5 * c) * (c * log);
    }

    /** {@code log1p(t) / t}, 1 at {@code t = 0}; the series {@code 1 - t/2} is exact to rounding below 1e-8. */
    private static double log1pOver(double t) {
        return t < 1e-8 ? 1 - 0.5 * t : Math.log1p(t) / t;
    }

    @Override
    public double phiPrime(double r) {
        double a = Math.abs(r);
        if (a <= c) {
            double u = a / c;
            return r / (1 + u * u);
        }
        double q = c / a;
        return Math.copySign(c * q / (1 + q * q), r);
    }

    @Override
    public double phiSecond(double r) {
        double a = Math.abs(r);
        if (a <= c) {
            double u = a / c;
            double s = 1 + u * u;
            return (1 - u) * (1 + u) / (s * s);
        }
        double q = c / a;
        double s = 1 + q * q;
        return -(1 - q) * (1 + q) * (q * q) / (s * s);
    }

    /** @return true: {@code log(1 + u^2)} is analytic on the real line */
    @Override
    public boolean isAnalytic() {
        return true;
    }

    /** @return false: {@code phi'' < 0} for {@code |r| > c} */
    @Override
    public boolean isConvex() {
        return false;
    }

    /**
     * The bound of Lemma 3.6 (eq. (3.8)): each of the {@code d_N m} residuals satisfies
     * {@code phi(r) <= L}, hence {@code |r| <= c sqrt(exp(2 L / c^2) - 1)}, and
     * {@code h(L) = d_N m c sqrt(exp(2 L / c^2) - 1)}, non-decreasing in {@code L}. It grows exponentially,
     * so for large risks it is {@code +Infinity} (no bound known), never {@code NaN}.
     *
     * @throws IllegalArgumentException for a NaN or negative risk, {@code outputDimension < 1} or
     *                                  {@code samples < 0}
     */
    @Override
    public double l1Bound(double risk, int outputDimension, int samples) {
        Scale.checkBoundArguments(NAME, risk, outputDimension, samples);
        if (risk == 0 || samples == 0) {
            return 0.0;
        }
        double n = (double) outputDimension * samples;
        double x = (2 * risk / c) / c;
        if (x <= 1) {
            return n * c * Math.sqrt(Math.expm1(x));
        }
        // sqrt(e^x - 1) = e^(x/2) sqrt(1 - e^-x), with n c moved into the exponent: no 0 * Infinity
        return Math.exp(0.5 * x + Math.log(n * c)) * Math.sqrt(-Math.expm1(-x));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CauchyLoss && Double.compare(c, ((CauchyLoss) other).c) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(c);
    }

    /** @return e.g. {@code cauchy(c=1.0)} */
    @Override
    public String toString() {
        return NAME + "(c=" + c + ")";
    }
}
