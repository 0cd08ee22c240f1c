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
    private final double inverseDelta;
    private final double inverseDeltaSquared;
    /** {@code P0 .. P10} and {@code Q0 .. Q6} times {@code 1 / delta}: the polynomials give {@code y0} directly. */
    private final double[] p;
    private final double[] q;

    /**
     * {@code (1 + t)^(-1/2)} on {@code 0 <= t <= 1} to a relative error below {@code 1.5e-9}: the Chebyshev
     * interpolant of degree 10, in powers of {@code t}.
     */
    private static final double P0 = 0.99999999850564;
    private static final double P1 = -0.49999963695284483;
    private static final double P2 = 0.3749851915168211;
    private static final double P3 = -0.31226034407173986;
    private static final double P4 = 0.2714056699847325;
    private static final double P5 = -0.23574778030747265;
    private static final double P6 = 0.19128983738098707;
    private static final double P7 = -0.13121808687334358;
    private static final double P8 = 0.06726924224312436;
    private static final double P9 = -0.021956738846594565;
    private static final double P10 = 0.00333942937666371;
    /** The same on {@code 0 <= t <= 1/4} ({@code |r| <= delta / 2}) to {@code 7.4e-10}, degree 6. */
    private static final double Q0 = 0.9999999992657459;
    private static final double Q1 = -0.4999997114879292;
    private static final double Q2 = 0.3749813100707833;
    private static final double Q3 = -0.31204047147105207;
    private static final double Q4 = 0.26795636818031965;
    private static final double Q5 = -0.21133861673231508;
    private static final double Q6 = 0.10691171871288506;

    /**
     * @param delta the transition scale between quadratic and linear behaviour, finite and {@code > 0}
     * @throws IllegalArgumentException e.g. {@code pseudo-huber: delta must be > 0, got -1.0}
     */
    public PseudoHuberLoss(double delta) {
        this.delta = Checks.greaterThan(NAME, "delta", delta, 0.0, "0");
        this.fused = delta >= FUSED_LIMIT_LOW && delta <= FUSED_LIMIT_HIGH;
        this.deltaSquared = delta * delta;
        this.inverseDelta = 1.0 / delta;
        this.inverseDeltaSquared = 1.0 / deltaSquared;
        double[] pc = {P0, P1, P2, P3, P4, P5, P6, P7, P8, P9, P10};
        double[] qc = {Q0, Q1, Q2, Q3, Q4, Q5, Q6};
        for (int k = 0; k < pc.length; k++) {
            pc[k] *= inverseDelta;
        }
        for (int k = 0; k < qc.length; k++) {
            qc[k] *= inverseDelta;
        }
        this.p = pc;
        this.q = qc;
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

    /**
     * When every residual is at most {@code delta} in absolute value (and {@code delta} is in the fused
     * range), without division or square root, so that the loop vectorizes: {@code y ~ (delta^2 + r^2)^(-1/2)}
     * from a polynomial in {@code t = u / delta^2 - 1 = (r / delta)^2}, {@code u = fma(r, r, delta^2)}, to
     * {@code 1.5e-9}, refined by one Newton step {@code y += y e / 2}, {@code e = 1 - u y^2} (error
     * {@code 3/8 e^2 < 1e-17}); then {@code phi = u y} and {@code phi' = r y}, each within about 2 ulps of the
     * exact values (tested against 120-digit references). When the bound is at most {@code delta / 2} a
     * polynomial of degree 6 on {@code t <= 1/4} does (to {@code 7.4e-10}). Otherwise (larger residuals, e.g. at
     * outliers) the operations of {@link #phi} and {@link #phiPrime} themselves, branch-free so that the loop still
     * vectorizes (square root, division, fused multiply-add, min and max): the same bits as they give.
     */
    @Override
    public void phiAndPrime(double[] residuals, double[] phiSums, int length, double bound) {
        if (!fused) {
            SeparableLoss.super.phiAndPrime(residuals, phiSums, length, bound);
            return;
        }
        if (!(bound <= delta)) {
            for (int i = 0; i < length; i++) {
                double r = residuals[i];
                double a = Math.abs(r);
                double h = Math.max(Math.min(Math.sqrt(Math.fma(r, r, deltaSquared)), a + delta), a);
                phiSums[i] += h;
                residuals[i] = r / h;
            }
            return;
        }
        final double d2 = deltaSquared;
        final double inverseSquare = inverseDeltaSquared;
        // y0 = q(t) (the coefficients carry 1 / delta); Newton: y = y0 + y0 h with
        // h = e / 2 = 1/2 - (u (-y0 / 2)) y0, exactly half of e = 1 - (u y0) y0 since halving is exact
        if (bound <= 0.5 * delta) {
            final double q0 = q[0];
            final double q1 = q[1];
            final double q2 = q[2];
            final double q3 = q[3];
            final double q4 = q[4];
            final double q5 = q[5];
            final double q6 = q[6];
            for (int i = 0; i < length; i++) {
                double r = residuals[i];
                double u = Math.fma(r, r, d2);
                double t = Math.fma(u, inverseSquare, -1.0);
                double y0 = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
                        q6, t, q5), t, q4), t, q3), t, q2), t, q1), t, q0);
                double h = Math.fma(u * (-0.5 * y0), y0, 0.5);
                double y = Math.fma(y0, h, y0);
                phiSums[i] += u * y;
                residuals[i] = r * y;
            }
            return;
        }
        final double p0 = p[0];
        final double p1 = p[1];
        final double p2 = p[2];
        final double p3 = p[3];
        final double p4 = p[4];
        final double p5 = p[5];
        final double p6 = p[6];
        final double p7 = p[7];
        final double p8 = p[8];
        final double p9 = p[9];
        final double p10 = p[10];
        for (int i = 0; i < length; i++) {
            double r = residuals[i];
            double u = Math.fma(r, r, d2);
            double t = Math.fma(u, inverseSquare, -1.0);
            double y0 = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
                    p10, t, p9), t, p8), t, p7), t, p6), t, p5), t, p4), t, p3), t, p2), t, p1), t, p0);
            double h = Math.fma(u * (-0.5 * y0), y0, 0.5);
            double y = Math.fma(y0, h, y0);
            phiSums[i] += u * y;
            residuals[i] = r * y;
        }
    }

    @Override
    public double phiSecond(double r) {
        double u = 1.0 / norm(r);
        double q = delta * u;
        return (q * u) * q;
    }

    /**
     * {@code phi''(r) = delta^2 / h^3 = (q u) q} with {@code u = 1 / h}, {@code q = delta u} and {@code h} as
     * {@link #phi}'s (one division, no overflow of {@code h^3}), branch-free, so that the loop vectorizes (square
     * root, division, fused multiply-add, min and max): the same operations as {@link #phiSecond}, so the same bits.
     */
    @Override
    public void phiSeconds(double[] residuals, int length) {
        if (!fused) {
            SeparableLoss.super.phiSeconds(residuals, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            double r = residuals[i];
            double a = Math.abs(r);
            double u = 1.0 / Math.max(Math.min(Math.sqrt(Math.fma(r, r, deltaSquared)), a + delta), a);
            double q = delta * u;
            residuals[i] = (q * u) * q;
        }
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
