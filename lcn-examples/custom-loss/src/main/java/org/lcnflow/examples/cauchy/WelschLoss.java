package org.lcnflow.examples.cauchy;

import org.lcnflow.api.SeparableLoss;

/**
 * The Welsch (Leclerc) loss, the Cauchy loss's bounded relative:
 * {@code phi(r) = (c^2 / 2)(1 - exp(-(r/c)^2))}, {@code phi'(r) = r exp(-(r/c)^2)},
 * {@code phi''(r) = (1 - 2 (r/c)^2) exp(-(r/c)^2)}. Small residuals cost about {@code r^2 / 2}; the cost of
 * any residual is below {@code c^2 / 2}, so a gross outlier exerts almost no force at all.
 *
 * <p>Analytic, not convex ({@code phi'' < 0} for {@code |r| > c / sqrt 2}). Bounded, hence not coercive:
 * once the risk reaches {@code c^2 / 2} a residual can be arbitrarily large, so no function {@code h} of
 * Lemma 3.6 exists and {@link #l1Bound} is {@code +Infinity}: the platform reports that the flow is not
 * known to stay bounded.
 *
 * <p>Numerics, with {@code t = (r/c)^2}: for {@code t <= 1}, {@code phi = (r^2 / 2) (-expm1(-t)) / t}, so
 * tiny residuals keep full relative accuracy; beyond, {@code phi = (c^2 / 2)(-expm1(-t))}, and once
 * {@code exp(-t)} underflows {@code phi'} and {@code phi''} are 0 (never {@code Infinity * 0}). Immutable and
 * thread-safe.
 */
public final class WelschLoss implements SeparableLoss {

    /** The name the provider publishes. */
    public static final String NAME = "welsch";

    private final double c;

    /**
     * @param c the scale beyond which residuals stop costing more, finite and {@code > 0}
     * @throws IllegalArgumentException e.g. {@code welsch: c must be > 0 and finite, got NaN}
     */
    public WelschLoss(double c) {
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
        double t = u * u;
        if (a <= c) {
            return 0.5 * a * a * oneMinusExpOver(t);
        }
        return (0.5 * c) * (c * -Math.expm1(-t));
    }

    /** {@code (1 - exp(-t)) / t}, 1 at {@code t = 0}; the series {@code 1 - t/2} is exact to rounding below 1e-8. */
    private static double oneMinusExpOver(double t) {
        return t < 1e-8 ? 1 - 0.5 * t : -Math.expm1(-t) / t;
    }

    @Override
    public double phiPrime(double r) {
        double u = Math.abs(r) / c;
        return r * Math.exp(-(u * u));
    }

    @Override
    public double phiSecond(double r) {
        double u = Math.abs(r) / c;
        double t = u * u;
        double e = Math.exp(-t);
        return e == 0 ? 0.0 : (1 - 2 * t) * e;
    }

    /** @return true: {@code 1 - exp(-u^2)} is entire */
    @Override
    public boolean isAnalytic() {
        return true;
    }

    /** @return false: {@code phi'' < 0} for {@code |r| > c / sqrt 2} */
    @Override
    public boolean isConvex() {
        return false;
    }

    /**
     * @return {@code +Infinity}: a bounded loss gives no bound on the residuals by the risk
     * @throws IllegalArgumentException for a NaN or negative risk, {@code outputDimension < 1} or
     *                                  {@code samples < 0}
     */
    @Override
    public double l1Bound(double risk, int outputDimension, int samples) {
        Scale.checkBoundArguments(NAME, risk, outputDimension, samples);
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WelschLoss && Double.compare(c, ((WelschLoss) other).c) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(c);
    }

    /** @return e.g. {@code welsch(c=1.0)} */
    @Override
    public String toString() {
        return NAME + "(c=" + c + ")";
    }
}
