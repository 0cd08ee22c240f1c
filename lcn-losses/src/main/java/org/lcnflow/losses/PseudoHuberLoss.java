package org.lcnflow.losses;

import org.lcnflow.api.SeparableLoss;

/**
 * The pseudo-Huber loss of section 3.3, {@code l_PH(z, y) = delta sum_j sqrt(1 + r_j^2 / delta^2)}, with no
 * offset (it is {@code delta} at {@code r = 0}, not 0): {@code phi(r) = sqrt(delta^2 + r^2)},
 * {@code phi'(r) = r / sqrt(delta^2 + r^2)}, {@code phi''(r) = delta^2 / (delta^2 + r^2)^(3/2)}.
 *
 * <p>Analytic and convex (Theorem 3.8). Since {@code phi(r) >= |r|}, eq. (3.9) holds with {@code c = 0}
 * and the {@link #l1Bound bound} is {@code h(L) = L}.
 *
 * <p>Numerics: {@code H = sqrt(delta^2 + r^2)} is {@code Math.sqrt(Math.fma(r, r, delta^2))} when
 * {@code 1e-150 <= delta <= 1e150} and {@code |r| < 1e150}: the fused multiply-add rounds the exact
 * {@code r^2 + delta^2} once (so {@code r^2} cannot underflow and nothing overflows), and with the rounding
 * of {@code delta^2} and of the square root the result is within 1.5 ulp; outside that range it is
 * {@link Math#hypot}, which neither overflows nor underflows. The square root is several times faster
 * than {@code hypot} (a pure-Java routine), and it is the hot spot of a pass over the data. Every residual
 * gives finite results; the value is never below {@code |r|}, and {@code phi'} is exactly {@code +-1} once
 * {@code delta^2 / r^2} is below the rounding unit ({@code |r| > ~1e8 delta}). {@code phi''} is formed as
 * {@code (q / H) q} with {@code q = delta / H}, which is representable wherever the true value is.
 * Immutable and thread-safe.
 */
public final class PseudoHuberLoss implements SeparableLoss {

    /** The provider name. */
    public static final String NAME = "pseudo-huber";

    /** The default transition scale. */
    public static final double DEFAULT_DELTA = 1.0;

    /** {@code sqrt(fma(r, r, delta^2))} is used for {@code delta} in {@code [LOW, HIGH]} and {@code |r| < HIGH}. */
    private static final double FUSED_LIMIT_LOW = 1e-150;
    private static final double FUSED_LIMIT_HIGH = 1e150;

    private final double delta;
    /** {@code delta^2}, or NaN when {@code delta} is outside the range where the fused form is used. */
    private final double deltaSquared;

    /**
     * @param delta the transition scale between quadratic and linear behaviour, finite and {@code > 0}
     * @throws IllegalArgumentException e.g. {@code pseudo-huber: delta must be > 0, got -1.0}
     */
    public PseudoHuberLoss(double delta) {
        this.delta = Checks.greaterThan(NAME, "delta", delta, 0.0, "0");
        this.deltaSquared = delta >= FUSED_LIMIT_LOW && delta <= FUSED_LIMIT_HIGH ? delta * delta : Double.NaN;
    }


    /** @return the transition scale {@code delta} */
    public double delta() {
        return delta;
    }

    private double norm(double r) {
        // clamping keeps phi >= |r| and |phi'| <= 1 exactly
        double a = Math.abs(r);
        if (a < FUSED_LIMIT_HIGH && deltaSquared == deltaSquared) {
            return Math.max(Math.sqrt(Math.fma(r, r, deltaSquared)), a);
        }
        return Math.max(Math.hypot(delta, r), a);
    }

    @Override
    public double phi(double r) {
        return norm(r);
    }

    @Override
    public double phiPrime(double r) {
        return r / norm(r);
    }

    @Override
    public double phiSecond(double r) {
        double h = norm(r);
        double q = delta / h;
        return (q / h) * q;
    }

    @Override
    public boolean isAnalytic() {
        return true;
    }

    @Override
    public boolean isConvex() {
        return true;
    }

    /** @return {@code h(L) = L} */
    @Override
    public double l1Bound(double risk, int outputDimension, int samples) {
        Checks.l1BoundArguments(NAME, risk, outputDimension, samples, true);
        return risk;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PseudoHuberLoss && Double.compare(delta, ((PseudoHuberLoss) other).delta) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(delta);
    }

    /** @return e.g. {@code pseudo-huber(delta=0.7)} */
    @Override
    public String toString() {
        return NAME + "(delta=" + Numerics.format(delta) + ")";
    }
}
