package org.lcnflow.losses;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Pseudo-Huber computes {@code sqrt(delta^2 + r^2)} by a fused multiply-add and a square root, bounded by
 * {@code |r| + delta} where {@code r^2} overflows, for {@code 1e-150 <= delta <= 1e130}, and by
 * {@code hypot} for other {@code delta}: both sides of every
 * edge are accurate against 120-digit references ({@code phi}, {@code phi'} to 2 ulps, {@code phi''}, a
 * quotient of three roundings, to 4), and {@code phi} does not step down across them.
 */
class PseudoHuberFusedRangeTest {

    private static final double[] DELTAS = {1e-150, Math.nextDown(1e-150), 1e130, Math.nextUp(1e130), 1.0, 3e-7,
        1e150};
    private static final double[] RESIDUALS = {0.0, 1e-300, 1e-160, 1e-150, 0.3, 1.0, 7.5, 1e8, 1e129, 1e131,
        1e149, 1.3e154, Math.sqrt(Double.MAX_VALUE), Math.nextUp(Math.sqrt(Double.MAX_VALUE)), 1e155, 1e200, 1e300,
        Double.MAX_VALUE};

    @Test
    void bothSidesOfTheFusedRangeAreAccurate() {
        for (double delta : DELTAS) {
            PseudoHuberLoss loss = new PseudoHuberLoss(delta);
            for (double magnitude : RESIDUALS) {
                for (double r : new double[] {magnitude, -magnitude}) {
                    BigDecimal[] reference = BigReference.pseudoHuber(delta, r);
                    check(loss, "phi", r, loss.phi(r), reference[0], 2);
                    check(loss, "phi'", r, loss.phiPrime(r), reference[1], 2);
                    check(loss, "phi''", r, loss.phiSecond(r), reference[2], 4);
                }
            }
        }
    }

    @Test
    void phiDoesNotStepDownWhereTheSquareStartsToOverflow() {
        for (double delta : new double[] {1.0, 1e130}) {
            PseudoHuberLoss loss = new PseudoHuberLoss(delta);
            double edge = Math.sqrt(Double.MAX_VALUE);
            double previous = loss.phi(Math.nextDown(Math.nextDown(edge)));
            for (double r = Math.nextDown(edge); r <= Math.nextUp(Math.nextUp(edge)); r = Math.nextUp(r)) {
                assertTrue(loss.phi(r) >= previous, loss + " phi steps down at " + r);
                previous = loss.phi(r);
            }
        }
    }

    private static void check(PseudoHuberLoss loss, String what, double r, double computed, BigDecimal reference,
                              double allowed) {
        double ulps = BigReference.ulps(computed, reference);
        if (Double.isNaN(ulps)) { // the true value is outside the normal range: finite, right sign is enough
            assertTrue(Double.isFinite(computed) && computed * reference.signum() >= 0, loss + " " + what + "(" + r
                    + ") = " + computed);
            return;
        }
        assertTrue(ulps <= allowed, loss + " " + what + "(" + r + ") is " + ulps + " ulps off");
    }
}
