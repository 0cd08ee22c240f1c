package org.lcnflow.core.risk.engine;

import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;

/**
 * The training data in blocks of {@link #lanes} samples, each sample in one lane: block {@code b} holds
 * {@code inputs[b][t][i] = x_{b lanes + i}[t]} and {@code targets[b][j][i] = y_{b lanes + i}[j]}, the
 * last block padded with zero samples. Every loop of the data pass then runs over the lanes of a few rows
 * with the same index, which the JIT compiles to vector instructions whatever the stride {@code s_v}: the
 * row of a patch entry, {@code j s_v + n}, only selects arrays. (HotSpot's auto-vectorizer needs every
 * array of a loop indexed alike; {@code x[j s + n + i]} next to {@code z[i]} stays scalar.)
 *
 * <p>Lanes: {@value #LANES} for fewer than {@value #WIDE_FROM} samples, else {@value #WIDE_LANES}, whose
 * longer loops run faster while a block's working rows still fit the first-level cache. The number
 * depends on {@code m} alone, so the fixed chunking (a block is a chunk) does too. Immutable once built
 * and shared read-only by every fork of a risk.
 */
public final class SampleBlocks {

    /** Samples per block of a small data set. */
    static final int LANES = 64;
    /** Samples per block from {@link #WIDE_FROM} samples on. */
    static final int WIDE_LANES = 128;
    /** See {@link #WIDE_LANES}. */
    public static final int WIDE_FROM = 512;

    /** Samples per block: the vector loops' trip count, and the unit of the fixed chunking. */
    final int lanes;

    final int samples;
    final int blockCount;
    final int inputDimension;
    final int outputDimension;
    final int stride;
    final int width;
    final double[][][] inputs;
    final double[][][] targets;
    /** One target row per sample, for losses that are not separable. */
    final double[][] targetRows;
    /** Per block, the largest absolute input and target value: with {@code ||v||_1} they bound the residuals. */
    final double[] maxAbsInput;
    final double[] maxAbsTarget;
    /** The same data in row groups for the small-problem kernels, or null (see {@link RowGroups#of}). */
    final RowGroups rowGroups;
    /**
     * The last block's patches when it is a tail (at most {@code lanes / }{@value #TAIL_FRACTION} samples) and they
     * are small (at most {@value #TAIL_PATCH_LIMIT} values): {@code tailPatches[n][j u + i] = x_i[j s_v + n]} for its
     * {@code u} used lanes, every tap one array, so that the tail's loops run over all its residuals at once; else
     * null.
     */
    final double[][] tailPatches;
    /** With {@link #tailPatches}: {@code tailTargets[j u + i] = y_i[j]}; else null. */
    final double[] tailTargets;

    /** A last block whose samples fill at most {@code 1 / TAIL_FRACTION} of its lanes is a tail. */
    static final int TAIL_FRACTION = 4;
    /** The most values of {@link #tailPatches}. */
    static final int TAIL_PATCH_LIMIT = 1 << 15;

    private SampleBlocks(Architecture architecture, Dataset data) {
        samples = data.sampleCount();
        lanes = samples < WIDE_FROM ? LANES : WIDE_LANES;
        blockCount = (samples + lanes - 1) / lanes;
        inputDimension = architecture.inputDimension();
        outputDimension = architecture.outputDimension();
        stride = architecture.finalStride();
        width = architecture.finalWidth();
        inputs = new double[blockCount][inputDimension][lanes];
        targets = new double[blockCount][outputDimension][lanes];
        targetRows = data.targets();
        for (int i = 0; i < samples; i++) {
            double[][] x = inputs[i / lanes];
            double[][] y = targets[i / lanes];
            int lane = i % lanes;
            for (int t = 0; t < inputDimension; t++) {
                x[t][lane] = data.input(i, t);
            }
            double[] row = targetRows[i];
            for (int j = 0; j < outputDimension; j++) {
                y[j][lane] = row[j];
            }
        }
        maxAbsInput = new double[blockCount];
        maxAbsTarget = new double[blockCount];
        for (int b = 0; b < blockCount; b++) {
            maxAbsInput[b] = maxAbs(inputs[b]);
            maxAbsTarget[b] = maxAbs(targets[b]);
        }
        rowGroups = RowGroups.of(this);
        int used = lanes(blockCount - 1);
        if (TAIL_FRACTION * used <= lanes && (long) width * outputDimension * used <= TAIL_PATCH_LIMIT) {
            double[][] x = inputs[blockCount - 1];
            double[][] y = targets[blockCount - 1];
            tailPatches = new double[width][outputDimension * used];
            tailTargets = new double[outputDimension * used];
            for (int j = 0; j < outputDimension; j++) {
                System.arraycopy(y[j], 0, tailTargets, j * used, used);
                for (int n = 0; n < width; n++) {
                    System.arraycopy(x[j * stride + n], 0, tailPatches[n], j * used, used);
                }
            }
        } else {
            tailPatches = null;
            tailTargets = null;
        }
    }

    /**
     * The tail block's residuals {@code r[j u + i] = v . p_ij - y_ij} from {@link #tailPatches}, one loop per tap over
     * all of them; only when {@link #tailPatches} is not null.
     *
     * @param v the final filter
     * @param r receives the residuals, at least {@code tailTargets.length} long
     */
    void tailResiduals(double[] v, double[] r) {
        final int count = tailTargets.length;
        for (int q = 0; q < count; q++) {
            r[q] = -tailTargets[q];
        }
        for (int n = 0; n < width; n++) {
            final double vn = v[n];
            final double[] p = tailPatches[n];
            for (int q = 0; q < count; q++) {
                r[q] += vn * p[q];
            }
        }
    }

    /** @return the samples again, from the blocks (a copy: {@code m d_0} values) */
    public Dataset dataset() {
        double[][] x = new double[samples][inputDimension];
        double[][] y = new double[samples][];
        for (int i = 0; i < samples; i++) {
            double[][] block = inputs[i / lanes];
            int lane = i % lanes;
            for (int t = 0; t < inputDimension; t++) {
                x[i][t] = block[t][lane];
            }
            y[i] = targetRows[i].clone();
        }
        return new Dataset(x, y);
    }

    /** @return the largest absolute entry, NaN if there is one */
    private static double maxAbs(double[][] rows) {
        double max = 0.0;
        for (double[] row : rows) {
            for (double x : row) {
                max = Math.max(max, Math.abs(x));
            }
        }
        return max;
    }

    /**
     * A bound on every residual {@code |(V x_i)_j - y_ij|} of block {@code b} as the data pass computes it:
     * {@code ||v||_1 max|x| + max|y|}, enlarged by {@code 1e-9} for the rounding of the sums (at most
     * {@code k_v + 1} roundings of a unit {@code 1.1e-16}, for {@code k_v} up to about a million).
     *
     * @param filterNorm {@code ||v||_1}
     * @param b          the block
     * @return the bound; infinite or NaN when the data or filter are not finite
     */
    double residualBound(double filterNorm, int b) {
        return (filterNorm * maxAbsInput[b] + maxAbsTarget[b]) * (1 + 1e-9);
    }

    /**
     * @param architecture the network; the data must fit it
     * @param data         the data
     * @return the data in blocks
     */
    public static SampleBlocks of(Architecture architecture, Dataset data) {
        data.requireFits(architecture);
        return new SampleBlocks(architecture, data);
    }

    /** @return the number of real (not padding) samples in block {@code b}, at most {@link #lanes} */
    int lanes(int b) {
        return Math.min(lanes, samples - b * lanes);
    }

    /** @return one target row per sample (the data's own array, not copied: do not change it) */
    public double[][] targetRows() {
        return targetRows;
    }

    /** @return the multiply-adds of one pass over the data, {@code 2 m_padded d_N k_v} */
    double multiplyAdds() {
        return 2.0 * blockCount * lanes * outputDimension * width;
    }
}
