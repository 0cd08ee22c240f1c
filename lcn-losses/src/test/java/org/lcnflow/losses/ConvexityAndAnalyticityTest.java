package org.lcnflow.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code isAnalytic()} is true exactly where Theorem 3.8 applies, {@code isConvex()} exactly where
 * {@code phi'' >= 0} everywhere; for generalized Huber the boundary is {@code beta = 0}, because
 * {@code phi''} has the sign of {@code 2 + beta cosh(alpha r)}.
 */
class ConvexityAndAnalyticityTest {

    @Test
    void squarePseudoHuberAndLogCoshAreAnalyticAndConvex() {
        assertTrue(SquareLoss.instance().isAnalytic() && SquareLoss.instance().isConvex());
        assertTrue(new PseudoHuberLoss(0.3).isAnalytic() && new PseudoHuberLoss(0.3).isConvex());
        assertTrue(new LogCoshLoss(5.0).isAnalytic() && new LogCoshLoss(5.0).isConvex());
    }

    @ParameterizedTest(name = "lp(p={0}) analytic = {1}")
    @CsvSource({"1, false", "1.5, false", "2, true", "2.5, false", "3, false", "4, true", "6, true", "7.5, false",
        "4.000000000000001, false", "1e18, true"})
    void lpIsAnalyticExactlyForEvenIntegerPAndAlwaysConvex(double p, boolean analytic) {
        assertEquals(analytic, new LpLoss(p).isAnalytic());
        assertTrue(new LpLoss(p).isConvex());
    }

    @ParameterizedTest(name = "generalized-huber(beta={0}) convex = {1}")
    @CsvSource({"1e6, true", "3, true", "0.5, true", "4.9e-324, true", "0, true", "-0.0, true", "-1e-9, false",
        "-0.5, false", "-1, false", "-1.999, false"})
    void generalizedHuberIsConvexExactlyForNonNegativeBeta(double beta, boolean convex) {
        GeneralizedHuberLoss loss = new GeneralizedHuberLoss(1.5, beta);
        assertEquals(convex, loss.isConvex());
        assertTrue(loss.isAnalytic());
    }

    @Test
    void atBetaZeroTheSecondDerivativeIsPositiveEverywhere() {
        // phi'' = 2 alpha * 2 / (2u)^2 = alpha / u^2 > 0; it underflows to 0 only beyond a ~ 372 (alpha e^(-2a))
        GeneralizedHuberLoss loss = new GeneralizedHuberLoss(1.0, 0.0);
        for (double a = 0; a <= 300; a += 0.25) {
            assertTrue(loss.phiSecond(a) > 0, "a = " + a);
        }
    }

    @ParameterizedTest(name = "beta = {0}")
    @ValueSource(doubles = {-1e-3, -0.5, -1.0, -1.5, -1.999})
    void forNegativeBetaTheSecondDerivativeChangesSignAtArccoshOfTwoOverMinusBeta(double beta) {
        double alpha = 2.0;
        GeneralizedHuberLoss loss = new GeneralizedHuberLoss(alpha, beta);
        // 2 + beta u = 0 at u = 2/|beta| > 1; arccosh(u) = log(u + sqrt(u^2 - 1))
        double u = -2.0 / beta;
        double root = Math.log(u + Math.sqrt(u * u - 1)) / alpha;
        assertTrue(loss.phiSecond(0.0) > 0);
        assertTrue(loss.phiSecond(root * (1 - 1e-6)) > 0, "just inside the root");
        assertTrue(loss.phiSecond(root * (1 + 1e-6)) < 0, "just outside the root");
        assertTrue(loss.phiSecond(-3 * root - 1) < 0, "in the tail");
        assertEquals(0.0, loss.phiSecond(root), 1e-9 * loss.phiSecond(0.0));
    }

    @Test
    void negativeBetaViolatesMidpointConvexityInTheTails() {
        // phi = |r| + (beta/alpha) e^(-a) + O(e^(-2a)) is concave for beta < 0 beyond the root (a = 2.06 at beta = -1/2)
        GeneralizedHuberLoss loss = new GeneralizedHuberLoss(1.0, -0.5);
        double left = loss.phi(3.0);
        double right = loss.phi(5.0);
        double middle = loss.phi(4.0);
        // about 0.5 ((e^-3 + e^-5)/2 - e^-4) ~ 5e-3 above the chord
        assertTrue(middle > (left + right) / 2 + 1e-3, middle + " vs chord " + (left + right) / 2);
        // while beta = 0 keeps it below the chord
        GeneralizedHuberLoss convex = new GeneralizedHuberLoss(1.0, 0.0);
        assertTrue(convex.phi(4.0) < (convex.phi(3.0) + convex.phi(5.0)) / 2);
    }
}
