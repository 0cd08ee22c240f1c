package org.lcnflow.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.SeparableLoss;

/**
 * Far from the origin the saturating losses are {@code |r|} plus a constant plus exponentially small
 * terms: their values stay finite and accurate, their derivatives are exactly {@code +-1} and their
 * second derivatives underflow to 0 exactly where the true value does. {@code |r|^p} overflows only
 * where its true value exceeds {@link Double#MAX_VALUE}.
 */
class ExtremeResidualsTest {

    private static final double LN2 = Math.log(2.0);

    private static void assertWithinUlps(double expected, double actual, double ulps, String what) {
        assertEquals(expected, actual, ulps * Math.ulp(expected), what);
    }

    @Test
    void logCoshAtAMillionTransitionScalesMatchesTheReference() {
        for (double alpha : new double[] {1.0, 1e-3, 1e3}) {
            LogCoshLoss loss = new LogCoshLoss(alpha);
            for (double r : new double[] {1e6 / alpha, -1e6 / alpha, 1e3 / alpha}) {
                BigDecimal[] reference = BigReference.logCosh(alpha, r);
                assertWithinUlps(reference[0].doubleValue(), loss.phi(r), 2, loss + " phi(" + r + ")");
                assertEquals(Math.signum(r), loss.phiPrime(r), loss + " phi'(" + r + ")");
                // the true phi'' = 4 alpha e^(-2a) (1 + ...) is below the subnormal range
                assertEquals(0.0, loss.phiSecond(r), loss + " phi''(" + r + ")");
                assertTrue(reference[2].compareTo(new BigDecimal(Double.MIN_VALUE).divide(BigDecimal.valueOf(2))) < 0);
            }
        }
    }

    @Test
    void generalizedHuberAtAMillionTransitionScalesMatchesTheReference() {
        for (double[] ab : new double[][] {{1.0, 0.0}, {1.0, -1.9}, {1e-3, 5.0}, {1e3, -0.5}}) {
            GeneralizedHuberLoss loss = new GeneralizedHuberLoss(ab[0], ab[1]);
            for (double r : new double[] {1e6 / ab[0], -1e6 / ab[0], 300 / ab[0]}) {
                BigDecimal[] reference = BigReference.generalizedHuber(ab[0], ab[1], r);
                assertWithinUlps(reference[0].doubleValue(), loss.phi(r), 2, loss + " phi(" + r + ")");
                assertEquals(Math.signum(r), loss.phiPrime(r), loss + " phi'(" + r + ")");
                double second = reference[2].doubleValue();
                assertWithinUlps(second, loss.phiSecond(r), 8, loss + " phi''(" + r + ")");
            }
        }
    }

    @Test
    void saturatingLossesAreFiniteAndExactUpToTheLargestDouble() {
        SeparableLoss[] losses = {new LogCoshLoss(1.0), new LogCoshLoss(1e-3), new GeneralizedHuberLoss(1.0, 0.0),
            new GeneralizedHuberLoss(2.0, -1.5), new PseudoHuberLoss(1.0), new PseudoHuberLoss(1e-3)};
        for (SeparableLoss loss : losses) {
            for (double r : new double[] {1e150, -1e150, 1e300, Double.MAX_VALUE, -Double.MAX_VALUE}) {
                // |r| - log(2)/alpha, |r| + log1p(...)/alpha and sqrt(delta^2 + r^2) all round to |r| here
                assertEquals(Math.abs(r), loss.phi(r), loss + " phi(" + r + ")");
                assertEquals(Math.signum(r), loss.phiPrime(r), loss + " phi'(" + r + ")");
                assertEquals(0.0, loss.phiSecond(r), loss + " phi''(" + r + ")");
            }
        }
    }

    @Test
    void derivativesAreExactlyPlusMinusOneOnceTheCorrectionIsBelowRounding() {
        // tanh a = 1 - 2e^(-2a) + ...: rounds to 1 once 2e^(-2a) < 2^-54, i.e. a > 19.1
        LogCoshLoss logCosh = new LogCoshLoss(2.0);
        assertEquals(1.0, logCosh.phiPrime(20 / 2.0));
        assertEquals(-1.0, logCosh.phiPrime(-20 / 2.0));
        assertTrue(logCosh.phiPrime(15 / 2.0) < 1.0);
        // generalized Huber: phi' = 1 - (beta e + 2 e^2) + ...; with beta = 1e6 it needs beta e < 2^-54, a > 51.3
        GeneralizedHuberLoss gh = new GeneralizedHuberLoss(1.0, 1e6);
        assertEquals(1.0, gh.phiPrime(52.0));
        assertTrue(gh.phiPrime(45.0) < 1.0);
        // pseudo-Huber: phi' = 1 - delta^2 / (2 r^2) + ...; exactly 1 once delta^2 / (2 r^2) < 2^-54, r > 9.5e7 delta
        PseudoHuberLoss ph = new PseudoHuberLoss(0.5);
        assertEquals(1.0, ph.phiPrime(1e8 * 0.5));
        assertEquals(-1.0, ph.phiPrime(-1e8 * 0.5));
        assertTrue(ph.phiPrime(1e7 * 0.5) < 1.0);
    }

    @Test
    void pseudoHuberSecondDerivativeIsRepresentableWhereTheTrueValueIs() {
        // delta = 1e100, r = 1e150: delta^2 / (delta^2 + r^2)^(3/2) ~ 1e200 / 1e450 = 1e-250, although r^2 overflows
        PseudoHuberLoss loss = new PseudoHuberLoss(1e100);
        double expected = BigReference.pseudoHuber(1e100, 1e150)[2].doubleValue();
        assertWithinUlps(expected, loss.phiSecond(1e150), 8, "phi''(1e150)");
        assertWithinUlps(1e150, loss.phi(1e150), 1, "phi(1e150)");
    }

    @Test
    void squareOverflowsExactlyWhenRSquaredExceedsTheDoubleRange() {
        double limit = Math.sqrt(Double.MAX_VALUE);
        assertEquals(1e300, SquareLoss.instance().phi(1e150), Math.ulp(1e300));
        assertTrue(Double.isFinite(SquareLoss.instance().phi(limit * (1 - 1e-15))));
        assertEquals(Double.POSITIVE_INFINITY, SquareLoss.instance().phi(limit * (1 + 1e-15)));
    }

    @Test
    void lpOverflowsOnlyWhereTheTrueValueExceedsTheDoubleRange() {
        for (double p : new double[] {3.0, 7.5, 40.0}) {
            LpLoss loss = new LpLoss(p);
            // |r|^p / p = MAX_VALUE at r* = exp((ln p + ln MAX) / p); |r|^p alone overflows earlier, at MAX^(1/p)
            double threshold = Math.exp((Math.log(p) + Math.log(Double.MAX_VALUE)) / p);
            double below = threshold * (1 - 1e-12);
            double above = threshold * (1 + 1e-12);
            assertTrue(Math.pow(below, p) == Double.POSITIVE_INFINITY, "the intermediate |r|^p overflows");
            double expected = BigReference.lp(p, below)[0].doubleValue();
            assertWithinUlps(expected, loss.phi(below), 4, loss + " phi just below the overflow threshold");
            assertEquals(Double.POSITIVE_INFINITY, loss.phi(above), loss + " phi just above");
            assertEquals(Double.POSITIVE_INFINITY, loss.phi(-above), loss + " phi just above");
            // phi' = r^(p-1) is still representable there: (p-1)/p of the exponent range
            assertTrue(Double.isFinite(loss.phiPrime(above)), loss + " phi' is finite where its true value is");
        }
    }

    @Test
    void lpSecondDerivativeNearZeroOverflowsOnlyWhereTheTrueValueDoes() {
        // p = 1.045: (p-1) r^(p-2) at r = MIN_VALUE = 2^-1074 is 0.045 * 2^(1074 * 0.955) ~ 2^1021.2 < MAX,
        // although r^(p-2) ~ 2^1025.7 alone overflows
        double representable = new LpLoss(1.045).phiSecond(Double.MIN_VALUE);
        assertWithinUlps(BigReference.lp(1.045, Double.MIN_VALUE)[2].doubleValue(), representable, 4, "p = 1.045");
        // p = 1.01: 0.01 * 2^(1074 * 0.99) ~ 2^1056.6 > MAX: the true value is not a double
        assertEquals(Double.POSITIVE_INFINITY, new LpLoss(1.01).phiSecond(Double.MIN_VALUE));
    }
}
