package org.lcnflow.core;

import java.util.Arrays;
import java.util.Objects;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.Loss;
import org.lcnflow.api.SeparableLoss;

/**
 * The empirical risk {@code L(w) = sum_{i=1..m} loss(V x_i, y_i)} of an LCN (eq. (1.3)) as a
 * {@link GradientField}: value and exact gradient through the final filter, without forming {@code V}.
 *
 * <p>Per call: {@code v = prod p~_i} (Prop. 2.1); for every sample {@code z_j = sum_n v_n x_{j s_v + n}};
 * {@code G = dloss/dz}; {@code dL/dv_n = sum_i sum_j G[j, i] x_{j s_v + n, i}}; then {@code dL/dw} by the
 * adjoint of the polynomial product (see {@link PolynomialChain}). No allocation per call.
 *
 * <p>The data are copied at construction and shared, read-only, by {@link #fork() forks}; one instance
 * keeps work space and is not thread-safe: give each thread its own fork.
 */
public final class EmpiricalRisk implements GradientField {

    private final Architecture architecture;
    private final Loss loss;
    private final SeparableLoss separable;
    private final int samples;
    private final int inputDimension;
    private final int outputDimension;
    private final int stride;
    private final int width;
    private final double[] inputs;
    private final double[][] targets;

    private final PolynomialChain chain;
    private final double[] z;
    private final double[] g;
    private final double[] dv;

    private EmpiricalRisk(Architecture architecture, Loss loss, double[] inputs, double[][] targets) {
        this.architecture = architecture;
        this.loss = loss;
        this.separable = loss instanceof SeparableLoss ? (SeparableLoss) loss : null;
        this.samples = targets.length;
        this.inputDimension = architecture.inputDimension();
        this.outputDimension = architecture.outputDimension();
        this.stride = architecture.finalStride();
        this.width = architecture.finalWidth();
        this.inputs = inputs;
        this.targets = targets;
        this.chain = new PolynomialChain(architecture);
        this.z = new double[outputDimension];
        this.g = new double[outputDimension];
        this.dv = new double[width];
    }

    /**
     * @param architecture the network
     * @param data         the training data; {@code d_0} and {@code d_N} must match the architecture
     * @param loss         the loss
     * @return the empirical risk
     * @throws IllegalArgumentException when the data's dimensions do not fit, naming both numbers
     */
    public static EmpiricalRisk of(Architecture architecture, Dataset data, Loss loss) {
        Objects.requireNonNull(architecture, "architecture is null");
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(loss, "loss is null");
        data.requireFits(architecture);
        int m = data.sampleCount();
        int d0 = architecture.inputDimension();
        double[] flat = new double[Math.multiplyExact(m, d0)];
        double[][] y = data.targets();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d0; j++) {
                flat[i * d0 + j] = data.input(i, j);
            }
        }
        return new EmpiricalRisk(architecture, loss, flat, y);
    }

    /** @return a risk on the same (shared, read-only) data with its own work space, for another thread */
    public EmpiricalRisk fork() {
        return new EmpiricalRisk(architecture, loss, inputs, targets);
    }

    /** @return the architecture */
    public Architecture architecture() {
        return architecture;
    }

    /** @return the loss */
    public Loss loss() {
        return loss;
    }

    /** @return the number of samples {@code m} */
    public int sampleCount() {
        return samples;
    }

    /** @return {@code sum k_i} */
    @Override
    public int dimension() {
        return architecture.parameterCount();
    }

    /**
     * @param w the concatenated layer filters
     * @return {@code L(w)}
     */
    public double value(double[] w) {
        requireLength(w, "w");
        double[] v = chain.forward(w);
        double total = 0.0;
        for (int i = 0; i < samples; i++) {
            total += sampleValue(v, i);
        }
        return total;
    }

    /**
     * @param w the concatenated layer filters
     * @return the final filter {@code v} at {@code w}
     */
    public FinalFilter finalFilter(double[] w) {
        return FinalFilter.of(architecture, w);
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        requireLength(w, "w");
        requireLength(gradient, "gradient");
        double[] v = chain.forward(w);
        Arrays.fill(dv, 0.0);
        double total = 0.0;
        for (int i = 0; i < samples; i++) {
            total += sampleValue(v, i);
            if (separable != null) {
                double[] y = targets[i];
                for (int j = 0; j < outputDimension; j++) {
                    g[j] = separable.phiPrime(z[j] - y[j]);
                }
            } else {
                loss.gradient(z, targets[i], g);
            }
            int base = i * inputDimension;
            for (int j = 0; j < outputDimension; j++) {
                double gj = g[j];
                int start = base + j * stride;
                for (int n = 0; n < width; n++) {
                    dv[n] += gj * inputs[start + n];
                }
            }
        }
        chain.backward(w, dv, gradient);
        return total;
    }

    /** Computes {@code z = V x_i} into the work space and returns {@code loss(z, y_i)}. */
    private double sampleValue(double[] v, int i) {
        int base = i * inputDimension;
        for (int j = 0; j < outputDimension; j++) {
            int start = base + j * stride;
            double sum = 0.0;
            for (int n = 0; n < width; n++) {
                sum += v[n] * inputs[start + n];
            }
            z[j] = sum;
        }
        double[] y = targets[i];
        if (separable != null) {
            double value = 0.0;
            for (int j = 0; j < outputDimension; j++) {
                value += separable.phi(z[j] - y[j]);
            }
            return value;
        }
        return loss.value(z, y);
    }

    private void requireLength(double[] array, String name) {
        if (array == null) {
            throw new NullPointerException(name + " is null");
        }
        if (array.length != architecture.parameterCount()) {
            throw new IllegalArgumentException(name + " has length " + array.length + " but " + architecture
                    + " has sum k_i = " + architecture.parameterCount() + " parameters");
        }
    }

    @Override
    public String toString() {
        return "EmpiricalRisk(" + architecture + ", samples=" + samples + ", loss=" + loss + ")";
    }
}
