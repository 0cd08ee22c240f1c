package org.lcnflow.core.testing;

import java.util.Random;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;

/** Random valid architectures, filters and data for tests, built from a seed. */
public final class RandomLcn {

    private RandomLcn() {
    }

    /**
     * A valid architecture: dimensions are built backwards from a random output dimension, so eq. (1.2)
     * holds by construction, {@code d_{i-1} = (d_i - 1) s_i + k_i}.
     */
    public static Architecture architecture(Random random, int maxDepth, int maxWidth, int maxStride, int maxOutput) {
        int depth = 1 + random.nextInt(maxDepth);
        int[] widths = new int[depth];
        int[] strides = new int[depth];
        int d = 1 + random.nextInt(maxOutput);
        for (int i = depth - 1; i >= 0; i--) {
            widths[i] = 1 + random.nextInt(maxWidth);
            strides[i] = 1 + random.nextInt(maxStride);
            d = (d - 1) * strides[i] + widths[i];
        }
        return Architecture.of(d, widths, strides);
    }

    /** Small integer filters in [-3, 3]: every product below is exact in double arithmetic. */
    public static double[] integerFilters(Architecture architecture, Random random) {
        double[] w = new double[architecture.parameterCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextInt(7) - 3;
        }
        return w;
    }

    public static double[] gaussian(int length, double scale, Random random) {
        double[] w = new double[length];
        for (int i = 0; i < w.length; i++) {
            w[i] = scale * random.nextGaussian();
        }
        return w;
    }

    public static Dataset data(Architecture architecture, int samples, Random random) {
        double[][] x = new double[samples][];
        double[][] y = new double[samples][];
        for (int i = 0; i < samples; i++) {
            x[i] = gaussian(architecture.inputDimension(), 1.0, random);
            y[i] = gaussian(architecture.outputDimension(), 1.0, random);
        }
        return new Dataset(x, y);
    }
}
