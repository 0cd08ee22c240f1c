package org.lcnflow.integrators.implicit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseLuTest {

    @Test
    void solvesInPlaceWhatTheMatrixTimesTheSolutionGives() {
        Random random = new Random(7);
        for (int n = 1; n <= 12; n++) {
            SolverCounters counters = new SolverCounters();
            DenseLu lu = new DenseLu(n, counters);
            double[] a = new double[n * n];
            for (int i = 0; i < n * n; i++) {
                a[i] = random.nextGaussian();
            }
            double[] x = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian();
            }
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    b[r] += a[r * n + c] * x[c];
                }
            }
            System.arraycopy(a, 0, lu.matrix(), 0, n * n);
            assertTrue(lu.factor());
            lu.solve(b);
            for (int i = 0; i < n; i++) {
                assertEquals(x[i], b[i], 1e-9 * Math.max(1, Math.abs(x[i])), "n = " + n + ", x[" + i + "]");
            }
            assertEquals(1, counters.factorizations);
        }
    }

    @Test
    void refusesASingularOrNonFiniteMatrixAndThenRefusesToSolve() {
        SolverCounters counters = new SolverCounters();
        DenseLu lu = new DenseLu(2, counters);
        System.arraycopy(new double[] {1, 2, 2, 4}, 0, lu.matrix(), 0, 4);
        assertFalse(lu.factor(), "rank 1");
        assertThrows(IllegalStateException.class, () -> lu.solve(new double[2]));
        System.arraycopy(new double[] {1, Double.NaN, 0, 1}, 0, lu.matrix(), 0, 4);
        assertFalse(lu.factor(), "NaN entry");
        System.arraycopy(new double[] {2, 0, 0, 4}, 0, lu.matrix(), 0, 4);
        assertTrue(lu.factor());
        double[] b = {2, 2};
        lu.solve(b);
        assertEquals(1.0, b[0], 0.0);
        assertEquals(0.5, b[1], 0.0);
        assertEquals(3, counters.factorizations);
    }

    @Test
    void factoringAndSolvingAllocateNothing() {
        int n = 10;
        DenseLu lu = new DenseLu(n, new SolverCounters());
        double[] b = new double[n];
        Runnable work = () -> {
            double[] a = lu.matrix();
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    a[r * n + c] = r == c ? 4 : 1.0 / (1 + r + c);
                }
                b[r] = r;
            }
            lu.factor();
            lu.solve(b);
        };
        for (int i = 0; i < 20_000; i++) {
            work.run();
        }
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            work.run();
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1000, "allocated " + allocated + " bytes in 1000 factor-and-solve calls");
    }
}
