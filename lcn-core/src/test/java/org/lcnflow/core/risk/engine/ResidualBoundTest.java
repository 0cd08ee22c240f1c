package org.lcnflow.core.risk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.core.network.PolynomialChain;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.risk.GradientPath;
import org.lcnflow.core.risk.RiskOptions;
import org.lcnflow.core.testing.RandomLcn;
import org.lcnflow.core.testing.Vectors;

/**
 * The residual bound the data pass hands to a loss's bulk form ({@link SeparableLoss#phiAndPrime}) holds for
 * every residual, in both layouts of the data; and where it is small enough for pseudo-Huber's polynomial
 * form, the data pass still agrees with the generic path.
 */
class ResidualBoundTest {

    /**
     * The square loss, checking every residual of the bulk form against the bound it is given, and counting the
     * residuals a sparse last block evaluates one by one ({@link #phi}, no bound). Thread-safe counters: a large
     * pass runs its blocks on several threads.
     */
    private static final class Checking implements SeparableLoss {
        final LongAdder residuals = new LongAdder();
        final LongAdder violations = new LongAdder();
        final LongAdder oneByOne = new LongAdder();

        @Override
        public double phi(double r) {
            oneByOne.increment();
            return r * r;
        }

        @Override
        public double phiPrime(double r) {
            return 2 * r;
        }

        @Override
        public double phiSecond(double r) {
            return 2;
        }

        @Override
        public void phiAndPrime(double[] r, double[] phiSums, int length, double bound) {
            for (int i = 0; i < length; i++) {
                residuals.increment();
                if (!(Math.abs(r[i]) <= bound)) {
                    violations.increment();
                }
                phiSums[i] += r[i] * r[i];
                r[i] = 2 * r[i];
            }
        }
    }

    @Test
    void everyResidualIsWithinTheBoundInBothLayouts() {
        Random random = new Random(21);
        for (int trial = 0; trial < 60; trial++) {
            Architecture a = RandomLcn.architecture(random, 4, 5, 3, 30);
            int m = trial % 3 == 0 ? SampleBlocks.WIDE_FROM + random.nextInt(300) : 1 + random.nextInt(300);
            Dataset data = RandomLcn.data(a, m, random);
            Checking loss = new Checking();
            EmpiricalRisk risk = EmpiricalRisk.of(a, data, loss, RiskOptions.automatic());
            for (double scale : new double[] {1e-3, 0.3, 1.0, 3.0}) {
                double[] w = RandomLcn.gaussian(a.parameterCount(), scale, random);
                risk.valueAndGradient(w, new double[w.length]);
                risk.value(w);
            }
            long seen = loss.residuals.sum() + loss.oneByOne.sum();
            assertTrue(seen >= 8L * m * a.outputDimension(), () -> "every residual was seen: " + seen + " for m = " + m
                    + ", " + a);
            int lanes = m < SampleBlocks.WIDE_FROM ? SampleBlocks.LANES : SampleBlocks.WIDE_LANES;
            long full = m - m % lanes;
            assertTrue(loss.residuals.sum() >= 8L * full * a.outputDimension(),
                    () -> "every full block's residuals went through the bulk form, m = " + m);
            assertEquals(0, loss.violations.sum(), a + ", m = " + m);
        }
    }

    @Test
    void thePolynomialFormOfPseudoHuberAgreesWithTheGenericPath() {
        Random random = new Random(22);
        Loss loss = PluginRegistry.load().loss("pseudo-huber", Parameters.of(Map.of("delta", 1.0)));
        RiskOptions generic = RiskOptions.automatic().withPath(GradientPath.GENERIC);
        for (int trial = 0; trial < 30; trial++) {
            Architecture a = RandomLcn.architecture(random, 4, 5, 3, 30);
            int m = trial % 3 == 0 ? SampleBlocks.WIDE_FROM + random.nextInt(300) : 1 + random.nextInt(300);
            Dataset unit = RandomLcn.data(a, m, random);
            double[][] x = new double[m][];
            double[][] y = new double[m][];
            for (int i = 0; i < m; i++) {
                x[i] = unit.inputs()[i].clone();
                y[i] = unit.targets()[i].clone();
                for (int t = 0; t < x[i].length; t++) {
                    x[i][t] *= 0.01;
                }
                for (int j = 0; j < y[i].length; j++) {
                    y[i][j] *= 0.05;
                }
            }
            Dataset data = new Dataset(x, y);
            double[] w = RandomLcn.gaussian(a.parameterCount(), 0.5, random);
            SampleBlocks blocks = SampleBlocks.of(a, data);
            double norm = 0.0;
            for (double v : new PolynomialChain(a).forward(w)) {
                norm += Math.abs(v);
            }
            for (int b = 0; b < blocks.blockCount; b++) {
                assertTrue(blocks.residualBound(norm, b) <= 1.0, "the residuals are small enough for the polynomial");
            }
            double[] expected = new double[w.length];
            double[] actual = new double[w.length];
            EmpiricalRisk fast = EmpiricalRisk.of(a, data, loss, RiskOptions.automatic());
            double expectedValue = EmpiricalRisk.of(a, data, loss, generic).valueAndGradient(w, expected);
            double actualValue = fast.valueAndGradient(w, actual);
            assertEquals(actualValue, fast.value(w), 0.0, "value() agrees bit for bit");
            assertEquals(expectedValue, actualValue, 1e-13 * expectedValue, a + ", m = " + m);
            double scale = Math.max(Vectors.norm(expected), 1e-3 * expectedValue);
            assertTrue(Vectors.distance(expected, actual) <= 1e-12 * scale, "gradient on " + a);
        }
    }
}
