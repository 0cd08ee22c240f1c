package org.lcnflow.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pseudo-Huber's bulk form {@code phiAndPrime}: with every residual within {@code delta} (and within
 * {@code delta / 2}, a shorter polynomial) it evaluates a polynomial and a Newton step instead of a square root and a division, and must stay within 2.5 ulps of
 * 120-digit references for {@code phi} and {@code phi'} (the scalar functions are within 2); otherwise, and
 * outside the fused range of {@code delta}, it is {@code phi} and {@code phiPrime} bit for bit.
 */
class PseudoHuberBulkTest {

    private static final double[] DELTAS = {1.0, 0.7, 3e-7, 123.4, 1e-150, 1e130, 5e64};

    @Test
    void withResidualsWithinDeltaThePolynomialFormIsWithinTwoAndAHalfUlps() {
        Random random = new Random(17);
        for (double delta : DELTAS) {
            PseudoHuberLoss loss = new PseudoHuberLoss(delta);
            int n = 2000;
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                switch (i % 5) {
                    case 0:
                        r[i] = delta * (2 * random.nextDouble() - 1); // anywhere in [-delta, delta]
                        break;
                    case 1:
                        r[i] = delta * 1e-3 * random.nextGaussian();
                        break;
                    case 2:
                        r[i] = delta * Math.scalb(random.nextDouble(), -random.nextInt(60));
                        break;
                    case 3:
                        r[i] = (random.nextBoolean() ? 1 : -1) * delta * (1 - 1e-6 * random.nextDouble());
                        break;
                    default:
                        r[i] = i % 2 == 0 ? 0.0 : (i % 3 == 0 ? delta : -delta);
                }
            }
            // the degree-10 polynomial for |r| <= delta, the degree-6 one for |r| <= delta / 2
            for (double fraction : new double[] {1.0, 0.5}) {
                double[] residuals = new double[n];
                for (int i = 0; i < n; i++) {
                    residuals[i] = fraction * r[i];
                }
                double[] sums = new double[n];
                double[] derivatives = residuals.clone();
                loss.phiAndPrime(derivatives, sums, n, fraction * delta);
                for (int i = 0; i < n; i++) {
                    BigDecimal[] reference = BigReference.pseudoHuber(delta, residuals[i]);
                    double phiUlps = BigReference.ulps(sums[i], reference[0]);
                    double primeUlps = BigReference.ulps(derivatives[i], reference[1]);
                    String at = "(" + residuals[i] + ") with bound " + fraction * delta;
                    assertTrue(phiUlps <= 2.5, loss + " phi" + at + " is " + phiUlps + " ulps off");
                    assertTrue(primeUlps <= 2.5 || Double.isNaN(primeUlps) && derivatives[i] == 0.0,
                            loss + " phi'" + at + " is " + primeUlps + " ulps off");
                }
            }
        }
    }

    @Test
    void theSumsAreAddedTo() {
        PseudoHuberLoss loss = new PseudoHuberLoss(2.0);
        double[] r = {0.5, -1.5, 0.0};
        double[] sums = {10.0, 20.0, 30.0};
        loss.phiAndPrime(r, sums, 3, 2.0);
        assertEquals(10.0 + Math.sqrt(4.25), sums[0], 1e-14);
        assertEquals(20.0 + Math.sqrt(6.25), sums[1], 1e-14);
        assertEquals(32.0, sums[2], 1e-14);
        assertEquals(0.5 / Math.sqrt(4.25), r[0], 1e-15);
        assertEquals(-1.5 / 2.5, r[1], 1e-15);
        assertEquals(0.0, r[2], 0.0);
    }

    @Test
    void withoutTheBoundOrOutsideTheFusedRangeItIsTheScalarFunctionsBitForBit() {
        Random random = new Random(18);
        for (double delta : new double[] {1.0, 0.7, 1e-160, 1e140}) {
            PseudoHuberLoss loss = new PseudoHuberLoss(delta);
            for (double bound : new double[] {Double.POSITIVE_INFINITY, Math.nextUp(delta), Double.NaN, delta}) {
                if (bound == delta && delta >= 1e-150 && delta <= 1e130) {
                    continue; // the polynomial form, tested above
                }
                double[] r = new double[64];
                for (int i = 0; i < r.length; i++) {
                    r[i] = delta * random.nextGaussian() * (i % 2 == 0 ? 0.5 : 30);
                }
                double[] sums = new double[r.length];
                double[] derivatives = r.clone();
                loss.phiAndPrime(derivatives, sums, r.length, bound);
                for (int i = 0; i < r.length; i++) {
                    assertEquals(loss.phi(r[i]), sums[i], 0.0, loss + " bound " + bound);
                    assertEquals(loss.phiPrime(r[i]), derivatives[i], 0.0, loss + " bound " + bound);
                }
            }
        }
    }
}
