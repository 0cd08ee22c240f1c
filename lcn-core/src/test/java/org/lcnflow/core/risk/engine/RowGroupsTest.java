package org.lcnflow.core.risk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.risk.GradientPath;
import org.lcnflow.core.risk.RiskOptions;
import org.lcnflow.core.testing.RandomLcn;
import org.lcnflow.core.testing.Vectors;
import org.lcnflow.core.testing.TestLosses;

/**
 * The row-group layout of small problems ({@link RowGroups}): every window entry is the input value the
 * formula names, the layout is taken where it should be, and the data pass through it agrees with the
 * generic path for every stride pattern, several row groups with a part-filled last one, and part-filled
 * blocks.
 */
class RowGroupsTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final List<Loss> LOSSES = List.of(
            TestLosses.SQUARE,
            TestLosses.SMOOTH_ABS,
            REGISTRY.loss("pseudo-huber", Parameters.of(Map.of("delta", 0.7))),
            REGISTRY.loss("log-cosh", Parameters.of(Map.of("alpha", 2))));

    /** The small problem, and others with several phases, tap groups of every size and d_N mod 4. */
    private static final List<Architecture> ARCHITECTURES = List.of(
            Architecture.of(32, new int[] {3, 3, 3}, new int[] {1, 1, 1}),
            Architecture.of(40, new int[] {5, 4, 2}, new int[] {1, 2, 1}),
            Architecture.of(60, new int[] {3, 5}, new int[] {3, 1}),
            Architecture.of(9, new int[] {9}, new int[] {1}),
            Architecture.of(1, new int[] {1}, new int[] {1}),
            Architecture.of(20, new int[] {2, 2, 2}, new int[] {2, 2, 1}),
            Architecture.of(30, new int[] {6, 6}, new int[] {1, 1}),
            // an even number of row groups whose last (in the last pair) is part-filled: 8 groups, 2 rows; 2, 3
            Architecture.of(34, new int[] {3, 3}, new int[] {1, 1}),
            Architecture.of(10, new int[] {4}, new int[] {1}));

    @Test
    void everyWindowEntryIsTheInputRowItsFormulaNames() {
        Random random = new Random(5);
        for (Architecture a : ARCHITECTURES) {
            for (int m : new int[] {1, 64, 130}) {
                Dataset data = RandomLcn.data(a, m, random);
                SampleBlocks blocks = SampleBlocks.of(a, data);
                RowGroups rg = blocks.rowGroups;
                assertNotNull(rg, a + ", m = " + m);
                int s = a.finalStride();
                int[] covered = new int[a.finalWidth()];
                for (int g = 0; g < rg.tapGroupCount; g++) {
                    for (int c2 = 0; c2 < rg.tapCount[g]; c2++) {
                        covered[rg.firstTap[g] + c2 * s]++;
                    }
                }
                for (int n = 0; n < covered.length; n++) {
                    assertEquals(1, covered[n], "tap " + n + " is in exactly one tap group of " + a);
                }
                for (int b = 0; b < blocks.blockCount; b++) {
                    for (int c = 0; c < rg.groupCount; c++) {
                        for (int g = 0; g < rg.tapGroupCount; g++) {
                            double[] window = rg.windows[b][c][g];
                            for (int rho = 0; rho < window.length / RowGroups.LANES; rho++) {
                                long t = (long) (RowGroups.ROWS * c + rho) * s + rg.firstTap[g];
                                for (int i = 0; i < RowGroups.LANES; i++) {
                                    int sample = b * RowGroups.LANES + i;
                                    double expected = t < a.inputDimension() && sample < m
                                            ? data.input(sample, (int) t) : 0.0;
                                    assertEquals(expected, window[rho * RowGroups.LANES + i], 0.0,
                                            a + " window (" + b + ", " + c + ", " + g + ") row " + rho);
                                }
                            }
                        }
                        for (int r = 0; r < RowGroups.ROWS; r++) {
                            int j = RowGroups.ROWS * c + r;
                            for (int i = 0; i < RowGroups.LANES; i++) {
                                int sample = b * RowGroups.LANES + i;
                                double expected = j < a.outputDimension() && sample < m ? data.target(sample, j) : 0.0;
                                assertEquals(expected, rg.targets[b][c][r * RowGroups.LANES + i], 0.0);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theLayoutIsForSmallSampleCountsOnly() {
        Random random = new Random(6);
        Architecture small = ARCHITECTURES.get(0);
        assertNotNull(SampleBlocks.of(small, RandomLcn.data(small, SampleBlocks.WIDE_FROM - 1, random)).rowGroups);
        assertNull(SampleBlocks.of(small, RandomLcn.data(small, SampleBlocks.WIDE_FROM, random)).rowGroups,
                "blocks of 128 lanes keep the row layout");
    }

    @Test
    void theDataPassThroughRowGroupsAgreesWithTheGenericPath() {
        Random random = new Random(7);
        RiskOptions generic = RiskOptions.automatic().withPath(GradientPath.GENERIC);
        RiskOptions dataPass = RiskOptions.automatic().withPath(GradientPath.DATA_PASS);
        for (Architecture a : ARCHITECTURES) {
            for (int m : new int[] {1, 63, 64, 65, 200, 511}) {
                Dataset data = RandomLcn.data(a, m, random);
                assertNotNull(SampleBlocks.of(a, data).rowGroups);
                double[] w = RandomLcn.gaussian(a.parameterCount(), 0.8, random);
                for (Loss loss : LOSSES) {
                    EmpiricalRisk reference = EmpiricalRisk.of(a, data, loss, generic);
                    EmpiricalRisk fast = EmpiricalRisk.of(a, data, loss, dataPass);
                    double[] expected = new double[w.length];
                    double[] actual = new double[w.length];
                    double expectedValue = reference.valueAndGradient(w, expected);
                    double actualValue = fast.valueAndGradient(w, actual);
                    String what = loss + " on " + a + ", m = " + m;
                    assertEquals(actualValue, fast.value(w), 0.0, "value() agrees bit for bit: " + what);
                    assertEquals(expectedValue, actualValue, 1e-12 * Math.abs(expectedValue), what);
                    double scale = Math.max(Vectors.norm(expected), 1e-3 * Math.abs(expectedValue));
                    assertTrue(Vectors.distance(expected, actual) <= 1e-12 * scale,
                            "gradient of " + what);
                }
            }
        }
    }

    @Test
    void correlatingTwoRowGroupsAtOnceAgreesWithOneAtATime() {
        Random random = new Random(11);
        for (Architecture a : ARCHITECTURES) {
            Dataset data = RandomLcn.data(a, 64, random);
            RowGroups rg = SampleBlocks.of(a, data).rowGroups;
            int width = a.finalWidth();
            for (int c = 0; c + 1 < rg.groupCount; c++) {
                double[] g = RandomLcn.gaussian(2 * RowGroups.WIDTH, 1.0, random);
                java.util.Arrays.fill(g, RowGroups.WIDTH + rg.length(c + 1), 2 * RowGroups.WIDTH, 0.0);
                double[] g0 = java.util.Arrays.copyOf(g, RowGroups.WIDTH);
                double[] g1 = java.util.Arrays.copyOfRange(g, RowGroups.WIDTH, 2 * RowGroups.WIDTH);
                double[][] expected = new double[width][];
                double[][] actual = new double[width][];
                for (int n = 0; n < width; n++) {
                    expected[n] = RandomLcn.gaussian(RowGroups.WIDTH, 1.0, random);
                    actual[n] = expected[n].clone();
                }
                rg.correlate(expected, g0, 0, c, rg.length(c));
                rg.correlate(expected, g1, 0, c + 1, rg.length(c + 1));
                rg.correlatePair(actual, g, 0, c);
                for (int n = 0; n < width; n++) {
                    for (int w = 0; w < RowGroups.WIDTH; w++) {
                        assertEquals(expected[n][w], actual[n][w], 1e-14 * (1 + Math.abs(expected[n][w])),
                                a + ", groups " + c + " and " + (c + 1) + ", tap " + n + ", position " + w);
                    }
                }
            }
        }
    }

    @Test
    void theResidualsOfTwoRowGroupsAtOnceAreThoseOfOneAtATimeBitForBit() {
        Random random = new Random(13);
        for (Architecture a : ARCHITECTURES) {
            Dataset data = RandomLcn.data(a, 50, random);
            RowGroups rg = SampleBlocks.of(a, data).rowGroups;
            double[] v = RandomLcn.gaussian(a.finalWidth(), 1.0, random);
            for (int c = 0; c + 1 < rg.groupCount; c++) {
                double[] pair = new double[2 * RowGroups.WIDTH];
                double[] first = new double[RowGroups.WIDTH];
                double[] second = new double[RowGroups.WIDTH];
                rg.residualsPair(pair, 0, c, v);
                rg.residuals(first, rg.targets[0][c], 0, c, v, rg.length(c));
                rg.residuals(second, rg.targets[0][c + 1], 0, c + 1, v, rg.length(c + 1));
                for (int w = 0; w < RowGroups.WIDTH; w++) {
                    assertEquals(first[w], pair[w], 0.0, a + ", group " + c + ", position " + w);
                    if (w < rg.length(c + 1)) {
                        assertEquals(second[w], pair[RowGroups.WIDTH + w], 0.0, a + ", group " + (c + 1) + ", position " + w);
                    }
                }
            }
        }
    }
}
