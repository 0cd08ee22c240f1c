package org.lcnflow.integrators.switching;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.SolverStatistics;
import org.lcnflow.integrators.implicit.HessianSource;
import org.lcnflow.integrators.implicit.SolverCounters;

/**
 * Tells when the gradient flow {@code w' = -grad L(w)} (eq. (1.4)) is stiff for an explicit method, the
 * way LSODA decides (Petzold 1983) but with the Hessian the LCN risk provides: every
 * {@value #CHECK_EVERY} accepted steps it estimates the largest eigenvalue {@code lambda_max} of the
 * Hessian {@code H(w)} (the flow's Jacobian is {@code -H}, so {@code lambda_max} is the fastest decaying
 * mode), from the exact Hessian by EJML's symmetric QR algorithm (one evaluation), or, when the field has no
 * Hessian, by power iteration on products {@code H v} by differences of gradients (each one evaluation), and
 * compares {@code h lambda_max} with the explicit method's stability boundary {@code beta} on the negative real axis ({@code beta = 3.3} for Dormand-Prince 5(4)),
 * {@code h} being the largest step since the last check:
 * <ul>
 *   <li>on the explicit method, {@code h lambda_max > }{@value #STIFF_FRACTION}{@code  beta} means the step
 *       is held by stability, not accuracy: stiff;</li>
 *   <li>on the implicit method, {@code h lambda_max < }{@value #NON_STIFF_FRACTION}{@code  beta} means an
 *       explicit method would be stable at the step the implicit one takes: no longer stiff.</li>
 * </ul>
 * A switch is asked for after {@value #CONFIRMATIONS} checks in a row agree (so a single transient does
 * not switch, and the two thresholds keep the methods from alternating).
 *
 * <p>Its memory (steps since the last check, the largest step, the agreeing checks) is saved with the
 * integrator's state. Allocates its work space once per run.
 */
final class StiffnessDetector {

    /** Accepted steps between two checks. */
    static final int CHECK_EVERY = 10;
    /** Checks in a row that must agree before a switch. */
    static final int CONFIRMATIONS = 3;
    /** {@code h lambda_max} above this fraction of the stability boundary is stiff for the explicit method. */
    static final double STIFF_FRACTION = 0.6;
    /** {@code h lambda_max} below this fraction of the stability boundary is not stiff for the implicit method. */
    static final double NON_STIFF_FRACTION = 0.3;
    /** Power iterations with products by differences (each one evaluation). */
    static final int DIFFERENCE_ITERATIONS = 6;
    private static final double SQRT_EPS = Math.sqrt(Math.ulp(1.0));

    private final GradientField field;
    /** Counts the exact Hessians of the checks. */
    private final SolverCounters counters = new SolverCounters();
    private final HessianSource hessians;
    private final double boundary;
    private final int n;
    private final double[] hessian;
    /** The exact Hessian's copy the eigenvalue algorithm works on, and the algorithm. */
    private final DMatrixRMaj matrix;
    private final EigenDecomposition_F64<DMatrixRMaj> eigen;
    private final double[] v;
    private final double[] hv;
    private final double[] point;
    private final double[] gradient;

    /** Evaluations spent on checks, added to the run's count. */
    long evaluations;
    int sinceCheck;
    double largestStep;
    int confirmations;

    /**
     * @param field    the field of the run
     * @param boundary the explicit method's stability boundary on the negative real axis
     */
    StiffnessDetector(GradientField field, double boundary) {
        this.field = field;
        this.hessians = new HessianSource(field, counters);
        this.boundary = boundary;
        this.n = field.dimension();
        this.hessian = hessians.isExact() ? new double[n * n] : null;
        this.matrix = hessians.isExact() ? new DMatrixRMaj(n, n) : null;
        this.eigen = hessians.isExact() ? DecompositionFactory_DDRM.eig(n, false, true) : null;
        this.v = new double[n];
        this.hv = new double[n];
        this.point = new double[n];
        this.gradient = new double[n];
    }

    /** Forgets the window at a switch: the new method starts its own. */
    void reset() {
        sinceCheck = 0;
        largestStep = 0;
        confirmations = 0;
    }

    /**
     * Sees one accepted step.
     *
     * @param explicit    whether the step was taken by the explicit method
     * @param h           its size
     * @param w           the point reached
     * @param gradientAtW {@code grad L(w)}
     * @return whether to switch to the other method now
     */
    boolean afterStep(boolean explicit, double h, double[] w, double[] gradientAtW) {
        largestStep = Math.max(largestStep, h);
        if (++sinceCheck < CHECK_EVERY) {
            return false;
        }
        double stepTimesLambda = largestStep * largestEigenvalue(w, gradientAtW);
        sinceCheck = 0;
        largestStep = 0;
        boolean agrees = explicit ? stepTimesLambda > STIFF_FRACTION * boundary
                : stepTimesLambda < NON_STIFF_FRACTION * boundary;
        confirmations = agrees ? confirmations + 1 : 0;
        if (confirmations >= CONFIRMATIONS) {
            confirmations = 0;
            return true;
        }
        return false;
    }

    /**
     * @return an estimate of the largest eigenvalue of {@code H(w)}, {@code >= 0} (0 when every mode of the
     *         flow grows or is flat, which no explicit step size is limited by)
     */
    double largestEigenvalue(double[] w, double[] gradientAtW) {
        double mu;
        if (hessian != null) {
            evaluations += hessians.evaluate(w, gradientAtW, hessian);
            mu = exactLargest();
        } else {
            mu = powerIteration(w, gradientAtW, 0.0);
            if (mu < 0) {
                // the dominant eigenvalue is negative: the largest one is the dominant one of H - mu I, plus mu
                mu = powerIteration(w, gradientAtW, mu) + mu;
            }
        }
        return Double.isFinite(mu) ? Math.max(mu, 0.0) : Double.POSITIVE_INFINITY;
    }

    /** @return the largest eigenvalue of the symmetric {@link #hessian}, infinite when it is not finite */
    private double exactLargest() {
        for (double h : hessian) {
            if (!Double.isFinite(h)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        System.arraycopy(hessian, 0, matrix.data, 0, n * n);
        if (!eigen.decompose(matrix)) {
            return Double.POSITIVE_INFINITY;
        }
        double largest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, eigen.getEigenvalue(i).real);
        }
        return largest;
    }

    /** The Rayleigh quotient of {@code H - shift I} after power iterations from a fixed start vector. */
    private double powerIteration(double[] w, double[] gradientAtW, double shift) {
        for (int i = 0; i < n; i++) {
            v[i] = 1 + 0.5 * Math.sin(i + 1);
        }
        normalize(v);
        double rayleigh = 0;
        for (int it = 0; it < DIFFERENCE_ITERATIONS; it++) {
            multiply(w, gradientAtW, shift);
            rayleigh = 0;
            for (int i = 0; i < n; i++) {
                rayleigh += v[i] * hv[i];
            }
            System.arraycopy(hv, 0, v, 0, n);
            if (normalize(v) == 0) {
                return 0;
            }
        }
        return rayleigh;
    }

    /** {@code hv = (H - shift I) v} by a difference of gradients (one evaluation). */
    private void multiply(double[] w, double[] gradientAtW, double shift) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(w[i]));
        }
        double epsilon = SQRT_EPS * Math.max(scale, 1.0);
        for (int i = 0; i < n; i++) {
            point[i] = w[i] + epsilon * v[i];
        }
        field.valueAndGradient(point, gradient);
        evaluations++;
        for (int i = 0; i < n; i++) {
            hv[i] = (gradient[i] - gradientAtW[i]) / epsilon - shift * v[i];
        }
    }

    private static double normalize(double[] x) {
        double sum = 0;
        for (double xi : x) {
            sum += xi * xi;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0 || !Double.isFinite(norm)) {
            return 0;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= norm;
        }
        return norm;
    }

    /** @return the exact Hessians the checks took, as statistics */
    SolverStatistics statistics() {
        return counters.statistics();
    }

    /** Writes the memory into a state's control entries. */
    void save(Map<String, Double> control) {
        control.put("detector.hessians", (double) counters.hessians);
        control.put("detector.sinceCheck", (double) sinceCheck);
        control.put("detector.largestStep", largestStep);
        control.put("detector.confirmations", (double) confirmations);
        control.put("detector.evaluations", (double) evaluations);
    }

    /** Takes the memory back from a saved state. */
    void restore(IntegratorState state) {
        sinceCheck = (int) state.control("detector.sinceCheck");
        largestStep = state.control("detector.largestStep");
        confirmations = (int) state.control("detector.confirmations");
        evaluations = (long) state.control("detector.evaluations");
        counters.hessians = (long) state.control("detector.hessians");
    }
}
