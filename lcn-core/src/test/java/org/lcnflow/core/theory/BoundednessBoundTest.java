package org.lcnflow.core.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.core.network.FinalFilter;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.testing.RandomLcn;
import org.lcnflow.core.testing.TestLosses;

class BoundednessBoundTest {

    @Test
    void handComputedBound() {
        // d0 = 1, X = [1 2], Y = [1 1]: X X^T = 5, X^T (X X^T)^{-1} = [1/5, 2/5], its 1-norm 3/5, ||Y||_1 = 2
        Dataset data = new Dataset(new double[][] {{1}, {2}}, new double[][] {{1}, {1}});
        BoundednessBound bound = BoundednessBound.of(data, TestLosses.SQUARE);
        assertTrue(bound.isFullRank());
        assertEquals(1, bound.rank());
        assertEquals(1.0, bound.conditionNumber(), 1e-15);
        assertEquals(0.6, bound.pseudoInverseL1().getAsDouble(), 1e-15);
        // g(L) = (1/d_N)(sqrt(d_N m L) + ||Y||_1) * 3/5 with d_N = 1, m = 2, L = 8: (4 + 2) * 0.6
        assertEquals(3.6, bound.at(8.0).getAsDouble(), 1e-14);
    }

    @Test
    void theBoundScalesWithTheDataWithoutOverflow() {
        // X scaled by c: the pseudo-inverse's norm scales by 1/c, rank and condition number not at all
        for (double c : new double[] {1e200, 1e-200}) {
            Dataset data = new Dataset(new double[][] {{c}, {2 * c}}, new double[][] {{1}, {1}});
            BoundednessBound bound = BoundednessBound.of(data, TestLosses.SQUARE);
            assertTrue(bound.isFullRank());
            assertEquals(1.0, bound.conditionNumber(), 1e-15);
            assertEquals(0.6 / c, bound.pseudoInverseL1().getAsDouble(), 1e-15 * 0.6 / c);
        }
        Dataset zeros = new Dataset(new double[][] {{0, 0}, {0, 0}, {0, 0}}, new double[][] {{1}, {1}, {1}});
        assertEquals(0, BoundednessBound.of(zeros, TestLosses.SQUARE).rank());
    }

    @Test
    void rankDeficientDataHaveNoBound() {
        // two samples in R^3: X X^T has rank 2 < 3
        Dataset data = new Dataset(new double[][] {{1, 0, 1}, {0, 1, 1}}, new double[][] {{1}, {2}});
        BoundednessBound bound = BoundednessBound.of(data, TestLosses.SQUARE);
        assertEquals(2, bound.rank());
        assertFalse(bound.isFullRank());
        assertTrue(bound.at(1.0).isEmpty());
        assertTrue(bound.pseudoInverseL1().isEmpty());
        assertTrue(bound.conditionNumber() > 1e12);
    }

    @Test
    void aLossWithoutBoundGivesNone() {
        Dataset data = new Dataset(new double[][] {{1}, {2}}, new double[][] {{1}, {1}});
        BoundednessBound bound = BoundednessBound.of(data, TestLosses.LOG_NORM);
        assertFalse(bound.lossHasBound());
        assertTrue(bound.at(1.0).isEmpty());
    }

    /** Lemma 3.6 itself: for every w, ||pi(w)||_1 <= g(L(w)) when X X^T has full rank. */
    @Property(tries = 200)
    void finalFilterNormIsBoundedByTheLemma(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 3, 2, 3);
        Dataset data = RandomLcn.data(a, a.inputDimension() + 1 + random.nextInt(4), random);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 2 * random.nextDouble(), random);
        for (var loss : new org.lcnflow.api.Loss[] {TestLosses.SQUARE, TestLosses.SMOOTH_ABS}) {
            BoundednessBound bound = BoundednessBound.of(data, loss);
            assertTrue(bound.isFullRank(), "random Gaussian data with m > d0 have full rank");
            double risk = EmpiricalRisk.of(a, data, loss).value(w);
            double v = FinalFilter.of(a, w).l1Norm();
            assertTrue(v <= bound.at(risk).getAsDouble() * (1 + 1e-12),
                    "||v||_1 = " + v + " exceeds g(L) = " + bound.at(risk).getAsDouble() + " for " + a);
        }
    }

    @Test
    void balancednessDifferencesAreConsecutiveSquaredNormDifferences() {
        Architecture a = Architecture.of(6, new int[] {2, 1, 3}, new int[] {1, 1, 1});
        double[] w = {1, 2, 3, 1, 1, 2};
        assertArrayEquals(new double[] {5, 9, 6}, Balancedness.squaredLayerNorms(a, w));
        assertArrayEquals(new double[] {4, -3}, Balancedness.deltas(a, w));
    }
}
