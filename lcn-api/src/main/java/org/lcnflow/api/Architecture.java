package org.lcnflow.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * The architecture {@code (d, k, s)} of a linear convolutional network of depth {@code N}: the input
 * dimension {@code d0}, the filter widths {@code k_1..k_N} and the strides {@code s_1..s_N}.
 *
 * <p>The layer dimensions are derived by eq. (1.2) of the paper, {@code d_i = (d_{i-1} - k_i) / s_i + 1},
 * which must be a positive integer for every layer. Layer {@code i} is the valid convolution of eq. (1.1);
 * the network matrix {@code V = W_N ... W_1} is again a convolution (Prop. 1.1) with stride
 * {@code s_v = prod s_i} and width {@code k_v = k_1 + sum_{i>=2} (k_i - 1) prod_{m<i} s_m}.
 *
 * <p>Indices in this API are 0-based: layer {@code 0} is the paper's layer 1. The parameter vector
 * {@code w} of a network is always the concatenation of the layer filters in layer order, so layer
 * {@code i}'s filter occupies {@code w[offset(i) .. offset(i) + width(i) - 1]}.
 *
 * <p>Immutable and thread-safe; arrays are copied in and out.
 */
public final class Architecture {

    private final int[] dimensions;
    private final int[] widths;
    private final int[] strides;
    private final int[] offsets;
    private final int[] cumulativeStrides;
    private final int finalWidth;
    private final int finalStride;
    private final int parameterCount;

    private Architecture(int[] dimensions, int[] widths, int[] strides, int[] offsets,
                         int[] cumulativeStrides, int finalWidth, int parameterCount) {
        this.dimensions = dimensions;
        this.widths = widths;
        this.strides = strides;
        this.offsets = offsets;
        this.cumulativeStrides = cumulativeStrides;
        this.finalWidth = finalWidth;
        this.finalStride = cumulativeStrides[widths.length];
        this.parameterCount = parameterCount;
    }

    /**
     * Validates and creates an architecture.
     *
     * @param d0      the input dimension, at least 1
     * @param widths  the filter widths {@code k_1..k_N}, each at least 1, at least one layer
     * @param strides the strides {@code s_1..s_N}, each at least 1, as many as widths
     * @return the architecture
     * @throws IllegalArgumentException when a number is out of range or eq. (1.2) gives a layer
     *                                  dimension that is not a positive integer; the message names the
     *                                  layer (1-based, as in the paper) and the numbers
     */
    public static Architecture of(int d0, int[] widths, int[] strides) {
        Objects.requireNonNull(widths, "widths is null");
        Objects.requireNonNull(strides, "strides is null");
        int depth = widths.length;
        if (depth == 0) {
            throw new IllegalArgumentException("an architecture needs at least one layer, got no widths");
        }
        if (strides.length != depth) {
            throw new IllegalArgumentException("widths and strides must have the same length (one per layer), got "
                    + depth + " widths " + Arrays.toString(widths) + " and " + strides.length + " strides "
                    + Arrays.toString(strides));
        }
        if (d0 < 1) {
            throw new IllegalArgumentException("input dimension d0 must be >= 1, got " + d0);
        }
        int[] k = widths.clone();
        int[] s = strides.clone();
        int[] d = new int[depth + 1];
        int[] offsets = new int[depth];
        int[] cumulative = new int[depth + 1];
        d[0] = d0;
        cumulative[0] = 1;
        long finalWidth = 1;
        long params = 0;
        for (int i = 0; i < depth; i++) {
            int layer = i + 1;
            if (k[i] < 1) {
                throw new IllegalArgumentException("layer " + layer + ": filter width k" + layer
                        + " must be >= 1, got " + k[i]);
            }
            if (s[i] < 1) {
                throw new IllegalArgumentException("layer " + layer + ": stride s" + layer
                        + " must be >= 1, got " + s[i]);
            }
            int previous = d[i];
            if (k[i] > previous) {
                throw new IllegalArgumentException("layer " + layer + ": filter width k" + layer + " = " + k[i]
                        + " exceeds the layer's input dimension d" + i + " = " + previous
                        + " (a valid convolution needs k_i <= d_{i-1}, eq. (1.2))");
            }
            int span = previous - k[i];
            if (span % s[i] != 0) {
                throw new IllegalArgumentException("layer " + layer + ": d" + layer + " = (d" + i + " - k" + layer
                        + ")/s" + layer + " + 1 = (" + previous + " - " + k[i] + ")/" + s[i] + " + 1 = "
                        + (span / (double) s[i] + 1) + " is not an integer (eq. (1.2)); " + previous + " - " + k[i]
                        + " = " + span + " must be a multiple of the stride " + s[i]);
            }
            d[i + 1] = span / s[i] + 1;
            offsets[i] = (int) params;
            params += k[i];
            finalWidth += (long) (k[i] - 1) * cumulative[i];
            long nextStride = (long) cumulative[i] * s[i];
            if (nextStride > Integer.MAX_VALUE || finalWidth > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("layer " + layer + ": the product of strides or the final filter"
                        + " width exceeds " + Integer.MAX_VALUE);
            }
            cumulative[i + 1] = (int) nextStride;
        }
        return new Architecture(d, k, s, offsets, cumulative, (int) finalWidth, (int) params);
    }

    /** @return the depth {@code N}, the number of layers */
    public int depth() {
        return widths.length;
    }

    /** @return the dimensions {@code d_0, ..., d_N} of eq. (1.2), a fresh array of length {@code N + 1} */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /** @return the filter widths {@code k_1..k_N}, a fresh array */
    public int[] widths() {
        return widths.clone();
    }

    /** @return the strides {@code s_1..s_N}, a fresh array */
    public int[] strides() {
        return strides.clone();
    }

    /**
     * @param layer 0-based layer index
     * @return the filter width of that layer ({@code k_{layer+1}} in the paper's numbering)
     */
    public int width(int layer) {
        return widths[layer];
    }

    /**
     * @param layer 0-based layer index
     * @return the stride of that layer
     */
    public int stride(int layer) {
        return strides[layer];
    }

    /**
     * @param index 0..N
     * @return {@code d_index} of eq. (1.2); {@code dimension(0)} is the input dimension
     */
    public int dimension(int index) {
        return dimensions[index];
    }

    /**
     * @param layer 0-based layer index
     * @return where the layer's filter starts in the concatenated parameter vector {@code w}
     */
    public int offset(int layer) {
        return offsets[layer];
    }

    /**
     * The product of the strides of the layers before {@code layer}: the paper's {@code S_{i-1}} for the
     * 1-based layer {@code i = layer + 1}, the exponent step of the layer polynomial (eq. (2.1)).
     *
     * @param layer 0..N; {@code cumulativeStride(0) = 1} and {@code cumulativeStride(N) = finalStride()}
     * @return {@code prod_{n < layer} s_n}
     */
    public int cumulativeStride(int layer) {
        return cumulativeStrides[layer];
    }

    /** @return the input dimension {@code d_0} */
    public int inputDimension() {
        return dimensions[0];
    }

    /** @return the output dimension {@code d_N} */
    public int outputDimension() {
        return dimensions[dimensions.length - 1];
    }

    /** @return the width {@code k_v} of the final filter (Prop. 1.1) */
    public int finalWidth() {
        return finalWidth;
    }

    /** @return the stride {@code s_v = prod s_i} of the network matrix (Prop. 1.1) */
    public int finalStride() {
        return finalStride;
    }

    /** @return the number of parameters {@code kbar = sum k_i}, the length of {@code w} */
    public int parameterCount() {
        return parameterCount;
    }

    /**
     * Whether this is one of the filling architectures of Kohn et al. (Theorem 4.1 there, quoted after
     * Prop. 1.1 of the paper): all strides 1 and at most one even filter width. Such an architecture
     * represents every final filter in {@code R^{k_v}}.
     *
     * @return true when all strides are 1 and at most one width is even
     */
    public boolean isFilling() {
        int even = 0;
        for (int i = 0; i < widths.length; i++) {
            if (strides[i] != 1) {
                return false;
            }
            if (widths[i] % 2 == 0) {
                even++;
            }
        }
        return even <= 1;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Architecture)) {
            return false;
        }
        Architecture that = (Architecture) other;
        return dimensions[0] == that.dimensions[0]
                && Arrays.equals(widths, that.widths)
                && Arrays.equals(strides, that.strides);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dimensions[0] + Arrays.hashCode(widths)) + Arrays.hashCode(strides);
    }

    /** @return e.g. {@code Architecture(d=[27, 25, 12, 11], k=[3, 3, 2], s=[1, 2, 1])} */
    @Override
    public String toString() {
        return "Architecture(d=" + Arrays.toString(dimensions) + ", k=" + Arrays.toString(widths)
                + ", s=" + Arrays.toString(strides) + ")";
    }
}
