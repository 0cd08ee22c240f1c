package org.lcnflow.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lcnflow.api.SeparableLoss;

/**
 * Values and derivatives at residuals where the defining formulas can be evaluated by hand. At
 * {@code a = ln 2}: {@code e^a = 2}, {@code cosh a = 5/4}, {@code sinh a = 3/4}, {@code tanh a = 3/5}.
 * (The double nearest {@code ln 2} is off by ~2e-17, which moves the results by less than 1e-16.)
 */
class HandComputedValuesTest {

    private static final double LN2 = Math.log(2.0);
    private static final double TOLERANCE = 4e-16;

    private static void assertTriple(SeparableLoss loss, double r, double phi, double phiPrime, double phiSecond) {
        assertEquals(phi, loss.phi(r), TOLERANCE * Math.max(1, Math.abs(phi)), () -> loss + " phi(" + r + ")");
        assertEquals(phiPrime, loss.phiPrime(r), TOLERANCE * Math.max(1, Math.abs(phiPrime)), () -> loss + " phi'(" + r + ")");
        assertEquals(phiSecond, loss.phiSecond(r), TOLERANCE * Math.max(1, Math.abs(phiSecond)), () -> loss + " phi''(" + r + ")");
    }

    @Test
    void squareHasNoFactorOneHalf() {
        // (-3)^2 = 9, 2 (-3) = -6, 2
        assertTriple(SquareLoss.instance(), -3.0, 9.0, -6.0, 2.0);
        assertEquals(9.0 + 0.25, SquareLoss.instance().value(new double[] {1.0, 2.5}, new double[] {4.0, 3.0}));
    }

    @Test
    void lpHasFactorOneOverP() {
        // p = 3, r = -2: 8/3, -(2^2) = -4, 2 * 2 = 4
        assertTriple(new LpLoss(3.0), -2.0, 8.0 / 3.0, -4.0, 4.0);
        // p = 1.5, r = 4: 4^1.5 / 1.5 = 16/3, 4^0.5 = 2, 0.5 * 4^-0.5 = 1/4
        assertTriple(new LpLoss(1.5), 4.0, 16.0 / 3.0, 2.0, 0.25);
        // p = 1, r = -3: 3, -1, 0
        assertTriple(new LpLoss(1.0), -3.0, 3.0, -1.0, 0.0);
        // p = 4, r = 1/2: (1/16)/4, 1/8, 3/4
        assertTriple(new LpLoss(4.0), 0.5, 1.0 / 64.0, 0.125, 0.75);
        // p = 2 is half the square loss
        assertTriple(new LpLoss(2.0), -3.0, 4.5, -3.0, 1.0);
    }

    @Test
    void pseudoHuberHasNoOffset() {
        // delta = 3, r = 4: sqrt(9 + 16) = 5, 4/5, 9/5^3
        assertTriple(new PseudoHuberLoss(3.0), 4.0, 5.0, 0.8, 9.0 / 125.0);
        // phi(0) = delta
        assertTriple(new PseudoHuberLoss(0.7), 0.0, 0.7, 0.0, 1.0 / 0.7);
    }

    @Test
    void logCoshAtLnTwo() {
        // alpha = 1: log(5/4), tanh = 3/5, sech^2 = 16/25
        assertTriple(new LogCoshLoss(1.0), LN2, Math.log(1.25), 0.6, 0.64);
        // alpha = 2, r = ln2 / 2: log(5/4) / 2, 3/5, 2 * 16/25; and the function is even
        assertTriple(new LogCoshLoss(2.0), -LN2 / 2, Math.log(1.25) / 2, -0.6, 1.28);
    }

    @Test
    void generalizedHuberAtLnTwo() {
        // beta = 1/2: e^a + e^-a + beta = 2 + 1/2 + 1/2 = 3; phi' = (2 - 1/2)/3 = 1/2;
        // phi'' = 2 (2 + beta u) / 3^2 = 2 (2 + 5/8) / 9 = 7/12
        assertTriple(new GeneralizedHuberLoss(1.0, 0.5), LN2, Math.log(3.0), 0.5, 7.0 / 12.0);
        // beta = -3/2: 5/2 - 3/2 = 1, so phi = 0 (a zero of phi); phi' = 3/2; phi'' = 2 (2 - 15/8) = 1/4
        assertTriple(new GeneralizedHuberLoss(1.0, -1.5), LN2, 0.0, 1.5, 0.25);
        // alpha = 4, r = -ln2 / 4, beta = 1/2: phi = ln 3 / 4, phi' = -1/2, phi'' = 4 * 7/12
        assertTriple(new GeneralizedHuberLoss(4.0, 0.5), -LN2 / 4, Math.log(3.0) / 4, -0.5, 7.0 / 3.0);
    }

    @Test
    void generalizedHuberWithBetaZeroIsLogCoshPlusLogTwoOverAlpha() {
        // e^a + e^-a = 2 cosh a, so log(2 cosh a) / alpha = log cosh(a) / alpha + log(2) / alpha (section 3.3)
        for (double alpha : new double[] {0.3, 1.0, 7.0}) {
            GeneralizedHuberLoss gh = new GeneralizedHuberLoss(alpha, 0.0);
            LogCoshLoss lc = new LogCoshLoss(alpha);
            for (double r : new double[] {-50.0, -2.0, -0.1, 0.0, 1e-3, 0.9, 3.0, 1e4}) {
                double expected = lc.phi(r) + LN2 / alpha;
                assertEquals(expected, gh.phi(r), 4 * Math.ulp(expected), () -> "alpha=" + alpha + ", r=" + r);
                assertEquals(lc.phiPrime(r), gh.phiPrime(r), 4 * Math.ulp(1.0), () -> "alpha=" + alpha + ", r=" + r);
                assertEquals(lc.phiSecond(r), gh.phiSecond(r), 8 * Math.ulp(lc.phiSecond(r)), () -> "alpha=" + alpha + ", r=" + r);
            }
        }
    }
}
