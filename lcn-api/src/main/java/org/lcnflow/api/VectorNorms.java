package org.lcnflow.api;

/**
 * Vector norms that neither overflow nor underflow in between: {@code ||x||_2} of a vector whose entries
 * are finite is finite unless the norm itself exceeds {@link Double#MAX_VALUE}. For integrators and
 * observers checking {@code ||grad L|| <= gradientTolerance} or {@code ||w|| > maxParameterNorm}.
 */
public final class VectorNorms {

    private VectorNorms() {
    }

    /**
     * @param x a vector
     * @return {@code sqrt(sum x_i^2)}, computed with scaling when the plain sum of squares would under- or
     *         overflow; NaN when an entry is NaN, infinite when an entry is infinite
     */
    public static double euclidean(double[] x) {
        double sum = 0;
        for (double xi : x) {
            sum += xi * xi;
        }
        if (sum >= Double.MIN_NORMAL && sum < Double.POSITIVE_INFINITY) {
            return Math.sqrt(sum);
        }
        if (Double.isNaN(sum)) {
            return Double.NaN; // only a NaN entry makes the sum NaN
        }
        double scale = 0; // the sum under- or overflowed, or an entry is infinite
        for (double xi : x) {
            scale = Math.max(scale, Math.abs(xi));
        }
        if (scale == 0 || scale == Double.POSITIVE_INFINITY) {
            return scale;
        }
        double scaled = 0;
        for (double xi : x) {
            double r = xi / scale;
            scaled += r * r;
        }
        return scale * Math.sqrt(scaled);
    }
}
