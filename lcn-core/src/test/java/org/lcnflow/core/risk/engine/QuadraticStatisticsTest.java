package org.lcnflow.core.risk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.core.testing.RandomLcn;

/**
 * The quadratic form from sufficient statistics alone ({@link QuadraticForm#statistics}, {@link
 * QuadraticForm.Statistics#add}, {@link QuadraticForm#fromStatistics}): the statistics of parts of the data, added,
 * give the form of all of it, whose value and gradient agree with the form built by the data pass at its centre
 * ({@link QuadraticForm#of}) for random architectures, strides above 1 included.
 */
class QuadraticStatisticsTest {

    @Test
    void thePartsStatisticsAddUpToTheWholeDatasForm() {
        Random random = new Random(17);
        for (int trial = 0; trial < 20; trial++) {
            Architecture a = RandomLcn.architecture(random, 3, 4, 2, 3);
            int m = 20 + random.nextInt(900);
            Dataset data = RandomLcn.data(a, m, random);
            int cut = 1 + random.nextInt(m - 1);
            Dataset first = new Dataset(Arrays.copyOfRange(data.inputs(), 0, cut),
                    Arrays.copyOfRange(data.targets(), 0, cut));
            Dataset second = new Dataset(Arrays.copyOfRange(data.inputs(), cut, m),
                    Arrays.copyOfRange(data.targets(), cut, m));
            QuadraticForm.Statistics sum = QuadraticForm.statistics(SampleBlocks.of(a, first))
                    .add(QuadraticForm.statistics(SampleBlocks.of(a, second)));
            QuadraticForm parts = QuadraticForm.fromStatistics(sum, 0.5);
            QuadraticForm whole = QuadraticForm.of(SampleBlocks.of(a, data), 0.5, 1);
            int k = a.finalWidth();
            double[] v = RandomLcn.gaussian(k, 1.0, random);
            double[] g1 = new double[k];
            double[] g2 = new double[k];
            double value = whole.evaluate(v, g1, new double[k], new double[k]);
            double fromParts = parts.evaluate(v, g2, new double[k], new double[k]);
            assertEquals(value, fromParts, 1e-10 * value, a + ", m = " + m + ", cut " + cut);
            double scale = 0;
            for (double g : g1) {
                scale = Math.max(scale, Math.abs(g));
            }
            for (int n = 0; n < k; n++) {
                assertEquals(g1[n], g2[n], 1e-11 * scale, a + ", m = " + m + ": dL/dv_" + n);
            }
        }
    }

    @Test
    void statisticsOfAnotherArchitectureDoNotAdd() {
        Random random = new Random(2);
        Architecture a = Architecture.of(10, new int[] {3, 2}, new int[] {1, 1});
        Architecture b = Architecture.of(10, new int[] {2, 2}, new int[] {1, 1});
        QuadraticForm.Statistics s = QuadraticForm.statistics(SampleBlocks.of(a, RandomLcn.data(a, 5, random)));
        QuadraticForm.Statistics t = QuadraticForm.statistics(SampleBlocks.of(b, RandomLcn.data(b, 5, random)));
        assertEquals("statistics of another architecture",
                assertThrows(IllegalArgumentException.class, () -> s.add(t)).getMessage());
    }
}
