package org.lcnflow.core.network;

import java.util.Arrays;
import java.util.Objects;
import org.lcnflow.api.Architecture;

/**
 * The final filter {@code v} of a network: the network matrix {@code V = W_N ... W_1} is the convolution
 * with filter {@code v}, width {@code k_v} and stride {@code s_v} (Prop. 1.1), and {@code v} holds the
 * coefficients of {@code prod_i p~_i(x)} (Prop. 2.1), constant term first. Computed by the polynomial
 * product, never by forming {@code V}. Immutable; arrays are copied in and out.
 */
public final class FinalFilter {

    private final double[] coefficients;
    private final int stride;

    private FinalFilter(double[] coefficients, int stride) {
        this.coefficients = coefficients;
        this.stride = stride;
    }

    /**
     * @param architecture the network
     * @param w            the concatenated layer filters, length {@code sum k_i}
     * @return the final filter {@code v = pi(w)}
     * @throws IllegalArgumentException when {@code w} has the wrong length
     */
    public static FinalFilter of(Architecture architecture, double[] w) {
        LayerPolynomials.requireParameters(architecture, w);
        PolynomialChain chain = new PolynomialChain(architecture);
        return new FinalFilter(chain.forward(w).clone(), architecture.finalStride());
    }

    /**
     * @param coefficients the filter {@code v}
     * @param stride       its stride {@code s_v}
     * @return the value
     */
    public static FinalFilter of(double[] coefficients, int stride) {
        Objects.requireNonNull(coefficients, "coefficients is null");
        if (coefficients.length == 0 || stride < 1) {
            throw new IllegalArgumentException("a final filter needs at least one coefficient and a stride >= 1, got "
                    + coefficients.length + " coefficients and stride " + stride);
        }
        return new FinalFilter(coefficients.clone(), stride);
    }

    /** @return {@code v}, a fresh array of length {@code k_v} */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * @param n 0-based index
     * @return {@code v_n}
     */
    public double get(int n) {
        return coefficients[n];
    }

    /** @return {@code k_v} */
    public int width() {
        return coefficients.length;
    }

    /** @return {@code s_v} */
    public int stride() {
        return stride;
    }

    /** @return {@code ||v||_1}, the quantity bounded by Lemma 3.6 */
    public double l1Norm() {
        double sum = 0.0;
        for (double c : coefficients) {
            sum += Math.abs(c);
        }
        return sum;
    }

    /** @return {@code v} as a polynomial */
    public Polynomial polynomial() {
        return Polynomial.of(coefficients);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FinalFilter && stride == ((FinalFilter) other).stride
                && Arrays.equals(coefficients, ((FinalFilter) other).coefficients);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(coefficients) + stride;
    }

    @Override
    public String toString() {
        return "FinalFilter(v=" + Arrays.toString(coefficients) + ", stride=" + stride + ")";
    }
}
