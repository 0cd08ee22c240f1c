package org.lcnflow.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code l1Bound} is DESIGN.md's {@code h(L)} (Lemma 3.6 / Cor. 3.7 with the constants of Theorem
 * 3.8's proof), and where the constants are the best possible the bound is attained or approached.
 */
class L1BoundTest {

    private static final double LN2 = Math.log(2.0);

    @Test
    void formulasOfDesignMd() {
        // square: sqrt(d_N m L) = sqrt(2 * 4 * 8) = 8
        assertEquals(8.0, SquareLoss.instance().l1Bound(8.0, 2, 4), 1e-15);
        // lp: d_N m p^(1/p) L^(1/p) = 2 * 3 * (3 * 9)^(1/3) = 18
        assertEquals(18.0, new LpLoss(3.0).l1Bound(9.0, 2, 3), 1e-13);
        // pseudo-Huber: L
        assertEquals(7.25, new PseudoHuberLoss(0.1).l1Bound(7.25, 3, 5));
        // log-cosh: L + d_N m log(2) / alpha
        assertEquals(1.0 + 3 * 5 * LN2 / 2.0, new LogCoshLoss(2.0).l1Bound(1.0, 3, 5), 1e-14);
        // generalized Huber: L for beta >= 0; L + m (d_N / alpha) log(2 / (2 + beta)) for beta < 0
        assertEquals(1.0, new GeneralizedHuberLoss(2.0, 0.0).l1Bound(1.0, 3, 5));
        assertEquals(1.0, new GeneralizedHuberLoss(2.0, 4.0).l1Bound(1.0, 3, 5));
        assertEquals(1.0 + 5 * (3 / 2.0) * LN2, new GeneralizedHuberLoss(2.0, -1.0).l1Bound(1.0, 3, 5), 1e-14);
        assertEquals(1.0 + 5 * (3 / 2.0) * Math.log(2 / 0.5), new GeneralizedHuberLoss(2.0, -1.5).l1Bound(1.0, 3, 5), 1e-14);
    }

    @Test
    void lpAndPseudoHuberBoundsAreAttainedForOneEntry() {
        // d_N = m = 1: p^(1/p) (|r|^p / p)^(1/p) = |r|; sqrt(delta^2 + r^2) -> |r|
        for (double p : new double[] {1.0, 2.0, 3.5}) {
            LpLoss loss = new LpLoss(p);
            assertEquals(2.5, loss.l1Bound(loss.phi(2.5), 1, 1), 4 * Math.ulp(2.5));
        }
        PseudoHuberLoss ph = new PseudoHuberLoss(1.0);
        assertEquals(1e9, ph.l1Bound(ph.phi(1e9), 1, 1), Math.ulp(1e9));
    }

    @Test
    void logCoshConstantIsTheSmallestPossible() {
        // |r| - log cosh(alpha r) / alpha = (log 2 - log1p(e^(-2a))) / alpha increases to log(2) / alpha
        LogCoshLoss loss = new LogCoshLoss(4.0);
        double gap = 20.0 - loss.phi(20.0);
        assertEquals(LN2 / 4.0, gap, 1e-14);
        assertTrue(gap <= LN2 / 4.0 + 2 * Math.ulp(20.0), "never above the constant, up to the rounding of phi(20)");
    }

    @Test
    void generalizedHuberConstantForNegativeBetaIsValidButNotTight() {
        // |r| - phi(r) = -(1/alpha) log(1 + beta e^(-a) + e^(-2a)); the minimum over t = e^(-a) in (0, 1] of
        // 1 + beta t + t^2 is 1 - beta^2/4 at t = -beta/2, so the smallest constant is -log(1 - beta^2/4) / alpha,
        // below the paper's log(2 / (2 + beta)) / alpha because 2/(2 + beta) = (2 - beta)/2 * 4/(4 - beta^2) > 4/(4 - beta^2).
        for (double beta : new double[] {-0.3, -1.0, -1.9}) {
            double alpha = 1.5;
            GeneralizedHuberLoss loss = new GeneralizedHuberLoss(alpha, beta);
            double tight = -Math.log1p(-beta * beta / 4) / alpha;
            double paper = loss.l1Bound(0.0, 1, 1);
            double worstR = -Math.log(-beta / 2) / alpha;
            assertEquals(tight, worstR - loss.phi(worstR), 1e-14, "beta = " + beta);
            assertTrue(tight < paper, "beta = " + beta);
            for (double r = 0; r < 40 / alpha; r += 0.01) {
                assertTrue(r - loss.phi(r) <= tight + 1e-14, "beta = " + beta + ", r = " + r);
            }
        }
    }

    @Test
    void negativeRiskIsAcceptedOnlyWhereTheLossCanBeNegative() {
        // beta < -1: phi(0) = log(2 + beta) / alpha < 0
        GeneralizedHuberLoss loss = new GeneralizedHuberLoss(1.0, -1.5);
        double risk = 4 * loss.phi(0.0);
        assertTrue(risk < 0);
        assertEquals(risk + 4 * Math.log(4.0), loss.l1Bound(risk, 2, 2), 1e-14);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SquareLoss.instance().l1Bound(-1.0, 1, 1));
        assertEquals("square: risk must be >= 0 (the loss is non-negative), got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LogCoshLoss(1.0).l1Bound(Double.NaN, 1, 1));
        assertEquals("log-cosh: risk must be a number, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LpLoss(2.0).l1Bound(1.0, 0, 1));
        assertEquals("lp: outputDimension must be >= 1, got 0", e.getMessage());
    }

    @Test
    void squareBoundDoesNotOverflowBeforeTheTrueValue() {
        // d_N m L = 1e6 * 1e303 overflows, sqrt of it (3.2e154) does not
        assertEquals(Math.sqrt(1e6) * Math.sqrt(1e303), SquareLoss.instance().l1Bound(1e303, 1000, 1000), 1e140);
    }
}
