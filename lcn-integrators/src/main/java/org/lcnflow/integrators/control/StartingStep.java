package org.lcnflow.integrators.control;

import org.lcnflow.api.GradientField;

/**
 * Hairer's starting step (Hairer, Norsett and Wanner, Solving ODEs I, II.4; the HINIT of DOPRI5, DOP853 and
 * ODEX) for the flow {@code w' = -g(w)}: with the weights {@code sc_j = atol + rtol |w_j|} and RMS norms, a
 * first guess {@code h0 = 0.01 ||w|| / ||g||} ({@code 1e-6} when either is below {@code 1e-5}), one Euler step
 * to {@code w - h0 g} to estimate the second derivative {@code ||g1 - g|| / h0}, then
 * {@code h1 = (0.01 / max(||g||, ||g'||))^exponent} ({@code max(1e-6, 1e-3 h0)} when both are below
 * {@code 1e-15}) and {@code min(100 h0, h1)}, within {@code [minStep, maxStep]}. When the second derivative is
 * not finite the step controller takes over from {@code h0}. Costs one evaluation.
 */
public final class StartingStep {

    private StartingStep() {
    }

    /**
     * @param field    the gradient field
     * @param w        the starting point
     * @param g0       the gradient at {@code w}
     * @param w1       work space of {@code w}'s length (overwritten)
     * @param g1       work space of {@code w}'s length (overwritten)
     * @param rtol     relative tolerance
     * @param atol     absolute tolerance
     * @param minStep  the smallest step
     * @param maxStep  the largest step
     * @param exponent {@code 1/(q+1)} for a local error of order {@code q+1}
     * @return the first step
     */
    public static double select(GradientField field, double[] w, double[] g0, double[] w1, double[] g1, double rtol,
                         double atol, double minStep, double maxStep, double exponent) {
        final int n = w.length;
        final double rms = 1.0 / Math.max(n, 1);
        double d0 = 0;
        double d1 = 0;
        for (int j = 0; j < n; j++) {
            double scale = atol + rtol * Math.abs(w[j]);
            d0 += (w[j] / scale) * (w[j] / scale);
            d1 += (g0[j] / scale) * (g0[j] / scale);
        }
        d0 = Math.sqrt(d0 * rms);
        d1 = Math.sqrt(d1 * rms);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, maxStep);
        for (int j = 0; j < n; j++) {
            w1[j] = w[j] - h0 * g0[j];
        }
        field.valueAndGradient(w1, g1);
        double d2 = 0;
        for (int j = 0; j < n; j++) {
            double scale = atol + rtol * Math.abs(w[j]);
            double r = (g1[j] - g0[j]) / scale;
            d2 += r * r;
        }
        d2 = Math.sqrt(d2 * rms) / h0;
        double h;
        if (!Double.isFinite(d2)) {
            h = h0;
        } else {
            double dMax = Math.max(d1, d2);
            double h1 = dMax <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dMax, exponent);
            h = Math.min(100 * h0, h1);
        }
        return Math.max(minStep, Math.min(h, maxStep));
    }

    /**
     * The first step of an adaptive run: {@code initialStep} when it is given, else {@link #select} (one evaluation,
     * which {@link #cost} counts).
     *
     * @param initialStep the configured first step, NaN for automatic
     * @param field       the gradient field
     * @param w           the starting point
     * @param g0          the gradient at {@code w}
     * @param w1          work space of {@code w}'s length (overwritten)
     * @param g1          work space of {@code w}'s length (overwritten)
     * @param rtol        relative tolerance
     * @param atol        absolute tolerance
     * @param minStep     the smallest step
     * @param maxStep     the largest step
     * @param exponent    {@code 1/(q+1)} for a local error of order {@code q+1}
     * @return the first step
     */
    public static double first(double initialStep, GradientField field, double[] w, double[] g0, double[] w1,
                               double[] g1, double rtol, double atol, double minStep, double maxStep, double exponent) {
        return Double.isNaN(initialStep) ? select(field, w, g0, w1, g1, rtol, atol, minStep, maxStep, exponent)
                : initialStep;
    }

    /**
     * @param initialStep the configured first step, NaN for automatic
     * @return the evaluations {@link #first} spends: 1 when automatic, else 0
     */
    public static int cost(double initialStep) {
        return Double.isNaN(initialStep) ? 1 : 0;
    }
}
