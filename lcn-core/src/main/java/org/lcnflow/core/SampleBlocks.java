package org.lcnflow.core;

import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;

/**
 * The training data in blocks of {@link #LANES} samples, each sample in one lane: block {@code b} holds
 * {@code inputs[b][t][i] = x_{b LANES + i}[t]} and {@code targets[b][j][i] = y_{b LANES + i}[j]}, the
 * last block padded with zero samples. Every loop of the data pass then runs over the lanes of two or
 * three rows with the same index, which the JIT compiles to vector instructions whatever the stride
 * {@code s_v}: the row of a patch entry, {@code j s_v + n}, only selects arrays. Immutable once built and
 * shared read-only by every fork of a risk.
 */
final class SampleBlocks {

    /** Samples per block: the vector loops' trip count, and the unit of the fixed chunking. */
    static final int LANES = 64;

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

    private SampleBlocks(Architecture architecture, Dataset data) {
        samples = data.sampleCount();
        blockCount = (samples + LANES - 1) / LANES;
        inputDimension = architecture.inputDimension();
        outputDimension = architecture.outputDimension();
        stride = architecture.finalStride();
        width = architecture.finalWidth();
        inputs = new double[blockCount][inputDimension][LANES];
        targets = new double[blockCount][outputDimension][LANES];
        targetRows = data.targets();
        for (int i = 0; i < samples; i++) {
            double[][] x = inputs[i / LANES];
            double[][] y = targets[i / LANES];
            int lane = i % LANES;
            for (int t = 0; t < inputDimension; t++) {
                x[t][lane] = data.input(i, t);
            }
            double[] row = targetRows[i];
            for (int j = 0; j < outputDimension; j++) {
                y[j][lane] = row[j];
            }
        }
    }

    /**
     * @param architecture the network; the data must fit it
     * @param data         the data
     * @return the data in blocks
     */
    static SampleBlocks of(Architecture architecture, Dataset data) {
        data.requireFits(architecture);
        return new SampleBlocks(architecture, data);
    }

    /** @return the number of real (not padding) samples in block {@code b} */
    int lanes(int b) {
        return Math.min(LANES, samples - b * LANES);
    }

    /** @return the multiply-adds of one pass over the data, {@code 2 m_padded d_N k_v} */
    double multiplyAdds() {
        return 2.0 * blockCount * LANES * outputDimension * width;
    }
}
