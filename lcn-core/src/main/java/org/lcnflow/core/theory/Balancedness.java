package org.lcnflow.core.theory;

import org.lcnflow.api.Architecture;

/**
 * Balancedness (Lemma 3.3): along the exact gradient flow the differences
 * {@code delta_i = ||w^(i+1)||^2 - ||w^(i)||^2} of squared layer norms are constant, because the risk is
 * invariant under rescaling one layer by {@code kappa} and another by {@code 1/kappa}. How far a
 * numerical run drifts from this measures the integrator's accuracy; explicit Euler changes
 * {@code delta_i} by exactly {@code h^2 (||g_{i+1}||^2 - ||g_i||^2)} per step.
 */
public final class Balancedness {

    private Balancedness() {
    }

    /**
     * @param architecture the network
     * @param w            the concatenated layer filters
     * @param out          receives {@code ||w^(i)||^2} for each layer (length {@code N})
     */
    public static void squaredLayerNorms(Architecture architecture, double[] w, double[] out) {
        for (int i = 0; i < architecture.depth(); i++) {
            int offset = architecture.offset(i);
            double sum = 0.0;
            for (int j = 0; j < architecture.width(i); j++) {
                double x = w[offset + j];
                sum += x * x;
            }
            out[i] = sum;
        }
    }

    /**
     * @param architecture the network
     * @param w            the concatenated layer filters
     * @return {@code ||w^(i)||^2} for each layer, a fresh array of length {@code N}
     */
    public static double[] squaredLayerNorms(Architecture architecture, double[] w) {
        double[] norms = new double[architecture.depth()];
        squaredLayerNorms(architecture, w, norms);
        return norms;
    }

    /**
     * @param architecture the network
     * @param w            the concatenated layer filters
     * @return {@code delta_i = ||w^(i+1)||^2 - ||w^(i)||^2} for {@code i = 0..N-2} (Lemma 3.3), length {@code N - 1}
     */
    public static double[] deltas(Architecture architecture, double[] w) {
        return deltasOf(squaredLayerNorms(architecture, w));
    }

    /**
     * @param squaredNorms {@code ||w^(i)||^2} per layer
     * @return consecutive differences, length {@code N - 1}
     */
    public static double[] deltasOf(double[] squaredNorms) {
        double[] deltas = new double[Math.max(0, squaredNorms.length - 1)];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = squaredNorms[i + 1] - squaredNorms[i];
        }
        return deltas;
    }
}
