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
 * <p>Numerics: for {@code 1e-150 <= delta <= 1e130}, {@code H = sqrt(delta^2 + r^2)} is
 * {@code min(sqrt(fma(r, r, delta^2)), |r| + delta)}. The fused multiply-add rounds the exact
 * {@code r^2 + delta^2} once, so {@code r^2} cannot underflow, and with the rounding of {@code delta^2} and
 * of the square root the result is within 1.5 ulp; where {@code r^2} overflows ({@code |r| > ~1.3e154}),
 * the bound {@code |r| + delta} takes over, which equals {@code H} there to far below an ulp since
 * {@code delta / |r| < 1e-24}, and elsewhere is never below the rounded square root. The formula has no
 * branch, so a loop over residuals vectorizes, and it is several times faster than {@link Math#hypot} (a
 * pure-Java routine) in a pass over the data. Other {@code delta} use {@code hypot}, which neither
 * overflows nor underflows. Every finite residual gives finite results; the value is never below
 * {@code |r|}, and {@code phi'} is exactly {@code +-1} once {@code delta^2 / r^2} is below the rounding unit
 * ({@code |r| > ~1e8 delta}). {@code phi''} is formed as {@code (q / H) q} with {@code q = delta / H},
 * which is representable wherever the true value is.
 * Immutable and thread-safe.
 */
public final class PseudoHuberLoss implements SeparableLoss {

    /** The provider name. */
    public static final String NAME = "pseudo-huber";

    /** The default transition scale. */
    public static final double DEFAULT_DELTA = 1.0;

    /** The fused form is used for {@code delta} in {@code [LOW, HIGH]}. */
    private static final double FUSED_LIMIT_LOW = 1e-150;
    private static final double FUSED_LIMIT_HIGH = 1e130;

    private final double delta;
    /** Whether {@code delta} is in the range of the fused form. */
    private final boolean fused;
    private final double deltaSquared;

    /**
     * @param delta the transition scale between quadratic and linear behaviour, finite and {@code > 0}
     * @throws IllegalArgumentException e.g. {@code pseudo-huber: delta must be > 0, got -1.0}
     */
    public PseudoHuberLoss(double delta) {
        this.delta = Checks.greaterThan(NAME, "delta", delta, 0.0, "0");
        this.fused = delta >= FUSED_LIMIT_LOW && delta <= FUSED_LIMIT_HIGH;
        this.deltaSquared = delta * delta;
    }


    /** @return the transition scale {@code delta} */
    public double delta() {
        return delta;
    }

    private double norm(double r) {
        // clamping keeps phi >= |r| and |phi'| <= 1 exactly
        double a = Math.abs(r);
        if (fused) {
            return Math.max(Math.min(Math.sqrt(Math.fma(r, r, deltaSquared)), a + delta), a);
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
