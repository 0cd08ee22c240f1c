package org.lcnflow.examples.cauchy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values of the Cauchy loss computed by hand, its shape, and its bound of Lemma 3.6. */
class CauchyLossTest {

    private static final double LN2 = Math.log(2);

    @Test
    void valuesAtHandComputedResiduals() {
        CauchyLoss loss = new CauchyLoss(2.0);
        assertEquals(0.0, loss.phi(0.0));
        assertEquals(0.0, loss.phiPrime(0.0));
        assertEquals(1.0, loss.phiSecond(0.0));
        // r = c: phi = (c^2/2) log 2, phi' = c/2, phi'' = 0 (the inflection point)
        assertEquals(2 * LN2, loss.phi(2.0), 1e-15);
        assertEquals(1.0, loss.phiPrime(2.0), 1e-15);
        assertEquals(0.0, loss.phiSecond(2.0), 1e-15);
        // r = 3: phi = 2 log(13/4), phi' = 3 / (13/4) = 12/13, phi'' = (1 - 9/4) / (13/4)^2 = -20/169
        assertEquals(2 * Math.log(3.25), loss.phi(-3.0), 1e-15);
        assertEquals(-12.0 / 13.0, loss.phiPrime(-3.0), 1e-15);
        assertEquals(-20.0 / 169.0, loss.phiSecond(-3.0), 1e-15);
        // the sum over coordinates: l(z, y) = phi(1) + phi(-3)
        assertEquals(loss.phi(1.0) + loss.phi(-3.0), loss.value(new double[] {2.0, -1.0}, new double[] {1.0, 2.0}), 1e-15);
    }

    @Test
    void smallResidualsCostLikeHalfTheSquareAndHugeOnesLogarithmically() {
        CauchyLoss loss = new CauchyLoss(1.0);
        assertEquals(0.5e-20, loss.phi(1e-10), 1e-35);
        assertEquals(0.5e-300, loss.phi(1e-150), 1e-315);
        assertEquals(200 * Math.log(10), loss.phi(1e200), 1e-12);
        assertEquals(1e-200, loss.phiPrime(1e200), 1e-215);
        assertTrue(loss.phi(Double.MAX_VALUE) < 710, "phi(MAX_VALUE) = log(MAX_VALUE), finite");
        // a huge scale: r << c, phi = r^2/2 although c^2 overflows
        assertEquals(0.5, new CauchyLoss(1e200).phi(1.0), 1e-16);
        // a tiny scale: r/c overflows, phi' = c^2 / r
        assertEquals(1e-200, new CauchyLoss(1e-100).phiPrime(1.0), 1e-215);
    }

    @Test
    void theForceOfAnOutlierFallsOffBeyondTheScale() {
        CauchyLoss loss = new CauchyLoss(1.0);
        assertEquals(0.5, loss.phiPrime(1.0), 1e-16, "the largest force, at r = c");
        double previous = loss.phiPrime(1.0);
        for (double r = 1.5; r < 1e6; r *= 1.5) {
            double force = loss.phiPrime(r);
            assertTrue(force < previous, "phi' decreases beyond c: phi'(" + r + ") = " + force);
            previous = force;
        }
        assertFalse(loss.isConvex());
        assertTrue(loss.isAnalytic());
    }

    @Test
    void theBoundInvertsPhiForOneResidualAndIsZeroAtZeroRisk() {
        CauchyLoss loss = new CauchyLoss(0.5);
        for (double a : new double[] {1e-6, 0.1, 0.5, 3.0, 250.0}) {
            assertEquals(a, loss.l1Bound(loss.phi(a), 1, 1), 1e-13 * a, "h(phi(a)) = a for one residual a = " + a);
        }
        assertEquals(0.0, loss.l1Bound(0.0, 3, 7));
        assertEquals(6 * 0.5 * Math.sqrt(Math.expm1(1.0)), loss.l1Bound(0.125, 2, 3), 1e-15,
                "h(L) = d_N m c sqrt(exp(2L/c^2) - 1) at 2L/c^2 = 1");
        assertEquals(Double.POSITIVE_INFINITY, loss.l1Bound(1e6, 2, 3), "overflows to +Infinity, never NaN");
        assertEquals(Double.POSITIVE_INFINITY, new CauchyLoss(1e-200).l1Bound(1.0, 1, 1));
    }

    @Test
    void boundArgumentsAreChecked() {
        CauchyLoss loss = new CauchyLoss(1.0);
        assertEquals("cauchy: risk must be >= 0 (the loss is non-negative), got NaN", assertThrows(
                IllegalArgumentException.class, () -> loss.l1Bound(Double.NaN, 1, 1)).getMessage());
        assertEquals("cauchy: risk must be >= 0 (the loss is non-negative), got -1.0", assertThrows(
                IllegalArgumentException.class, () -> loss.l1Bound(-1.0, 1, 1)).getMessage());
        assertEquals("cauchy: outputDimension must be >= 1, got 0", assertThrows(
                IllegalArgumentException.class, () -> loss.l1Bound(1.0, 0, 1)).getMessage());
        assertEquals("cauchy: samples must be >= 0, got -2", assertThrows(
                IllegalArgumentException.class, () -> loss.l1Bound(1.0, 1, -2)).getMessage());
    }

    @Test
    void printsAsConfiguredAndComparesByScale() {
        assertEquals("cauchy(c=1.0)", new CauchyLoss(1.0).toString());
        assertEquals("cauchy(c=0.25)", new CauchyLoss(0.25).toString());
        assertEquals(new CauchyLoss(0.25), new CauchyLoss(0.25));
        assertEquals(new CauchyLoss(0.25).hashCode(), new CauchyLoss(0.25).hashCode());
        assertFalse(new CauchyLoss(0.25).equals(new CauchyLoss(0.5)));
        assertFalse(new CauchyLoss(0.25).equals(new WelschLoss(0.25)));
    }

    @Test
    void rejectsScalesThatAreNotPositiveAndFinite() {
        assertEquals("cauchy: c must be > 0 and finite, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new CauchyLoss(0.0)).getMessage());
        assertEquals("cauchy: c must be > 0 and finite, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new CauchyLoss(-1.0)).getMessage());
        assertEquals("cauchy: c must be > 0 and finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new CauchyLoss(Double.NaN)).getMessage());
        assertEquals("cauchy: c must be > 0 and finite, got Infinity", assertThrows(IllegalArgumentException.class,
                () -> new CauchyLoss(Double.POSITIVE_INFINITY)).getMessage());
    }
}
