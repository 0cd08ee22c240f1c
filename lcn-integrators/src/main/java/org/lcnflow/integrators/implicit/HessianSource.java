package org.lcnflow.integrators.implicit;

import java.util.Objects;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.HessianField;

/**
 * Where an implicit integrator gets the Hessian {@code H = d^2 L / dw^2} (the flow's Jacobian is
 * {@code -H}): the field's exact one when it is a {@link HessianField} that {@linkplain HessianField#hasHessian
 * has it}, else forward differences of the gradient, column by column, with
 * {@code delta_j = sqrt(eps) max(|w_j|, 1)} (rounded so that {@code w_j + delta_j - w_j} is exact), then
 * symmetrized, {@code (D + D^T) / 2}. The first costs one evaluation (it gives the gradient too) and counts
 * one {@linkplain SolverCounters#hessians Hessian}; the second {@code n} evaluations and one
 * {@linkplain SolverCounters#differenceHessians difference Hessian}.
 *
 * <p>Allocates its work space once; not thread-safe (one per run).
 */
public final class HessianSource {

    private static final double SQRT_EPS = Math.sqrt(Math.ulp(1.0));

    private final GradientField field;
    private final HessianField exact;
    private final SolverCounters counters;
    private final double[] point;
    private final double[] gradient;

    /**
     * @param field    the gradient field of the run
     * @param counters counts the Hessians
     */
    public HessianSource(GradientField field, SolverCounters counters) {
        this.field = Objects.requireNonNull(field, "field is null");
        this.exact = field instanceof HessianField && ((HessianField) field).hasHessian() ? (HessianField) field : null;
        this.counters = Objects.requireNonNull(counters, "counters is null");
        int n = field.dimension();
        this.point = new double[n];
        this.gradient = new double[n];
    }

    /** @return whether the field gives its exact Hessian */
    public boolean isExact() {
        return exact != null;
    }

    /** @return the gradient evaluations one {@link #evaluate} costs: 1 exact, {@code n} by differences */
    public int cost() {
        return exact != null ? 1 : field.dimension();
    }

    /**
     * Writes the Hessian at {@code w} (possibly not finite, which the factorization then refuses).
     *
     * @param w            the point; not modified
     * @param gradientAtW  {@code grad L(w)}, the base of the differences
     * @param hessian      receives {@code H(w)}, row-major {@code n x n}
     * @return the gradient evaluations spent ({@link #cost()})
     */
    public int evaluate(double[] w, double[] gradientAtW, double[] hessian) {
        final int n = w.length;
        if (exact != null) {
            exact.valueGradientAndHessian(w, gradient, hessian);
            counters.hessians++;
            return 1;
        }
        System.arraycopy(w, 0, point, 0, n);
        for (int c = 0; c < n; c++) {
            double wc = w[c];
            double delta = (wc + SQRT_EPS * Math.max(Math.abs(wc), 1.0)) - wc;
            point[c] = wc + delta;
            field.valueAndGradient(point, gradient);
            point[c] = wc;
            for (int r = 0; r < n; r++) {
                hessian[r * n + c] = (gradient[r] - gradientAtW[r]) / delta;
            }
        }
        for (int r = 0; r < n; r++) {
            for (int c = r + 1; c < n; c++) {
                double mean = 0.5 * (hessian[r * n + c] + hessian[c * n + r]);
                hessian[r * n + c] = mean;
                hessian[c * n + r] = mean;
            }
        }
        counters.differenceHessians++;
        return n;
    }
}
