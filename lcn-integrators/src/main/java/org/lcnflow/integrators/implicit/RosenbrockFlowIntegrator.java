package org.lcnflow.integrators.implicit;

import static org.lcnflow.integrators.implicit.RosenbrockTableau.GAMMA;
import static org.lcnflow.integrators.implicit.RosenbrockTableau.STAGES;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.control.StartingStep;
import org.lcnflow.integrators.control.Opening;
import org.lcnflow.integrators.control.StopRules;

/**
 * {@code rosenbrock}: RODAS4, the L-stable, stiffly accurate 6-stage Rosenbrock method of order 4 with an embedded
 * solution of order 3 (Hairer and Wanner, Solving Ordinary Differential Equations II, Sec. IV.7, and their code
 * RODAS), for the gradient flow {@code dw/dt = -grad L(w)} (eq. (1.4)). Its right-hand side is {@code f = -g}
 * with Jacobian {@code -H}, {@code H} the Hessian of {@code L}; the flow is autonomous, so every stage solves with
 * the one matrix {@code 1/(h gamma) I + H} ({@link RosenbrockTableau}, eq. (7.25) there):
 * {@code (1/(h gamma) I + H) U_i = -g(w + sum_j A_ij U_j) + sum_j (C_ij / h) U_j}. There is no Newton iteration:
 * each attempted step costs one Hessian, one LU and five gradients at the stages (the first stage uses the
 * gradient at {@code w}).
 *
 * <ul>
 *   <li><b>Hessian</b>: exact from a {@link org.lcnflow.api.HessianField}, else differences of gradients
 *       ({@link HessianSource}), at the start point of every step; a step retried after a rejection starts from
 *       the same point and reuses it (only the LU is made again, with the new {@code h}).</li>
 *   <li><b>Error estimate</b>: the difference of the solution and the embedded one, {@code U_6}, in the RMS norm
 *       with the weights {@code atol + rtol max(|w_j|, |w_new,j|)}.</li>
 *   <li><b>Step control</b>: {@code h_new = h min(facmax, max(facmin, 0.9 err^(-1/4)))} with {@code facmin = 0.2},
 *       {@code facmax = 6}, and {@code facmax = 1} for the step after a rejection; the step is accepted when
 *       {@code err <= 1}. The first step is Hairer's starting step ({@link StartingStep}, one evaluation) unless
 *       {@code initialStep} is given; steps stay within {@code [minStep, maxStep]} and the last lands exactly on
 *       {@code tMax}.</li>
 *   <li><b>Divergence</b>: a non-finite stage or new point, or a singular matrix, halves the step (a rejected
 *       step); when the retry could no longer move {@code w} ({@link StopRules#belowResolution}), or the step falls
 *       below {@code minStep} or 10 ulp of {@code t}, or the new point leaves the parameter-norm bound, the run
 *       ends DIVERGED.</li>
 * </ul>
 *
 * <p>Evaluations: one at {@code w0}, one for the automatic initial step, five per attempted step, one at each new
 * point, and each Hessian ({@link HessianSource#cost()}: 1 exact, {@code n} by differences). Statistics:
 * Hessians (exact and by differences) and factorizations, one each per attempted step; no Newton iterations.
 *
 * <p>The state handed to observers (after an accepted step) holds the next step and the counters: the Hessian
 * is always recomputed at a new point, so it is not part of the state, and the reject flag is always clear
 * there. A resumed run continues bit for bit.
 *
 * <p>No allocation per step. Immutable and thread-safe (the work space belongs to one call).
 */
public final class RosenbrockFlowIntegrator implements FlowIntegrator {

    /** Safety factor of the step control. */
    static final double SAFE = 0.9;
    /** The smallest factor {@code h_new / h}. */
    static final double FAC_MIN = 0.2;
    /** The largest factor {@code h_new / h}. */
    static final double FAC_MAX = 6.0;
    /** The step factor after an unexpected rejection (non-finite values, a singular matrix). */
    static final double UNEXPECTED = 0.5;
    /** The exponent of the error estimate, {@code err ~ h^4}. */
    static final double EXPONENT = 0.25;

    private static final double[][] A = RosenbrockTableau.a();
    private static final double[][] C = RosenbrockTableau.c();

    private final String name;
    private final double rtol;
    private final double atol;
    private final double initialStep;
    private final double minStep;
    private final double maxStep;

    /**
     * @param name        the provider name
     * @param rtol        relative tolerance, in {@code (0, 1)}
     * @param atol        absolute tolerance, {@code > 0} and finite
     * @param initialStep the first step in {@code [minStep, maxStep]}, or NaN to select it automatically (Hairer's
     *                    starting step, one evaluation)
     * @param minStep     the smallest step tried, {@code >= 0} and finite
     * @param maxStep     the largest step taken, {@code >= minStep} and {@code > 0}, possibly infinite
     * @throws IllegalArgumentException naming the parameter when one is out of range
     */
    public RosenbrockFlowIntegrator(String name, double rtol, double atol, double initialStep, double minStep,
                                    double maxStep) {
        this.name = Objects.requireNonNull(name, "name is null");
        if (!(rtol > 0 && rtol < 1)) {
            throw new IllegalArgumentException("rtol must be in (0, 1), got " + rtol);
        }
        if (!(atol > 0 && atol < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("atol must be > 0 and finite, got " + atol);
        }
        if (!(minStep >= 0 && minStep < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("minStep must be >= 0 and finite, got " + minStep);
        }
        if (!(maxStep > 0 && maxStep >= minStep)) {
            throw new IllegalArgumentException("maxStep must be > 0 and >= minStep = " + minStep + ", got " + maxStep);
        }
        if (!Double.isNaN(initialStep) && !(initialStep > 0 && initialStep < Double.POSITIVE_INFINITY
                && initialStep >= minStep && initialStep <= maxStep)) {
            throw new IllegalArgumentException("initialStep must be NaN (automatic) or > 0, finite and in [minStep, "
                    + "maxStep] = [" + minStep + ", " + maxStep + "], got " + initialStep);
        }
        this.rtol = rtol;
        this.atol = atol;
        this.initialStep = initialStep;
        this.minStep = minStep;
        this.maxStep = maxStep;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FlowResult integrate(GradientField field, double[] w0, StopCondition stop, FlowObserver observer) {
        Opening opening = Opening.fresh(field, w0, stop, observer);
        double[] w = opening.w();
        double[] gradient = opening.gradient();
        double value = opening.value();
        StopReason reason = opening.reason();
        Work work = new Work(field, new SolverCounters());
        work.evaluations = 1;
        double h = Double.NaN;
        if (reason == null) {
            h = StartingStep.first(initialStep, field, w, gradient, work.point, work.k, rtol, atol, minStep, maxStep,
                    EXPONENT);
            work.evaluations += StartingStep.cost(initialStep);
        }
        return run(work, stop, observer, w, gradient, value, 0.0, 0, 0, h, reason);
    }

    @Override
    public boolean isResumable() {
        return true;
    }

    /**
     * Continues exactly from a state this configuration handed over: the point, value and gradient, the counters
     * and the next step (the Hessian is computed anew at the state's point, as the uninterrupted run does).
     */
    @Override
    public FlowResult resume(GradientField field, IntegratorState state, StopCondition stop, FlowObserver observer) {
        Opening opening = Opening.resumed(this, field, state, stop, observer);
        double[] w = opening.w();
        double[] gradient = opening.gradient();
        StopReason reason = opening.reason();
        Work work = new Work(field, SolverCounters.restore(state));
        work.evaluations = state.evaluations();
        return run(work, stop, observer, w, gradient, state.value(), state.time(), state.steps(),
                state.rejectedSteps(), state.control("h"), reason);
    }

    /** The loop, from an accepted state (fresh or resumed) on. */
    private FlowResult run(Work work, StopCondition stop, FlowObserver observer, double[] w, double[] gradient,
                           double value, double t, long steps, long rejected, double h, StopReason reason) {
        final int n = w.length;
        final double tMax = stop.tMax();
        double[] wNew = new double[n];
        double[] gNew = new double[n];
        double gradientNorm = StopRules.norm2(gradient);
        /** Whether the last attempt was rejected (then the next accepted step does not grow). */
        boolean rejectedLast = false;
        /** Whether the Hessian in the work space is that of the current point. */
        boolean hessianAtW = false;

        while (reason == null) {
            // 1. the step, landing exactly on tMax
            double remaining = tMax - t;
            double proposed = Math.min(h, maxStep);
            boolean last = StopRules.isLastStep(proposed, remaining, maxStep);
            if (!last && StopRules.underflows(proposed, minStep, t)) {
                reason = StopReason.DIVERGED; // step-size underflow
                break;
            }
            double hTry = last ? remaining : proposed;
            double tNew = last ? tMax : t + hTry;

            // 2. the Hessian at w (once per point), the LU and the stages
            if (!hessianAtW) {
                work.evaluations += work.source.evaluate(w, gradient, work.hessian);
                hessianAtW = true;
            }
            double error = work.factor(hTry) && work.stages(w, gradient, hTry, wNew) ? work.error(w, wNew)
                    : Double.NaN;

            // 3. rejected: by the error test, or non-finite values and a singular matrix (halved)
            if (!(error <= 1)) {
                rejected++;
                rejectedLast = true;
                if (Double.isNaN(error)) {
                    h = hTry * UNEXPECTED;
                    if (StopRules.belowResolution(h, w, gradient)) {
                        reason = StopReason.DIVERGED;
                        break;
                    }
                } else {
                    h = hTry * Math.max(FAC_MIN, SAFE * Math.pow(error, -EXPONENT));
                }
                continue;
            }

            // 4. the new point: finite, inside the parameter-norm bound
            double valueNew = field(work, wNew, gNew);
            double gradientNormNew = StopRules.norm2(gNew);
            if (!StopRules.acceptable(stop, valueNew, gradientNormNew, StopRules.norm2(wNew))) {
                if (!(Double.isFinite(valueNew) && Double.isFinite(gradientNormNew))) {
                    rejected++;
                    rejectedLast = true;
                    h = hTry * UNEXPECTED;
                    if (StopRules.belowResolution(h, w, gradient)) {
                        reason = StopReason.DIVERGED;
                        break;
                    }
                    continue;
                }
                reason = StopReason.DIVERGED;
                break;
            }

            // 5. accept
            double facmax = rejectedLast ? 1.0 : FAC_MAX;
            double hNew = hTry * Math.min(facmax, Math.max(FAC_MIN, SAFE * Math.pow(error, -EXPONENT)));
            t = tNew;
            steps++;
            double[] swap = w;
            w = wNew;
            wNew = swap;
            swap = gradient;
            gradient = gNew;
            gNew = swap;
            value = valueNew;
            gradientNorm = gradientNormNew;
            hessianAtW = false;
            rejectedLast = false;
            boolean continues = observer.onStep(t, w, value, gradient);
            reason = StopRules.afterStep(stop, last, gradientNorm, steps, continues);
            h = Math.max(Math.min(hNew, maxStep), minStep);
            if (observer.wantsState(t, steps)) {
                observer.onState(state(work, t, steps, rejected, w, value, gradient, h));
            }
        }

        FlowResult result = new FlowResult(w, t, value, gradientNorm, steps, rejected, work.evaluations, reason,
                work.counters.statistics());
        observer.onFinish(result);
        return result;
    }

    private static double field(Work work, double[] w, double[] gradient) {
        work.evaluations++;
        return work.field.valueAndGradient(w, gradient);
    }

    private IntegratorState state(Work work, double t, long steps, long rejected, double[] w, double value,
                                  double[] gradient, double h) {
        Map<String, Double> control = work.counters.save(new HashMap<>());
        control.put("h", h);
        return new IntegratorState(name, toString(), t, steps, rejected, work.evaluations, w, value, gradient, control,
                Map.of());
    }

    /**
     * Integrates with the fixed step {@code tEnd / count}, accepting every step, with the Hessian at the start of
     * every step: the method itself, without the step control, for order tests.
     *
     * @throws IllegalStateException when a matrix is singular or a stage not finite
     */
    double[] fixedSteps(GradientField field, double[] w0, double tEnd, int count) {
        Work work = new Work(field, new SolverCounters());
        double[] w = w0.clone();
        double[] wNew = new double[w.length];
        double[] gradient = new double[w.length];
        double h = tEnd / count;
        for (int s = 0; s < count; s++) {
            field.valueAndGradient(w, gradient);
            work.source.evaluate(w, gradient, work.hessian);
            if (!work.factor(h) || !work.stages(w, gradient, h, wNew)) {
                throw new IllegalStateException("step " + s + " with h = " + h + " failed");
            }
            System.arraycopy(wNew, 0, w, 0, w.length);
        }
        return w;
    }

    /**
     * The error estimate of one step of size {@code h} from {@code w} with the Hessian at {@code w}, as the loop
     * computes it; for tests of the estimator. NaN when the step fails.
     */
    double errorEstimate(GradientField field, double[] w, double h) {
        Work work = new Work(field, new SolverCounters());
        double[] gradient = new double[w.length];
        double[] wNew = new double[w.length];
        field.valueAndGradient(w, gradient);
        work.source.evaluate(w, gradient, work.hessian);
        return work.factor(h) && work.stages(w, gradient, h, wNew) ? work.error(w, wNew) : Double.NaN;
    }

    /** The work space of one run, allocated once. */
    private final class Work {

        final GradientField field;
        final SolverCounters counters;
        final HessianSource source;
        final int n;
        final double[] hessian;
        final DenseLu lu;
        /** The stage increments {@code U_1 .. U_6}. */
        final double[][] u;
        /** A stage's gradient. */
        final double[] k;
        /** A stage's point. */
        final double[] point;
        long evaluations;

        Work(GradientField field, SolverCounters counters) {
            this.field = field;
            this.counters = counters;
            this.source = new HessianSource(field, counters);
            this.n = field.dimension();
            hessian = new double[n * n];
            lu = new DenseLu(n, counters);
            u = new double[STAGES][n];
            k = new double[n];
            point = new double[n];
        }

        /** Factors {@code 1/(h gamma) I + H}; false when it is singular or not finite. */
        boolean factor(double h) {
            double diagonal = 1.0 / (h * GAMMA);
            double[] m = lu.matrix();
            System.arraycopy(hessian, 0, m, 0, n * n);
            for (int r = 0; r < n; r++) {
                m[r * n + r] += diagonal;
            }
            return lu.factor();
        }

        /**
         * The six stages of a step of size {@code h} from {@code w} (gradient {@code g}) with the current LU, and
         * the new point {@code w + sum_j A_6j U_j + U_6} into {@code wNew}.
         *
         * @return whether every stage gradient and increment is finite
         */
        boolean stages(double[] w, double[] g, double h, double[] wNew) {
            for (int i = 0; i < STAGES; i++) {
                double[] ui = u[i];
                double[] stageGradient = g;
                if (i > 0) {
                    double[] ai = A[i];
                    for (int j = 0; j < n; j++) {
                        double x = w[j];
                        for (int l = 0; l < i; l++) {
                            x += ai[l] * u[l][j];
                        }
                        point[j] = x;
                    }
                    field.valueAndGradient(point, k);
                    evaluations++;
                    if (!StopRules.allFinite(k)) {
                        return false;
                    }
                    stageGradient = k;
                }
                double[] ci = C[i];
                for (int j = 0; j < n; j++) {
                    double x = 0;
                    for (int l = 0; l < i; l++) {
                        x += ci[l] * u[l][j];
                    }
                    ui[j] = x / h - stageGradient[j];
                }
                lu.solve(ui);
                if (!StopRules.allFinite(ui)) {
                    return false;
                }
            }
            // stage 6 was evaluated at the embedded solution w + sum_j A_6j U_j, still in point
            double[] u6 = u[STAGES - 1];
            for (int j = 0; j < n; j++) {
                wNew[j] = point[j] + u6[j];
            }
            return StopRules.allFinite(wNew);
        }

        /** @return the RMS norm of {@code U_6} with the weights {@code atol + rtol max(|w_j|, |wNew_j|)} */
        double error(double[] w, double[] wNew) {
            double[] u6 = u[STAGES - 1];
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double r = u6[j] / (atol + rtol * Math.max(Math.abs(w[j]), Math.abs(wNew[j])));
                sum += r * r;
            }
            double error = Math.sqrt(sum / n);
            return Double.isFinite(error) ? error : Double.NaN;
        }
    }

    /** @return e.g. {@code rosenbrock(rtol=1.0E-6, atol=1.0E-9, initialStep=auto, minStep=0.0, maxStep=Infinity)} */
    @Override
    public String toString() {
        return name + "(rtol=" + rtol + ", atol=" + atol + ", initialStep="
                + (Double.isNaN(initialStep) ? "auto" : Double.toString(initialStep)) + ", minStep=" + minStep
                + ", maxStep=" + maxStep + ")";
    }
}
