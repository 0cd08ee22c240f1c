package org.lcnflow.core.network;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.lcnflow.api.Architecture;

/**
 * Dense convolution matrices, for checks, small problems and the Hessian: the layer matrix of eq. (1.1)
 * and the network matrix {@code V = W_N ... W_1}. The training path never forms them.
 */
public final class ConvolutionMatrices {

    private ConvolutionMatrices() {
    }

    /**
     * The matrix of a valid convolution (eq. (1.1)): {@code W[j, j s + n] = filter[n]} (0-based), all
     * else 0, of size {@code d_out x inputDimension} with {@code d_out = (inputDimension - width)/stride + 1}.
     *
     * @param inputDimension the input dimension
     * @param width          the filter width
     * @param stride         the stride
     * @param filter         the filter, length {@code width}
     * @return the matrix
     * @throws IllegalArgumentException when the numbers violate eq. (1.2)
     */
    public static DMatrixRMaj layer(int inputDimension, int width, int stride, double[] filter) {
        Objects.requireNonNull(filter, "filter is null");
        if (filter.length != width) {
            throw new IllegalArgumentException("the filter has " + filter.length + " coefficients, expected width "
                    + width);
        }
        Architecture single = Architecture.of(inputDimension, new int[] {width}, new int[] {stride});
        int rows = single.outputDimension();
        DMatrixRMaj matrix = new DMatrixRMaj(rows, inputDimension);
        for (int j = 0; j < rows; j++) {
            for (int n = 0; n < width; n++) {
                matrix.unsafe_set(j, j * stride + n, filter[n]);
            }
        }
        return matrix;
    }

    /**
     * The network matrix {@code V = W_N ... W_1} ({@code d_N x d_0}), formed by multiplying the layer
     * matrices from the output side so every intermediate product has {@code d_N} rows.
     *
     * @param architecture the network
     * @param w            the concatenated layer filters
     * @return {@code V}
     */
    public static DMatrixRMaj network(Architecture architecture, double[] w) {
        LayerPolynomials.requireParameters(architecture, w);
        int last = architecture.depth() - 1;
        DMatrixRMaj product = layerOf(architecture, w, last);
        for (int i = last - 1; i >= 0; i--) {
            DMatrixRMaj factor = layerOf(architecture, w, i);
            DMatrixRMaj next = new DMatrixRMaj(product.numRows, factor.numCols);
            CommonOps_DDRM.mult(product, factor, next);
            product = next;
        }
        return product;
    }

    private static DMatrixRMaj layerOf(Architecture architecture, double[] w, int i) {
        return layer(architecture.dimension(i), architecture.width(i), architecture.stride(i),
                LayerPolynomials.layerFilter(architecture, w, i));
    }
}
