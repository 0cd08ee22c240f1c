package org.lcnflow.core.endpoint;

import java.util.Arrays;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.core.network.ChainHessian;
import org.lcnflow.core.network.LayerPolynomials;

/**
 * The exact Hessian of the empirical risk {@code L(w) = l(v(w))} (eq. (1.3)) at a point {@code w}, from the
 * loss's second derivative {@code phi''} and the second derivatives of the polynomial product
 * {@code v = prod_i p~_i} (Prop. 2.1); no finite differences. With {@code J = dv/dw} ({@code k_v x kbar}) and
 * {@code g_v = dl/dv}:
 *
 * <pre>
 *   d^2 L / dw dw = J^T H_v J + sum_n (g_v)_n d^2 v_n / dw dw,     H_v = sum_ij phi''(r_ij) p_ij p_ij^T,
 * </pre>
 *
 * where {@code p_ij} are the stride-{@code s_v} input patches of width {@code k_v} ({@link FunctionSpaceRisk}).
 * <ul>
 *   <li>Column {@code (i, a)} of {@code J} ({@code a}-th coefficient of layer {@code i}) holds the coefficients
 *       of {@code x^(a S_i) Q_i} with {@code Q_i = prod_{l != i} p~_l} and {@code S_i} the layer's exponent
 *       step (eq. (2.1)): {@code J[n][(i, a)] = Q_i[n - a S_i]}.</li>
 *   <li>{@code v} is linear in each layer, so the same-layer blocks of the second term vanish; for layers
 *       {@code i != l}, {@code d^2 v / dw^(i)_a dw^(l)_b = x^(a S_i + b S_l) R_il} with
 *       {@code R_il = prod_{m != i, l} p~_m}, so the block entry is
 *       {@code sum_c g_v[c + a S_i + b S_l] R_il[c]}.</li>
 * </ul>
 * The matrix is {@link ChainHessian}'s (the risk's own Hessian uses the same code). The Gauss-Newton part costs
 * one pass over the data for {@code H_v} ({@code O(m d_N k_v^2)}), the rest is
 * polynomial arithmetic. Computed once at the end of a run; allocates freely. Immutable; arrays are copied
 * in and out.
 */
public final class Hessian {

    private final Architecture architecture;
    private final double[] parameters;
    private final double[] finalFilter;
    private final double value;
    private final double[] gradient;
    private final double[] finalFilterGradient;
    private final double[][] jacobian;
    private final double[][] matrix;

    private Hessian(Architecture architecture, double[] parameters, double[] finalFilter, double value,
                    double[] gradient, double[] finalFilterGradient, double[][] jacobian, double[][] matrix) {
        this.architecture = architecture;
        this.parameters = parameters;
        this.finalFilter = finalFilter;
        this.value = value;
        this.gradient = gradient;
        this.finalFilterGradient = finalFilterGradient;
        this.jacobian = jacobian;
        this.matrix = matrix;
    }

    /**
     * @param architecture the network
     * @param data         the training data
     * @param loss         the loss; its {@code phi''} gives the Gauss-Newton part
     * @param w            the concatenated layer filters
     * @return the Hessian of {@code L} at {@code w}
     * @throws IllegalArgumentException when {@code phi''} is not finite at some residual (the risk is not twice
     *                                  differentiable there, e.g. {@code lp} with {@code p < 2} at a zero
     *                                  residual), naming the sample and coordinate
     */
    public static Hessian of(Architecture architecture, Dataset data, SeparableLoss loss, double[] w) {
        return of(FunctionSpaceRisk.of(architecture, data, loss), w);
    }

    /**
     * @param risk the risk as a function of the final filter (its architecture is the network's)
     * @param w    the concatenated layer filters
     * @return the Hessian of {@code L} at {@code w}: {@code J^T H_v J} plus {@code dl/dv} against the second
     *         derivatives of {@code v(w)}
     * @throws IllegalArgumentException when the loss is not separable or {@code phi''} is not finite at some
     *                                  residual, naming the sample and coordinate
     */
    public static Hessian of(FinalFilterRisk risk, double[] w) {
        Architecture architecture = risk.architecture();
        LayerPolynomials.requireParameters(architecture, w);
        if (!(risk.loss() instanceof SeparableLoss)) {
            throw new IllegalArgumentException("the Hessian needs the loss's second derivative phi'', but "
                    + risk.loss() + " is not a SeparableLoss");
        }
        double[][] layers = layerCoefficients(architecture, w);
        double[] v = product(layers, -1, -1);
        double[][] hv;
        try {
            hv = risk.hessian(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the risk is not twice differentiable at w: " + e.getMessage(), e);
        }
        double[] gv = risk.gradient(v);
        double[][] j = jacobian(architecture, layers);
        int kv = v.length;
        int kbar = w.length;

        double[] gradient = new double[kbar];
        for (int c = 0; c < kbar; c++) {
            double sum = 0.0;
            for (int n = 0; n < kv; n++) {
                sum += j[n][c] * gv[n];
            }
            gradient[c] = sum;
        }
        double[] flatCurvature = new double[kv * kv];
        for (int n = 0; n < kv; n++) {
            System.arraycopy(hv[n], 0, flatCurvature, n * kv, kv);
        }
        double[] flat = new double[kbar * kbar];
        new ChainHessian(architecture).hessian(w, gv, flatCurvature, flat);
        double[][] matrix = new double[kbar][kbar];
        for (int r = 0; r < kbar; r++) {
            System.arraycopy(flat, r * kbar, matrix[r], 0, kbar);
        }
        return new Hessian(architecture, w.clone(), v, risk.value(v), gradient, gv, j, matrix);
    }

    /** @return the coefficients of every layer polynomial {@code p~_i} (eq. (2.1)) */
    static double[][] layerCoefficients(Architecture architecture, double[] w) {
        double[][] layers = new double[architecture.depth()][];
        for (int i = 0; i < layers.length; i++) {
            int spacing = architecture.cumulativeStride(i);
            double[] c = new double[(architecture.width(i) - 1) * spacing + 1];
            for (int a = 0; a < architecture.width(i); a++) {
                c[a * spacing] = w[architecture.offset(i) + a];
            }
            layers[i] = c;
        }
        return layers;
    }

    /** @return the product of all layer polynomials but {@code skip1} and {@code skip2} (-1: skip none) */
    static double[] product(double[][] layers, int skip1, int skip2) {
        double[] result = {1.0};
        for (int i = 0; i < layers.length; i++) {
            if (i == skip1 || i == skip2) {
                continue;
            }
            double[] p = layers[i];
            double[] next = new double[result.length + p.length - 1];
            for (int a = 0; a < result.length; a++) {
                double ra = result[a];
                if (ra == 0.0) {
                    continue;
                }
                for (int b = 0; b < p.length; b++) {
                    next[a + b] += ra * p[b];
                }
            }
            result = next;
        }
        return result;
    }

    /** @return {@code J = dv/dw}, {@code k_v x kbar}: column {@code (i, a)} is {@code x^(a S_i) Q_i} */
    static double[][] jacobian(Architecture architecture, double[][] layers) {
        int kv = architecture.finalWidth();
        double[][] j = new double[kv][architecture.parameterCount()];
        for (int i = 0; i < layers.length; i++) {
            double[] q = product(layers, i, -1);
            int spacing = architecture.cumulativeStride(i);
            for (int a = 0; a < architecture.width(i); a++) {
                int column = architecture.offset(i) + a;
                for (int c = 0; c < q.length; c++) {
                    j[c + a * spacing][column] = q[c];
                }
            }
        }
        return j;
    }

    /** @return the architecture */
    public Architecture architecture() {
        return architecture;
    }

    /** @return {@code kbar = sum k_i}, the size of the matrix */
    public int dimension() {
        return parameters.length;
    }

    /** @return the point {@code w}, a copy */
    public double[] parameters() {
        return parameters.clone();
    }

    /** @return {@code L(w)} */
    public double value() {
        return value;
    }

    /** @return {@code grad L(w) = J^T g_v}, a copy */
    public double[] gradient() {
        return gradient.clone();
    }

    /** @return {@code ||grad L(w)||_2} */
    public double gradientNorm() {
        return norm(gradient);
    }

    /** @return the final filter {@code v(w)}, a copy */
    public double[] finalFilter() {
        return finalFilter.clone();
    }

    /** @return {@code g_v = dl/dv} at {@code v(w)}, the gradient in function space, a copy */
    public double[] finalFilterGradient() {
        return finalFilterGradient.clone();
    }

    /** @return {@code J = dv/dw}, {@code k_v x kbar}, a copy */
    public double[][] jacobian() {
        return copy(jacobian);
    }

    /** @return the symmetric Hessian matrix, {@code kbar x kbar}, a copy */
    public double[][] matrix() {
        return copy(matrix);
    }

    /**
     * @param row    0-based row, a parameter index in {@code w}
     * @param column 0-based column
     * @return {@code d^2 L / dw_row dw_column}
     */
    public double entry(int row, int column) {
        return matrix[row][column];
    }

    static double norm(double[] x) {
        return org.lcnflow.api.VectorNorms.euclidean(x);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Override
    public String toString() {
        return "Hessian(" + architecture + ", L=" + value + ", |grad|=" + gradientNorm() + ", w="
                + Arrays.toString(parameters) + ")";
    }
}
