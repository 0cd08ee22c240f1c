package org.lcnflow.core.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.QuadraticLoss;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.flow.GradientFlow;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.engine.SampleBlocks;
import org.lcnflow.core.testing.RandomLcn;
import org.lcnflow.core.testing.Vectors;
import org.lcnflow.core.testing.TestLosses;

/**
 * The fast paths against the generic reference path: the data pass for every kind of loss and the
 * quadratic form for the quadratic ones, on random architectures with strides and sample counts that
 * leave the last block of samples part-filled; bit-identical results for 1 and 2 threads; no allocation
 * per evaluation.
 */
class GradientPathsTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final Loss SQUARE = REGISTRY.loss("square", Parameters.empty());
    private static final Loss LP2 = REGISTRY.loss("lp", Parameters.of(Map.of("p", 2)));
    private static final List<Loss> NON_QUADRATIC = List.of(
            TestLosses.SQUARE, // a square loss the core does not know: data pass
            TestLosses.SMOOTH_ABS,
            TestLosses.LOG_NORM, // not separable
            REGISTRY.loss("pseudo-huber", Parameters.of(Map.of("delta", 0.7))),
            REGISTRY.loss("lp", Parameters.of(Map.of("p", 3))),
            REGISTRY.loss("log-cosh", Parameters.of(Map.of("alpha", 2))));

    private static final RiskOptions GENERIC = RiskOptions.automatic().withPath(GradientPath.GENERIC);

    /** Sample counts across both block sizes (64 lanes below 512 samples, 128 from there), mostly part-filled. */
    private static int samples(Random random) {
        return random.nextInt(4) == 0 ? SampleBlocks.WIDE_FROM + random.nextInt(200) : 1 + random.nextInt(150);
    }

    @Property(tries = 80)
    void theDataPassAgreesWithTheGenericPath(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 4, 4, 3, 6);
        Dataset data = RandomLcn.data(a, samples(random), random);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 0.8, random);
        for (Loss loss : NON_QUADRATIC) {
            EmpiricalRisk fast = EmpiricalRisk.of(a, data, loss, RiskOptions.automatic());
            assertEquals(GradientPath.DATA_PASS, fast.path(), loss.toString());
            assertAgree(EmpiricalRisk.of(a, data, loss, GENERIC), fast, w, 1e-12, loss + " on " + a);
        }
    }

    @Property(tries = 80)
    void theQuadraticFormAgreesWithTheGenericPath(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 4, 4, 3, 6);
        Dataset data = RandomLcn.data(a, samples(random), random);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 0.8, random);
        for (Loss loss : List.of(SQUARE, LP2)) {
            EmpiricalRisk fast = EmpiricalRisk.of(a, data, loss,
                    RiskOptions.automatic().withPath(GradientPath.QUADRATIC_FORM));
            assertEquals(GradientPath.QUADRATIC_FORM, fast.path(), loss.toString());
            assertAgree(EmpiricalRisk.of(a, data, loss, GENERIC), fast, w, 1e-10, loss + " on " + a);
            // and through the data pass, the guard's fallback
            assertAgree(EmpiricalRisk.of(a, data, loss, GENERIC),
                    EmpiricalRisk.of(a, data, loss, RiskOptions.automatic().withPath(GradientPath.DATA_PASS)), w,
                    1e-12, loss + " (data pass) on " + a);
        }
    }

    /** Value and gradient agree with the generic path's, relative to their size; value() agrees bit for bit. */
    private static void assertAgree(EmpiricalRisk reference, EmpiricalRisk fast, double[] w, double tolerance,
                                    String what) {
        double[] expected = new double[w.length];
        double[] actual = new double[w.length];
        double expectedValue = reference.valueAndGradient(w, expected);
        double actualValue = fast.valueAndGradient(w, actual);
        assertEquals(actualValue, fast.value(w), 0.0, "value() and valueAndGradient() agree bit for bit: " + what);
        assertEquals(expectedValue, actualValue, tolerance * Math.abs(expectedValue), "value of " + what);
        double scale = Math.max(Vectors.norm(expected), 1e-3 * Math.abs(expectedValue));
        assertTrue(Vectors.distance(expected, actual) <= tolerance * scale, "gradient of " + what + ": relative error "
                + Vectors.distance(expected, actual) / scale);
    }

    @Property(tries = 40)
    void theQuadraticFormMatchesCentralDifferences(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 4, 4, 3, 3);
        Dataset data = RandomLcn.data(a, 2 + random.nextInt(5), random);
        EmpiricalRisk risk = EmpiricalRisk.of(a, data, SQUARE,
                RiskOptions.automatic().withPath(GradientPath.QUADRATIC_FORM));
        assertEquals(GradientPath.QUADRATIC_FORM, risk.path());
        double[] w = RandomLcn.gaussian(a.parameterCount(), 0.8, random);
        double[] gradient = new double[w.length];
        double value = risk.valueAndGradient(w, gradient);
        double scale = Math.max(Vectors.norm(gradient), 1e-3 * value);
        for (int i = 0; i < w.length; i++) {
            double h = 1e-3 * Math.max(1.0, Math.abs(w[i]));
            double d1 = shifted(risk, w, i, h) - shifted(risk, w, i, -h);
            double d2 = shifted(risk, w, i, 2 * h) - shifted(risk, w, i, -2 * h);
            assertEquals((8 * d1 - d2) / (12 * h), gradient[i], 1e-6 * scale, "dL/dw[" + i + "] on " + a);
        }
    }

    private static double shifted(EmpiricalRisk risk, double[] w, int i, double h) {
        double[] p = w.clone();
        p[i] += h;
        return risk.value(p);
    }

    @Test
    void anIllConditionedGramMatrixSendsTheAutomaticChoiceToTheExactDataPass() {
        // 4 samples of 2 outputs give 8 patches for k_v = 8: the centre interpolates and A is ill-conditioned;
        // the form lost 5e-10 of the value here
        Random random = new Random(28);
        Architecture a = RandomLcn.architecture(random, 4, 4, 3, 3);
        Dataset data = RandomLcn.data(a, 2 + random.nextInt(5), random);
        double[] w = RandomLcn.gaussian(a.parameterCount(), 0.8, random);
        EmpiricalRisk automatic = EmpiricalRisk.of(a, data, SQUARE, RiskOptions.automatic());
        assertEquals(GradientPath.DATA_PASS, automatic.path(), a.toString());
        double exact = EmpiricalRisk.of(a, data, SQUARE, GENERIC).value(w);
        assertEquals(exact, automatic.value(w), 1e-14 * exact);
    }

    @Test
    void everyQuadraticLossTakesTheQuadraticFormAndNoOtherLoss() {
        Architecture a = Architecture.of(9, new int[] {3, 3}, new int[] {1, 2});
        Dataset data = RandomLcn.data(a, 40, new Random(1));
        assertEquals(GradientPath.QUADRATIC_FORM, EmpiricalRisk.of(a, data, SQUARE, RiskOptions.automatic()).path());
        assertEquals(GradientPath.QUADRATIC_FORM, EmpiricalRisk.of(a, data, LP2, RiskOptions.automatic()).path());
        assertEquals(1.0, ((QuadraticLoss) SQUARE).coefficient());
        assertEquals(0.5, ((QuadraticLoss) LP2).coefficient());
        for (Loss loss : NON_QUADRATIC) {
            assertEquals(GradientPath.DATA_PASS, EmpiricalRisk.of(a, data, loss, RiskOptions.automatic()).path(),
                    loss.toString());
        }
        assertFalse(REGISTRY.loss("lp", Parameters.of(Map.of("p", 2.5))) instanceof QuadraticLoss);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmpiricalRisk.of(a, data,
                TestLosses.SMOOTH_ABS, RiskOptions.automatic().withPath(GradientPath.QUADRATIC_FORM)));
        assertTrue(e.getMessage().startsWith("the quadratic-form path needs a QuadraticLoss (e.g. the built-in"
                + " square, or lp with p = 2), got "), e.getMessage());
    }

    /** {@code 3 r^2} declared by a user, with nothing but its coefficient. */
    private static final QuadraticLoss TRIPLE_SQUARE = new QuadraticLoss() {
        @Override
        public double coefficient() {
            return 3.0;
        }

        @Override
        public String toString() {
            return "triple-square()";
        }
    };

    @Test
    void aUsersOwnQuadraticLossTakesTheQuadraticFormWithTheDataPassesGradient() {
        Random random = new Random(4);
        int onTheForm = 0;
        for (int trial = 0; trial < 20; trial++) {
            Architecture a = RandomLcn.architecture(random, 3, 4, 2, 3);
            Dataset data = RandomLcn.data(a, 60 + random.nextInt(200), random);
            double[] w = RandomLcn.gaussian(a.parameterCount(), 0.7, random);
            EmpiricalRisk form = EmpiricalRisk.of(a, data, TRIPLE_SQUARE, RiskOptions.automatic());
            if (form.path() != GradientPath.QUADRATIC_FORM) {
                // only an ill-conditioned Gram matrix may send it to the data pass (tested above)
                assertEquals(GradientPath.DATA_PASS, form.path());
                continue;
            }
            EmpiricalRisk reference = EmpiricalRisk.of(a, data, TRIPLE_SQUARE, GENERIC);
            assertAgree(reference, form, w, 1e-10, "triple-square on " + a);
            onTheForm++;
        }
        assertTrue(onTheForm >= 10, "only " + onTheForm + " of 20 problems took the quadratic form");
        EmpiricalRisk forced = EmpiricalRisk.of(Architecture.of(9, new int[] {3, 3}, new int[] {1, 2}),
                RandomLcn.data(Architecture.of(9, new int[] {3, 3}, new int[] {1, 2}), 40, random), TRIPLE_SQUARE,
                RiskOptions.automatic().withPath(GradientPath.QUADRATIC_FORM));
        assertEquals(GradientPath.QUADRATIC_FORM, forced.path());
    }

    @Test
    void aQuadraticLossWithABadCoefficientIsRefusedNamingIt() {
        QuadraticLoss negative = () -> -1.0;
        Architecture a = Architecture.of(9, new int[] {3, 3}, new int[] {1, 2});
        Dataset data = RandomLcn.data(a, 40, new Random(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmpiricalRisk.of(a, data, negative, RiskOptions.automatic()));
        assertTrue(e.getMessage().contains("is a QuadraticLoss with coefficient() = -1.0: it must be finite and > 0"),
                e.getMessage());
    }

    @Test
    void eachPathCanBeForcedAndAllGiveTheSameFlow() {
        Architecture a = Architecture.of(13, new int[] {3, 3, 2}, new int[] {1, 2, 1});
        Dataset data = RandomLcn.data(a, 30, new Random(4));
        FlowIntegrator rk4 = REGISTRY.integrator("rk4", Parameters.of(Map.of("step", 1e-3)));
        double[] reference = null;
        for (GradientPath path : GradientPath.values()) {
            GradientFlow flow = GradientFlow.builder().architecture(a).data(data).loss(SQUARE)
                    .integrator(rk4).randomInitialFilters(2, 0.5).stop(StopCondition.atTime(0.2))
                    .riskOptions(RiskOptions.defaults().withPath(path)).build();
            assertEquals(path, flow.risk().path());
            double[] end = flow.run().result().parameters();
            if (reference == null) {
                reference = end;
            } else {
                assertTrue(Vectors.distance(reference, end) <= 1e-11 * Vectors.norm(reference), path + " ends "
                        + Vectors.distance(reference, end) + " away");
            }
        }
    }

    /** Large enough to be split over threads: 320 padded samples x d_N 90 x k_v 11 multiply-adds, twice. */
    private static final Architecture PARALLEL = Architecture.of(100, new int[] {5, 4, 4}, new int[] {1, 1, 1});

    @Test
    void resultsAreBitIdenticalWithOneAndTwoThreads() {
        for (int m : new int[] {300, 700}) {
            bitIdenticalWithOneAndTwoThreads(m);
        }
    }

    private static void bitIdenticalWithOneAndTwoThreads(int m) {
        Random random = new Random(9);
        Dataset data = RandomLcn.data(PARALLEL, m, random);
        double[] w = RandomLcn.gaussian(PARALLEL.parameterCount(), 0.6, random);
        boolean twoCores = Runtime.getRuntime().availableProcessors() >= 2;
        for (Loss loss : List.of(TestLosses.SMOOTH_ABS, TestLosses.LOG_NORM, SQUARE)) {
            EmpiricalRisk one = EmpiricalRisk.of(PARALLEL, data, loss, RiskOptions.automatic().withThreads(1));
            EmpiricalRisk two = EmpiricalRisk.of(PARALLEL, data, loss, RiskOptions.automatic().withThreads(2));
            EmpiricalRisk oneData = EmpiricalRisk.of(PARALLEL, data, loss,
                    RiskOptions.automatic().withThreads(1).withPath(GradientPath.DATA_PASS));
            EmpiricalRisk twoData = EmpiricalRisk.of(PARALLEL, data, loss,
                    RiskOptions.automatic().withThreads(2).withPath(GradientPath.DATA_PASS));
            assertEquals(1, oneData.passThreads());
            if (twoCores) {
                assertEquals(2, twoData.passThreads(), "the pass is split over two threads");
            }
            for (int round = 0; round < 20; round++) {
                double[] g1 = new double[w.length];
                double[] g2 = new double[w.length];
                assertEquals(one.valueAndGradient(w, g1), two.valueAndGradient(w, g2), 0.0, loss + " value");
                assertArrayEquals(g1, g2, 0.0, loss + " gradient");
                assertEquals(oneData.valueAndGradient(w, g1), twoData.valueAndGradient(w, g2), 0.0, loss + " value");
                assertArrayEquals(g1, g2, 0.0, loss + " gradient, data pass");
                w[round % w.length] += 0.01;
            }
            if (one.path() == GradientPath.QUADRATIC_FORM) {
                assertArrayEquals(one.quadraticForm().gram(), two.quadraticForm().gram(), 0.0);
                assertArrayEquals(one.quadraticForm().center(), two.quadraticForm().center(), 0.0);
            }
        }
    }

    @Test
    void aFailingLossInAWorkerThreadIsRethrownToTheCaller() {
        Random random = new Random(2);
        Dataset data = RandomLcn.data(PARALLEL, 300, random);
        Loss failing = new Loss() {
            @Override
            public double value(double[] z, double[] y) {
                if (y[0] == data.target(299, 0)) {
                    throw new IllegalStateException("loss failed on the last sample");
                }
                return 0;
            }

            @Override
            public void gradient(double[] z, double[] y, double[] out) {
                java.util.Arrays.fill(out, 0);
            }
        };
        EmpiricalRisk risk = EmpiricalRisk.of(PARALLEL, data, failing, RiskOptions.automatic().withThreads(2));
        double[] w = RandomLcn.gaussian(PARALLEL.parameterCount(), 0.6, random);
        for (int i = 0; i < 3; i++) {
            assertEquals("loss failed on the last sample", assertThrows(IllegalStateException.class,
                    () -> risk.valueAndGradient(w, new double[w.length])).getMessage());
        }
    }

    @Test
    void noPathAllocatesPerEvaluation() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random random = new Random(11);
        Dataset data = RandomLcn.data(PARALLEL, 300, random);
        double[] w = RandomLcn.gaussian(PARALLEL.parameterCount(), 0.5, random);
        double[] g = new double[w.length];
        RiskOptions[] options = {
            RiskOptions.automatic().withThreads(1),
            RiskOptions.automatic().withThreads(2),
            RiskOptions.automatic().withThreads(2).withGradientTolerance(1e-3),
            RiskOptions.automatic().withPath(GradientPath.DATA_PASS).withThreads(2).withGradientTolerance(1e-3),
            GENERIC
        };
        for (RiskOptions o : options) {
            for (Loss loss : List.of(SQUARE, TestLosses.SMOOTH_ABS)) {
                EmpiricalRisk risk = EmpiricalRisk.of(PARALLEL, data, loss, o);
                for (int i = 0; i < 500; i++) {
                    risk.valueAndGradient(w, g);
                }
                long[] ids = threads.getAllThreadIds();
                long before = sum(threads.getThreadAllocatedBytes(ids));
                for (int i = 0; i < 1000; i++) {
                    risk.valueAndGradient(w, g);
                }
                long allocated = sum(threads.getThreadAllocatedBytes(ids)) - before;
                // the measurement allocates a little itself; 1000 evaluations that allocated one object
                // each would cost at least 16000 bytes
                assertTrue(allocated < 8192, "1000 evaluations of " + risk.path() + " with " + o + " and " + loss
                        + " allocated " + allocated + " bytes in all threads");
            }
        }
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += Math.max(0, v);
        }
        return sum;
    }
}
