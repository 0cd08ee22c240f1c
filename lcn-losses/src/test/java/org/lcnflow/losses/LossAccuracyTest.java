package org.lcnflow.losses;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.lcnflow.api.SeparableLoss;

/**
 * Value, first and second derivative of every loss agree with 120-digit {@link BigReference} values of
 * the defining formulas, to a few units in the last place (ulps), over residuals spread across many
 * decades of {@code alpha |r|} (log-uniformly; the sign is random).
 *
 * <p>The bounds are what the implementation achieves with margin (6 ulps for {@code phi} and
 * {@code phi'}, 8 for {@code phi''}). The one exception is generalized Huber next to a zero of
 * {@code phi} ({@code beta < -1}) or of {@code phi''} ({@code beta < 0}): there the relative error is
 * unbounded for any algorithm that rounds {@code alpha r} or the terms that cancel, so the allowance adds a
 * few ulps of the cancelling magnitude {@code C}: {@code |r phi'(r)|} plus the terms of the cancelling sum.
 * References below the normal range are skipped (subnormal results have no relative accuracy to test).
 */
class LossAccuracyTest {

    private static final double EPS = Math.ulp(1.0);
    private static final double PHI_ULPS = 6;
    private static final double PRIME_ULPS = 6;
    private static final double SECOND_ULPS = 8;

    private static final double[] ALPHAS = {1.0, 0.01, 100.0, 3.7};
    private static final double[][] ALPHA_BETAS = {{1, 0}, {1, 3}, {2, -0.5}, {1, -1}, {0.5, -1.5}, {1, -1.9999},
        {3, 1e6}, {1, -0.99}, {1, -1.01}, {0.01, -0.2}};
    private static final double[] DELTAS = {1.0, 0.7, 1e-5, 1e5};
    private static final double[] PS = {1, 1.01, 1.5, 2, 3, 4, 7.5};

    /** Asserts {@code |computed - reference| <= ulps ulp(reference) + ulps eps cancel}. */
    private static void assertAccurate(SeparableLoss loss, String what, double r, double computed, BigDecimal reference,
            double ulps, double cancel) {
        double rounded = reference.doubleValue();
        if (Math.abs(rounded) < Double.MIN_NORMAL) {
            return;
        }
        BigDecimal error = new BigDecimal(computed).subtract(reference).abs();
        double allowed = ulps * Math.ulp(rounded) + ulps * EPS * cancel;
        assertTrue(Double.isFinite(computed) && error.compareTo(new BigDecimal(allowed)) <= 0, () -> loss + ": " + what
                + "(" + r + ") = " + computed + ", reference " + rounded + ", error " + BigReference.ulps(computed, reference)
                + " ulps > allowed " + allowed / Math.ulp(rounded));
    }

    private static void assertAccurate(SeparableLoss loss, double r, BigDecimal[] reference) {
        assertAccurate(loss, "phi", r, loss.phi(r), reference[0], PHI_ULPS, 0);
        assertAccurate(loss, "phi'", r, loss.phiPrime(r), reference[1], PRIME_ULPS, 0);
        assertAccurate(loss, "phi''", r, loss.phiSecond(r), reference[2], SECOND_ULPS, 0);
    }

    private static double residual(double log10, boolean negative, double scale) {
        double r = scale * Math.pow(10.0, log10);
        return negative ? -r : r;
    }

    @Property(tries = 80)
    void logCoshIsAccurateFromTinyToSaturatedResiduals(@ForAll @DoubleRange(min = -12, max = 2.6) double log10AlphaR,
            @ForAll boolean negative) {
        for (double alpha : ALPHAS) {
            LogCoshLoss loss = new LogCoshLoss(alpha);
            double r = residual(log10AlphaR, negative, 1 / alpha);
            assertAccurate(loss, r, BigReference.logCosh(alpha, r));
        }
    }

    @Property(tries = 50)
    void generalizedHuberIsAccurateUpToTheConditioningNearItsZeros(
            @ForAll @DoubleRange(min = -12, max = 2.6) double log10AlphaR, @ForAll boolean negative) {
        for (double[] ab : ALPHA_BETAS) {
            checkGeneralizedHuber(ab[0], ab[1], residual(log10AlphaR, negative, 1 / ab[0]));
        }
    }

    @Property(tries = 50)
    void generalizedHuberIsAccurateInTheTransitionRegion(@ForAll @DoubleRange(min = -2, max = 0.7) double log10AlphaR,
            @ForAll boolean negative) {
        for (double[] ab : ALPHA_BETAS) {
            checkGeneralizedHuber(ab[0], ab[1], residual(log10AlphaR, negative, 1 / ab[0]));
        }
    }

    private static void checkGeneralizedHuber(double alpha, double beta, double r) {
        GeneralizedHuberLoss loss = new GeneralizedHuberLoss(alpha, beta);
        BigDecimal[] reference = BigReference.generalizedHuber(alpha, beta, r);
        double a = alpha * Math.abs(r);
        double u = Math.cosh(a);
        double c2 = 2 * (u - 1);
        double den = 2 * u + beta;
        // phi = log1p(c2 + (1 + beta)) / alpha near its zero: the sum cancels, and alpha r is rounded
        double cancelPhi = Math.abs(r * loss.phiPrime(r)) + (c2 + Math.abs(1 + beta)) / (alpha * (c2 + 2 + beta));
        // phi'' = 2 alpha (2 + beta u) / den^2, phi''' = 2 alpha^2 sinh(a) (beta^2 - 2 beta u - 8) / den^3
        // (divided step by step: den^3 overflows for a > ~236)
        double third = 2 * alpha * alpha * (Math.sinh(a) / den) * ((beta * beta - 2 * beta * u - 8) / den / den);
        double cancelSecond = Math.abs(r * third) + 2 * alpha * ((2 + Math.abs(beta) * u) / den / den);
        assertAccurate(loss, "phi", r, loss.phi(r), reference[0], PHI_ULPS, beta < -1 ? cancelPhi : 0);
        assertAccurate(loss, "phi'", r, loss.phiPrime(r), reference[1], PRIME_ULPS, 0);
        assertAccurate(loss, "phi''", r, loss.phiSecond(r), reference[2], SECOND_ULPS, beta < 0 ? cancelSecond : 0);
    }

    @Property(tries = 150)
    void pseudoHuberIsAccurateOverFortyDecades(@ForAll @DoubleRange(min = -20, max = 20) double log10R,
            @ForAll boolean negative) {
        for (double delta : DELTAS) {
            PseudoHuberLoss loss = new PseudoHuberLoss(delta);
            double r = residual(log10R, negative, 1);
            assertAccurate(loss, r, BigReference.pseudoHuber(delta, r));
        }
    }

    @Property(tries = 80)
    void lpIsAccurateOverSixtyDecades(@ForAll @DoubleRange(min = -30, max = 30) double log10R, @ForAll boolean negative) {
        for (double p : PS) {
            LpLoss loss = new LpLoss(p);
            double r = residual(log10R, negative, 1);
            assertAccurate(loss, r, BigReference.lp(p, r));
        }
    }
}
