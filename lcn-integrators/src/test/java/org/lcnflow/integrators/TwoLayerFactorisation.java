package org.lcnflow.integrators;

import org.lcnflow.api.GradientField;

/**
 * A small nonlinear test field, a two-layer linear convolutional network written out by hand: input
 * dimension 3, filter widths {@code k = (2, 2)}, strides 1, so the network's final filter is the
 * polynomial product {@code v = a * b = (a0 b0, a0 b1 + a1 b0, a1 b1)} (Prop. 2.1), and the square loss
 * {@code L(a, b) = sum_i (v . x_i - y_i)^2} (eq. (1.5)) on four fixed samples. Parameters
 * {@code w = (a0, a1, b0, b1)}. Gradient by the chain rule: {@code G = dL/dv = 2 sum_i r_i x_i} with
 * {@code r_i = v . x_i - y_i}, {@code dL/da_j = sum_k G_{j+k} b_k}, {@code dL/db_k = sum_j G_{j+k} a_j}.
 */
public final class TwoLayerFactorisation implements GradientField {

    /** Samples, one per row. */
    private static final double[][] X = {
        {1.0, 0.5, -0.3},
        {-0.2, 1.0, 0.4},
        {0.7, -0.6, 1.0},
        {0.3, 0.8, -0.5}};
    /** Targets: roughly {@code (0.6, -0.2, 0.3) . x_i}, perturbed so that no filter fits exactly. */
    private static final double[] Y = {0.61, -0.33, 0.83, -0.13};

    /** A generic starting point, away from the critical set {@code a = b = 0}. */
    public static final double[] W0 = {0.8, 0.3, 0.5, -0.4};

    @Override
    public int dimension() {
        return 4;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double a0 = w[0];
        double a1 = w[1];
        double b0 = w[2];
        double b1 = w[3];
        double v0 = a0 * b0;
        double v1 = a0 * b1 + a1 * b0;
        double v2 = a1 * b1;
        double value = 0;
        double g0 = 0;
        double g1 = 0;
        double g2 = 0;
        for (int i = 0; i < X.length; i++) {
            double r = v0 * X[i][0] + v1 * X[i][1] + v2 * X[i][2] - Y[i];
            value += r * r;
            g0 += 2 * r * X[i][0];
            g1 += 2 * r * X[i][1];
            g2 += 2 * r * X[i][2];
        }
        gradient[0] = g0 * b0 + g1 * b1;
        gradient[1] = g1 * b0 + g2 * b1;
        gradient[2] = g0 * a0 + g1 * a1;
        gradient[3] = g1 * a0 + g2 * a1;
        return value;
    }
}
