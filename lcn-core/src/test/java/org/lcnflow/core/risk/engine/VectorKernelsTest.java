package org.lcnflow.core.risk.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.testing.RandomLcn;

/**
 * The data pass on its Vector API kernels against its plain Java loops: the same value and gradient to rounding, and
 * on either path the same bits on one thread and on two.
 */
class VectorKernelsTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    @Test
    void theTestsRunWithTheVectorApi() {
        // the build passes --add-modules jdk.incubator.vector to every test JVM: the kernels below are the real ones
        assertTrue(VectorSupport.enabled(), "jdk.incubator.vector is not enabled in this test JVM");
    }

    @Property(tries = 40)
    void bothPathsAgreeAndEachIsTheSameOnAnyNumberOfThreads(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 6, 3, 40);
        // from 512 samples on the blocks are wide (128 lanes); below, the separable kernels run for large d_N only
        int m = random.nextBoolean() ? 512 + random.nextInt(700) : 1 + random.nextInt(600);
        Dataset data = RandomLcn.data(a, m, random);
        SampleBlocks blocks = SampleBlocks.of(a, data);
        double[] v = RandomLcn.gaussian(a.finalWidth(), 1.0, random);
        for (Loss loss : new Loss[] {REGISTRY.loss("square", Parameters.empty()),
            REGISTRY.loss("pseudo-huber", Parameters.of(java.util.Map.of("delta", 0.5))),
            REGISTRY.loss("log-cosh", Parameters.empty())}) {
            double[] plain = new double[v.length];
            double[] vector = new double[v.length];
            double plainValue = new DataPass(blocks, loss, 1, false).evaluate(v, plain);
            double vectorValue = new DataPass(blocks, loss, 1, true).evaluate(v, vector);
            assertEquals(plainValue, vectorValue, 1e-12 * Math.abs(plainValue), loss + " value");
            double scale = 0.0;
            for (double g : plain) {
                scale = Math.max(scale, Math.abs(g));
            }
            for (int n = 0; n < v.length; n++) {
                assertEquals(plain[n], vector[n], 1e-11 * Math.max(scale, 1e-300), loss + " gradient " + n);
            }
            for (boolean kernels : new boolean[] {false, true}) {
                double[] one = new double[v.length];
                double[] two = new double[v.length];
                double valueOne = new DataPass(blocks, loss, 1, kernels).evaluate(v, one);
                double valueTwo = new DataPass(blocks, loss, 2, kernels).evaluate(v, two);
                assertEquals(valueOne, valueTwo, 0.0, loss + " value, vector " + kernels);
                assertEquals(valueOne, new DataPass(blocks, loss, 2, kernels).evaluate(v, null), 0.0,
                        loss + " value alone, vector " + kernels);
                assertArrayEquals(one, two, 0.0, loss + " gradient, vector " + kernels);
            }
        }
    }

    @Property(tries = 30)
    void aBatchOfFiltersGivesEachFilterTheBitsOfItsOwnPass(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 6, 3, 40);
        // wide blocks, with and without a tail block of few samples
        int m = 512 + (random.nextBoolean() ? random.nextInt(20) : random.nextInt(900));
        Dataset data = RandomLcn.data(a, m, random);
        SampleBlocks blocks = SampleBlocks.of(a, data);
        int count = 2 + random.nextInt(19);
        double[][] filters = new double[count][];
        for (int f = 0; f < count; f++) {
            filters[f] = RandomLcn.gaussian(a.finalWidth(), 0.2 + random.nextDouble(), random);
        }
        for (Loss loss : new Loss[] {REGISTRY.loss("square", Parameters.empty()),
            REGISTRY.loss("pseudo-huber", Parameters.of(java.util.Map.of("delta", 0.5)))}) {
            for (int threads : new int[] {1, 2}) {
                DataPass pass = new DataPass(blocks, loss, threads, true);
                assertTrue(pass.batches(), "a separable loss on wide blocks with the kernels is batched");
                double[][] gradients = new double[count][a.finalWidth()];
                double[] values = new double[count];
                pass.evaluate(filters, gradients, values, count);
                for (int f = 0; f < count; f++) {
                    double[] alone = new double[a.finalWidth()];
                    double value = new DataPass(blocks, loss, 1, true).evaluate(filters[f], alone);
                    assertEquals(value, values[f], 0.0, loss + ", filter " + f + " of " + count);
                    assertArrayEquals(alone, gradients[f], 0.0, loss + ", filter " + f + " of " + count);
                }
            }
        }
    }

    @Property(tries = 30)
    void theCurvatureTilesAgreeWithThePlainCurvatureAndRepeatTheirBits(@ForAll long seed) {
        Random random = new Random(seed);
        Architecture a = RandomLcn.architecture(random, 3, 6, 3, 40);
        // wide blocks (the tiles' layout), with and without a tail block of few samples
        int m = 512 + (random.nextBoolean() ? random.nextInt(20) : random.nextInt(900));
        Dataset data = RandomLcn.data(a, m, random);
        SampleBlocks blocks = SampleBlocks.of(a, data);
        double[] v = RandomLcn.gaussian(a.finalWidth(), 1.0, random);
        int k = v.length;
        for (String name : new String[] {"pseudo-huber", "log-cosh"}) {
            org.lcnflow.api.SeparableLoss loss = (org.lcnflow.api.SeparableLoss) REGISTRY.loss(name,
                    name.equals("pseudo-huber") ? Parameters.of(java.util.Map.of("delta", 0.5)) : Parameters.empty());
            double[] plain = new double[k * k];
            double[] tiled = new double[k * k];
            double[] again = new double[k * k];
            CurvaturePass.curvature(blocks, loss, v, plain, new CurvaturePass.Work(blocks, 1, false));
            CurvaturePass.Work work = new CurvaturePass.Work(blocks, 1, true);
            CurvaturePass.curvature(blocks, loss, v, tiled, work);
            CurvaturePass.curvature(blocks, loss, v, again, work);
            assertArrayEquals(tiled, again, 0.0, name + ": the same work space gives the same bits again");
            double scale = 0.0;
            for (double h : plain) {
                scale = Math.max(scale, Math.abs(h));
            }
            for (int e = 0; e < k * k; e++) {
                assertEquals(plain[e], tiled[e], 1e-12 * scale, name + " on " + a + ", m = " + m + ": entry " + e);
                assertEquals(tiled[e], tiled[(e % k) * k + e / k], 0.0, name + ": symmetric, entry " + e);
            }
        }
    }
}
