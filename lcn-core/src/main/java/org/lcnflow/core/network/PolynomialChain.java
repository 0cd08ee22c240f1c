package org.lcnflow.core.network;

import org.lcnflow.api.Architecture;

/**
 * The map {@code w -> v = prod_i p~_i} (Prop. 2.1) and its adjoint, on preallocated work space: the hot
 * path of every gradient. Not thread-safe (one per thread); allocates nothing after construction.
 *
 * <p>Forward: prefix products {@code P_0 = 1}, {@code P_{i+1} = P_i p~_i}; since {@code p~_i} has only
 * {@code k_i} non-zero coefficients spaced {@code S_i} apart, each product costs {@code k_i |P_i|}.
 *
 * <p>Backward (reverse mode, equivalent to DESIGN.md's {@code dL/dw^(i)_j = sum_n (dL/dv_n) Q_i[n - j S_i]}
 * with {@code Q_i = prod_{l != i} p~_l}, but without forming the {@code Q_i}): with
 * {@code D = dL/dv} and the suffix products {@code U_i = prod_{l > i} p~_l}, let
 * {@code R_i[m] = sum_n D[n] U_i[n - m]}. Then {@code R_{N-1} = D},
 * {@code R_{i-1}[m] = sum_j w^(i)_j R_i[m + j S_i]} and
 * {@code dL/dw^(i)_j = sum_a P_i[a] R_i[a + j S_i]}: {@code O(sum_i k_i k_v)} in all.
 */
public final class PolynomialChain {

    private final int depth;
    private final int[] widths;
    private final int[] spacings;
    private final int[] offsets;
    private final double[][] prefix;
    private final double[][] adjoint;

    public PolynomialChain(Architecture architecture) {
        depth = architecture.depth();
        widths = architecture.widths();
        spacings = new int[depth];
        offsets = new int[depth];
        prefix = new double[depth + 1][];
        adjoint = new double[depth][];
        prefix[0] = new double[] {1.0};
        for (int i = 0; i < depth; i++) {
            spacings[i] = architecture.cumulativeStride(i);
            offsets[i] = architecture.offset(i);
            prefix[i + 1] = new double[prefix[i].length + (widths[i] - 1) * spacings[i]];
            adjoint[i] = new double[prefix[i + 1].length];
        }
    }

    /**
     * @param w the concatenated layer filters
     * @return the final filter {@code v}, the chain's own buffer (valid until the next call)
     */
    public double[] forward(double[] w) {
        for (int i = 0; i < depth; i++) {
            double[] in = prefix[i];
            double[] out = prefix[i + 1];
            java.util.Arrays.fill(out, 0.0);
            int k = widths[i];
            int spacing = spacings[i];
            int offset = offsets[i];
            for (int j = 0; j < k; j++) {
                double wj = w[offset + j];
                int shift = j * spacing;
                for (int a = 0; a < in.length; a++) {
                    out[a + shift] += wj * in[a];
                }
            }
        }
        return prefix[depth];
    }

    /** @return the final filter of the last {@link #forward} call (the chain's own buffer) */
    public double[] finalFilter() {
        return prefix[depth];
    }

    /**
     * Pulls {@code dL/dv} back to {@code dL/dw}. Requires {@link #forward} at the same {@code w} first.
     *
     * @param w        the concatenated layer filters
     * @param dv       {@code dL/dv}, length {@code k_v}
     * @param gradient receives {@code dL/dw}, length {@code sum k_i}
     */
    public void backward(double[] w, double[] dv, double[] gradient) {
        System.arraycopy(dv, 0, adjoint[depth - 1], 0, dv.length);
        for (int i = depth - 1; i >= 0; i--) {
            double[] r = adjoint[i];
            double[] p = prefix[i];
            int k = widths[i];
            int spacing = spacings[i];
            int offset = offsets[i];
            for (int j = 0; j < k; j++) {
                int shift = j * spacing;
                double sum = 0.0;
                for (int a = 0; a < p.length; a++) {
                    sum += p[a] * r[a + shift];
                }
                gradient[offset + j] = sum;
            }
            if (i > 0) {
                double[] next = adjoint[i - 1];
                java.util.Arrays.fill(next, 0.0);
                for (int j = 0; j < k; j++) {
                    double wj = w[offset + j];
                    int shift = j * spacing;
                    for (int m = 0; m < next.length; m++) {
                        next[m] += wj * r[m + shift];
                    }
                }
            }
        }
    }
}
