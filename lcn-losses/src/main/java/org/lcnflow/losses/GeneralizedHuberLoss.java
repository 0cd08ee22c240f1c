package org.lcnflow.losses;

import org.lcnflow.api.SeparableLoss;

/**
 * The generalized Huber loss of section 3.3,
 * {@code l_GH(z, y) = (1/alpha) sum_j log(e^(alpha r_j) + e^(-alpha r_j) + beta)}, for {@code alpha > 0},
 * {@code beta > -2}. With {@code a = alpha r} and {@code u = cosh a}:
 * <pre>
 *   phi(r)   = log(2u + beta) / alpha
 *   phi'(r)  = 2 sinh(a) / (2u + beta)
 *   phi''(r) = 2 alpha (2 + beta u) / (2u + beta)^2
 * </pre>
 * (from {@code d/da [2 sinh a / (2u + beta)] = (2u (2u + beta) - 4 sinh^2 a) / (2u + beta)^2} and
 * {@code u^2 - sinh^2 a = 1}).
 *
 * <p><b>Convexity.</b> The denominator of {@code phi''} is positive, so {@code phi''(r)} has the sign of
 * {@code 2 + beta u}, where {@code u = cosh(alpha r)} takes every value in {@code [1, infinity)}. For
 * {@code beta >= 0} it is positive everywhere: convex. For {@code -2 < beta < 0} it is positive near 0
 * ({@code phi''(0) = 2 alpha / (2 + beta)}) but negative wherever {@code cosh(alpha r) > 2 / |beta|},
 * i.e. {@code |r| > arccosh(2 / |beta|) / alpha}: the tails approach the line {@code |r|} from below
 * ({@code phi = |r| + (beta/alpha) e^(-a) + O(e^(-2a))}), so {@code phi} is not convex. Hence
 * {@link #isConvex} is exactly {@code beta >= 0}. Analytic for every admissible parameter (Theorem 3.8).
 *
 * <p><b>Bound.</b> For {@code beta >= 0}, {@code phi(r) >= |r|} (eq. (3.10)), so {@code h(L) = L}. For
 * {@code beta < 0} the paper shows {@code |r| <= phi(r) + log(2 / (2 + beta)) / alpha}, so
 * {@code h(L) = L + m (d_N / alpha) log(2 / (2 + beta))}. (The smallest valid constant is
 * {@code -log(1 - beta^2/4) / alpha} per coordinate, attained at {@code e^(-alpha|r|) = -beta/2}; the
 * paper's is larger, so still valid.) For {@code beta < -1}, {@code phi(0) < 0} and the risk can be
 * negative; the bound accepts any risk.
 *
 * <p>Numerics, with {@code a = alpha |r|} and {@code e = exp(-a)}: for {@code a > 2},
 * {@code phi = |r| + log1p(beta e + e^2) / alpha}, {@code phi' = (1 - e^2) / (1 + beta e + e^2)}
 * (exactly {@code +-1} in the saturated tail) and
 * {@code phi'' = alpha e (beta (1 + e^2) + 4 e) / (1 + beta e + e^2)^2}; for {@code a <= 2}, everything
 * is written with {@code t = expm1(a)}, {@code 2 (cosh a - 1) = t^2 / (1 + t)} and the exactly computed
 * {@code 2 + beta} and {@code 1 + beta}: {@code e^a + e^-a + beta} is the positive sum
 * {@code 2 (cosh a - 1) + (2 + beta)}, and its logarithm is taken with {@code log1p} when it is near 1.
 * So small residuals and {@code beta} near -2 or -1 keep full relative accuracy. Relative accuracy is lost
 * only next to the zeros of {@code phi} (for {@code beta < -1}, where {@code cosh(alpha r) = (1 - beta)/2})
 * and of {@code phi''} (for {@code beta < 0}), where the absolute error stays at the rounding level of the
 * terms. Immutable and thread-safe.
 */
public final class GeneralizedHuberLoss implements SeparableLoss {

    /** The provider name. */
    public static final String NAME = "generalized-huber";

    /** The default sharpness. */
    public static final double DEFAULT_ALPHA = 1.0;

    /** The default offset. */
    public static final double DEFAULT_BETA = 0.0;

    /** For {@code beta = -1} and {@code a} below this, {@code phi = a^2 / alpha} to rounding. */
    private static final double TAYLOR = 1e-8;

    private final double alpha;
    private final double beta;
    /** {@code 2 + beta}, exact for {@code beta in [-2, -1]} (Sterbenz) where it matters. */
    private final double twoPlusBeta;
    /** {@code 1 + beta}, exact for {@code beta in [-2, -0.5]} (Sterbenz) where it matters. */
    private final double onePlusBeta;

    /**
     * @param alpha the sharpness (inverse transition scale), finite and {@code > 0}
     * @param beta  the offset inside the logarithm, finite and {@code > -2}
     * @throws IllegalArgumentException e.g. {@code generalized-huber: beta must be > -2, got -3.0}
     */
    public GeneralizedHuberLoss(double alpha, double beta) {
        this.alpha = Checks.greaterThan(NAME, "alpha", alpha, 0.0, "0");
        this.beta = Checks.greaterThan(NAME, "beta", beta, -2.0, "-2") + 0.0; // + 0.0 turns -0.0 into 0.0
        this.twoPlusBeta = 2.0 + this.beta;
        this.onePlusBeta = 1.0 + this.beta;
    }

    /** @return the sharpness {@code alpha} */
    public double alpha() {
        return alpha;
    }

    /** @return the offset {@code beta} */
    public double beta() {
        return beta;
    }

    @Override
    public double phi(double r) {
        double x = Math.abs(r);
        double a = alpha * x;
        if (a > 2.0) {
            double e = Math.exp(-a);
            return x + Math.log1p(Numerics.scaledExpNeg(beta, a, 0.0) + e * e) / alpha;
        }
        if (beta == -1.0 && a < TAYLOR) {
            return a * x;
        }
        double t = Math.expm1(a);
        double c2 = t * t / (1.0 + t);                  // 2 (cosh a - 1)
        double sum = c2 + twoPlusBeta;                  // e^a + e^-a + beta, a sum of positive terms
        if (sum >= 0.5 && sum <= 2.0) {
            // near log's zero: log1p of (sum - 1) formed without the rounding of sum
            return Math.log1p(c2 + onePlusBeta) / alpha;
        }
        return Math.log(sum) / alpha;
    }

    @Override
    public double phiPrime(double r) {
        double x = Math.abs(r);
        double a = alpha * x;
        double value;
        if (a > 2.0) {
            // beta e may dominate the denominator; its condition number is ~a, so correct a's rounding
            double lo = Numerics.productError(alpha, x, a);
            double e = Numerics.expNeg(a, lo);
            double e2 = e * e;
            value = (1.0 - e2) / (1.0 + Numerics.scaledExpNeg(beta, a, lo) + e2);
        } else {
            double t = Math.expm1(a);
            // 2 sinh a = t (2 + t) / (1 + t);  2 cosh a + beta = t^2 / (1 + t) + (2 + beta)
            double onePlusT = 1.0 + t;
            value = (t * (2.0 + t) / onePlusT) / (t * t / onePlusT + twoPlusBeta);
        }
        return Math.copySign(value, r);
    }

    @Override
    public double phiSecond(double r) {
        double x = Math.abs(r);
        double a = alpha * x;
        if (a <= 2.0) {
            double cm1 = Numerics.coshMinusOne(Math.expm1(a));
            double den = 2.0 * cm1 + twoPlusBeta;       // 2u + beta
            double num = twoPlusBeta + beta * cm1;      // 2 + beta u
            return ((2.0 * (num / den)) / den) * alpha;
        }
        double lo = Numerics.productError(alpha, x, a);
        double e = Numerics.expNeg(a, lo);
        double e2 = e * e;
        double betaE = Numerics.scaledExpNeg(beta, a, lo);
        double d = 1.0 + betaE + e2;                    // e (2u + beta)
        if (Math.abs(betaE) <= 1.0) {
            double alphaE = Numerics.scaledExpNeg(alpha, a, lo);
            double alphaE2 = Numerics.scaledExpNeg(alphaE, a, lo);
            return ((alphaE * beta) * (1.0 + e2) + 4.0 * alphaE2) / d / d;
        }
        // beta e > 1 (huge beta): divide before multiplying by alpha so nothing overflows early
        return alpha * (((betaE * (1.0 + e2) + 4.0 * e2) / d) / d);
    }

    @Override
    public boolean isAnalytic() {
        return true;
    }

    /** @return {@code beta >= 0} (see the class comment for the derivation) */
    @Override
    public boolean isConvex() {
        return beta >= 0.0;
    }

    /**
     * @return {@code h(L) = L} for {@code beta >= 0}, {@code L + m (d_N / alpha) log(2 / (2 + beta))} for
     *         {@code beta < 0}
     */
    @Override
    public double l1Bound(double risk, int outputDimension, int samples) {
        Checks.l1BoundArguments(NAME, risk, outputDimension, samples, beta >= -1.0);
        if (beta >= 0.0) {
            return risk;
        }
        // log(2 / (2 + beta)) = -log1p(beta / 2) > 0
        double c = outputDimension * -Math.log1p(0.5 * beta) / alpha;
        return risk + c * samples;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof GeneralizedHuberLoss)) {
            return false;
        }
        GeneralizedHuberLoss that = (GeneralizedHuberLoss) other;
        return Double.compare(alpha, that.alpha) == 0 && Double.compare(beta, that.beta) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(alpha) + Double.hashCode(beta);
    }

    /** @return e.g. {@code generalized-huber(alpha=1.0, beta=-0.5)} */
    @Override
    public String toString() {
        return NAME + "(alpha=" + Numerics.format(alpha) + ", beta=" + Numerics.format(beta) + ")";
    }
}
