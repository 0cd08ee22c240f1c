package org.lcnflow.examples.cauchy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values of the Welsch loss computed by hand, its saturation, and why it has no bound of Lemma 3.6. */
class WelschLossTest {

    @Test
    void valuesAtHandComputedResiduals() {
        WelschLoss loss = new WelschLoss(2.0);
        assertEquals(0.0, loss.phi(0.0));
        assertEquals(0.0, loss.phiPrime(0.0));
        assertEquals(1.0, loss.phiSecond(0.0));
        // r = c: phi = (c^2/2)(1 - 1/e), phi' = c/e, phi'' = -1/e
        double e = Math.exp(-1);
        assertEquals(2 * (1 - e), loss.phi(-2.0), 1e-15);
        assertEquals(-2 * e, loss.phiPrime(-2.0), 1e-15);
        assertEquals(-e, loss.phiSecond(2.0), 1e-15);
        // the inflection point r = c / sqrt 2
        assertEquals(0.0, loss.phiSecond(Math.sqrt(2.0)), 1e-15);
    }

    @Test
    void theCostSaturatesAndGrossOutliersExertNoForce() {
        WelschLoss loss = new WelschLoss(1.0);
        assertEquals(0.5, loss.phi(40.0), "at most c^2/2");
        assertEquals(0.5, loss.phi(Double.MAX_VALUE));
        assertEquals(0.0, loss.phiPrime(40.0));
        assertEquals(0.0, loss.phiSecond(1e200), "no Infinity * 0");
        assertEquals(0.5e-20, loss.phi(1e-10), 1e-35);
        assertEquals(0.5, new WelschLoss(1e200).phi(1.0), 1e-16, "r << c: phi = r^2/2 although c^2 overflows");
        assertEquals(0.0, new WelschLoss(1e-200).phiPrime(1.0), "r/c overflows: the force is 0");
        assertFalse(loss.isConvex());
        assertTrue(loss.isAnalytic());
    }

    @Test
    void aBoundedLossGivesNoBoundOnTheResiduals() {
        WelschLoss loss = new WelschLoss(1.0);
        assertEquals(Double.POSITIVE_INFINITY, loss.l1Bound(0.0, 1, 1));
        assertEquals(Double.POSITIVE_INFINITY, loss.l1Bound(0.4, 2, 5));
        assertEquals("welsch: risk must be >= 0 (the loss is non-negative), got -0.5", assertThrows(
                IllegalArgumentException.class, () -> loss.l1Bound(-0.5, 1, 1)).getMessage());
    }

    @Test
    void printsAsConfiguredAndRejectsBadScales() {
        assertEquals("welsch(c=1.0)", new WelschLoss(1.0).toString());
        assertEquals(new WelschLoss(3.0), new WelschLoss(3.0));
        assertEquals("welsch: c must be > 0 and finite, got -0.0",
                assertThrows(IllegalArgumentException.class, () -> new WelschLoss(-0.0)).getMessage());
    }
}
