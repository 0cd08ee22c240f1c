package org.lcnflow.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Near the origin the losses keep full relative accuracy, compared with their Taylor series (derived in
 * each test; the next omitted term is below 1e-17 relative at the residuals used, {@code alpha r <= 3e-5}, so the comparison is to
 * a few ulps).
 */
class SmallResidualsTest {

    private static final double[] SMALL = {1e-6, 1e-9, 1e-30, 1e-100, 1e-150};

    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, 4 * Math.ulp(expected), what);
    }

    @Test
    void logCoshBehavesLikeAlphaRSquaredOverTwo() {
        // log cosh a = a^2/2 - a^4/12 + O(a^6), tanh a = a - a^3/3 + O(a^5), sech^2 a = 1 - a^2 + O(a^4)
        for (double alpha : new double[] {1.0, 30.0, 0.2}) {
            LogCoshLoss loss = new LogCoshLoss(alpha);
            for (double r : SMALL) {
                double a = alpha * r;
                assertRelative(alpha * r * r / 2 * (1 - a * a / 6), loss.phi(r), loss + " phi(" + r + ")");
                assertRelative(a * (1 - a * a / 3), loss.phiPrime(-r) * -1, loss + " phi'(" + -r + ")");
                assertRelative(alpha * (1 - a * a), loss.phiSecond(r), loss + " phi''(" + r + ")");
            }
        }
        // naive log(cosh(1e-150)) is 0; the loss is 5e-301
        assertEquals(5e-301, new LogCoshLoss(1.0).phi(1e-150), Math.ulp(5e-301) * 2);
    }

    @Test
    void generalizedHuberWithBetaMinusOneBehavesLikeAlphaRSquared() {
        // log(2 cosh a - 1) = log(1 + a^2 + a^4/12 + ...) = a^2 - 5 a^4 / 12 + O(a^6), so phi ~ alpha r^2;
        // phi' = 2 sinh a / (2 cosh a - 1) = 2a (1 + a^2/6) / (1 + a^2) + ... = 2a (1 - 5a^2/6) + O(a^5)
        for (double alpha : new double[] {1.0, 4.0}) {
            GeneralizedHuberLoss loss = new GeneralizedHuberLoss(alpha, -1.0);
            for (double r : SMALL) {
                double a = alpha * r;
                assertRelative(alpha * r * r * (1 - 5 * a * a / 12), loss.phi(r), loss + " phi(" + r + ")");
                assertRelative(2 * a * (1 - 5 * a * a / 6), loss.phiPrime(r), loss + " phi'(" + r + ")");
            }
        }
    }

    @Test
    void generalizedHuberSlopeNearZeroIsTwoAlphaROverTwoPlusBeta() {
        // phi' = 2 sinh a / (2 cosh a + beta) = 2a / (2 + beta) (1 + O(a^2)), also for beta next to -2
        for (double beta : new double[] {0.0, 3.0, -1.999999, -0.5}) {
            GeneralizedHuberLoss loss = new GeneralizedHuberLoss(2.0, beta);
            for (double r : new double[] {1e-12, 1e-100, 1e-200}) {
                double a = 2.0 * r;
                assertRelative(2 * a / (2 + beta), loss.phiPrime(r), loss + " phi'(" + r + ")");
                // phi'' = 2 alpha (2 + beta u) / (2u + beta)^2 -> 2 alpha / (2 + beta)
                assertRelative(2 * 2.0 / (2 + beta), loss.phiSecond(r), loss + " phi''(" + r + ")");
            }
        }
    }

    @Test
    void pseudoHuberSlopeIsROverDelta() {
        // phi' = (r/delta) (1 + r^2/delta^2)^(-1/2) = (r/delta)(1 - r^2/(2 delta^2) + ...),
        // phi = delta (1 + r^2/(2 delta^2) - ...)
        for (double delta : new double[] {1.0, 0.7, 250.0}) {
            PseudoHuberLoss loss = new PseudoHuberLoss(delta);
            for (double r : SMALL) {
                double q = r / delta;
                assertRelative(q * (1 - q * q / 2), loss.phiPrime(r), loss + " phi'(" + r + ")");
                assertRelative(delta * (1 + q * q / 2), loss.phi(r), loss + " phi(" + r + ")");
            }
        }
    }

    @Test
    void lpKeepsRelativeAccuracyForTinyResiduals() {
        assertRelative(1e-300 / 3, new LpLoss(3.0).phi(1e-100), "p = 3");
        assertRelative(1e-100 * 1e-100, new LpLoss(3.0).phiPrime(1e-100), "p = 3");
        assertRelative(Math.pow(1e-100, 0.5), new LpLoss(1.5).phiPrime(1e-100), "p = 1.5");
    }
}
