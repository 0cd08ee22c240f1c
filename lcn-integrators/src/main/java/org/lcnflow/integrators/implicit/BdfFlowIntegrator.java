package org.lcnflow.integrators.implicit;

import static org.lcnflow.integrators.implicit.BdfCoefficients.ALPHA;
import static org.lcnflow.integrators.implicit.BdfCoefficients.ERROR_CONSTANT;
import static org.lcnflow.integrators.implicit.BdfCoefficients.GAMMA;
import static org.lcnflow.integrators.implicit.BdfCoefficients.MAX_ORDER;

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
 * {@code bdf}: the variable-order (1 to 5) numerical differentiation formulas in backward difference form with a
 * quasi-constant step, for the stiff gradient flow {@code dw/dt = -grad L(w)} (eq. (1.4)), as MATLAB's
 * {@code ode15s} and SciPy's {@code BDF} (Shampine and Reichelt, "The MATLAB ODE Suite", SIAM J. Sci. Comput. 18,
 * 1997, Sec. 2; BDF in Hairer, Norsett and Wanner, Solving ODEs I, Sec. III.1, their stiff stability in Hairer and
 * Wanner, Solving ODEs II, Sec. V.1). The right-hand side is {@code f = -g} with Jacobian {@code -H}, {@code H}
 * the Hessian of {@code L}, so the Newton matrix reads {@code I + c H} with {@code c = h / alpha_k}.
 *
 * <ul>
 *   <li><b>The formulas</b> ({@link BdfCoefficients}): the array {@code D} holds the backward differences
 *       {@code nabla^j w_n}, {@code j = 0..k+2}; a step predicts {@code w^(0) = sum_{j<=k} D_j} and solves
 *       {@code d + c g(w^(0) + d) + psi = 0} for the correction {@code d}, with
 *       {@code psi = sum_{j=1..k} gamma_j D_j / alpha_k}.</li>
 *   <li><b>Simplified Newton</b>: at most 4 iterations with the LU of {@code I + c H}; the iteration is abandoned
 *       when the observed rate {@code rho = |dy_i| / |dy_{i-1}|} is {@code >= 1} or the predicted remaining error
 *       {@code rho^(4-i) / (1 - rho) |dy_i|} exceeds the tolerance {@code max(10 eps / rtol, min(0.03, sqrt rtol))},
 *       and converged when {@code rho / (1 - rho) |dy_i|} is below it (RMS norms with the weights
 *       {@code atol + rtol |w^(0)_j|}).</li>
 *   <li><b>Hessian reuse</b>: the Hessian (exact from a {@link org.lcnflow.api.HessianField}, else differences of
 *       gradients, {@link HessianSource}) is kept from step to step and recomputed, at the current accepted point,
 *       only when Newton fails with a Hessian not computed during the current step; a failure with a current
 *       Hessian halves the step. The LU is refactored whenever {@code c} changed (a new step or a new order) or
 *       the Hessian did.</li>
 *   <li><b>Error test and step control</b>: {@code err = |(kappa_k gamma_k + 1/(k+1)) d|} with the weights
 *       {@code atol + rtol |w_{n+1,j}|}; on rejection the step is multiplied by
 *       {@code max(0.2, safety err^(-1/(k+1)))}, {@code safety = 0.9 (2 * 4 + 1) / (2 * 4 + iterations)}.
 *       Every step change rescales {@code D} by the {@code R U} matrices. After {@code k + 1} accepted steps of
 *       equal size the orders {@code k - 1}, {@code k}, {@code k + 1} are compared by their error estimates
 *       (from {@code D_k}, {@code d} and {@code D_{k+2}}), the one allowing the largest step is chosen and the
 *       step multiplied by {@code min(10, safety * that factor)}.</li>
 *   <li><b>Landing on tMax</b>: a step that would pass {@code tMax}, or end within 1% short of it, is changed to
 *       end there exactly (a step change through {@code R U}). Steps above {@code maxStep} are reduced to it.</li>
 * </ul>
 *
 * <p>The first step is of order 1 with {@code D_1 = h f(w0)}, its size automatic (Hairer's starting step for a
 * local error {@code ~h^2}, one evaluation) unless {@code initialStep} is given.
 *
 * <p>Evaluations: one at {@code w0}, one for the automatic initial step, one per Newton iteration, one at each new
 * point (the formulas do not need it, the observer and the stop rules do) and each Hessian
 * ({@link HessianSource#cost()}). Rejected attempts (error test, Newton failures with a current Hessian, non-finite
 * new points) count in {@code rejectedSteps}; every Newton iteration that did not converge counts in
 * {@link org.lcnflow.api.SolverStatistics#newtonFailures()}. When a halved retry could no longer move {@code w}
 * ({@link StopRules#belowResolution}) or the step falls below {@code minStep} or 10 ulp of {@code t}, the run
 * ends DIVERGED.
 *
 * <p>The state handed to observers holds everything a resumed run needs to continue bit for bit: the difference
 * array {@code D} ({@code (MAX_ORDER + 3) n} values), the order, the step, the count of equal steps, the Hessian
 * and the {@code c} its LU was factored with (NaN when not current; the LU is rebuilt from the saved Hessian on
 * resume, which the statistics do not count again), and the counters.
 *
 * <p>No allocation per step. Immutable and thread-safe (the work space belongs to one call).
 */
public final class BdfFlowIntegrator implements FlowIntegrator {

    /** Newton iterations per attempt. */
    static final int NEWTON_MAXITER = 4;
    /** The smallest factor of a step change after a rejected error test. */
    static final double MIN_FACTOR = 0.2;
    /** The largest factor of a step change. */
    static final double MAX_FACTOR = 10.0;
    /** The step factor after a Newton failure with a current Hessian or a non-finite new point. */
    static final double UNEXPECTED = 0.5;
    private static final double EPS = Math.ulp(1.0);

    private final String name;
    private final double rtol;
    private final double atol;
    private final double initialStep;
    private final double minStep;
    private final double maxStep;
    private final int maxOrder;
    /** Newton's tolerance in the weighted RMS norm. */
    private final double newtonTol;

    /**
     * @param name        the provider name
     * @param rtol        relative tolerance, {@code > 0}
     * @param atol        absolute tolerance, {@code > 0}
     * @param initialStep the first step, or NaN to select it automatically (Hairer's starting step, one evaluation)
     * @param minStep     the smallest step tried
     * @param maxStep     the largest step taken
     */
    public BdfFlowIntegrator(String name, double rtol, double atol, double initialStep, double minStep,
                             double maxStep) {
        this(name, rtol, atol, initialStep, minStep, maxStep, MAX_ORDER);
    }

    /**
     * As the public constructor, with the order capped at {@code maxOrder} (for tests of the lower orders).
     *
     * @param maxOrder the highest order used, {@code 1..5}
     */
    BdfFlowIntegrator(String name, double rtol, double atol, double initialStep, double minStep, double maxStep,
                      int maxOrder) {
        this.name = Objects.requireNonNull(name, "name is null");
        if (!(rtol > 0 && rtol < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + ": rtol must be positive and finite, got " + rtol);
        }
        if (!(atol > 0 && atol < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + ": atol must be positive and finite, got " + atol);
        }
        if (maxOrder < 1 || maxOrder > MAX_ORDER) {
            throw new IllegalArgumentException(name + ": maxOrder must be in [1, " + MAX_ORDER + "], got " + maxOrder);
        }
        this.rtol = rtol;
        this.atol = atol;
        this.initialStep = initialStep;
        this.minStep = minStep;
        this.maxStep = maxStep;
        this.maxOrder = maxOrder;
        this.newtonTol = Math.max(10 * EPS / rtol, Math.min(0.03, Math.sqrt(rtol)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FlowResult integrate(GradientField field, double[] w0, StopCondition stop, FlowObserver observer) {
        Opening opening = Opening.fresh(field, w0, stop, observer);
        double[] w = opening.w();
        final int n = w.length;
        double[] gradient = opening.gradient();
        double value = opening.value();
        StopReason reason = opening.reason();
        Work work = new Work(field, new SolverCounters());
        work.evaluations = 1;
        double h = Double.NaN;
        if (reason == null) {
            h = StartingStep.first(initialStep, field, w, gradient, work.y, work.g, rtol, atol, minStep, maxStep,
                    0.5);
            work.evaluations += StartingStep.cost(initialStep);
            System.arraycopy(w, 0, work.d, 0, n);
            for (int j = 0; j < n; j++) {
                work.d[n + j] = -h * gradient[j];
            }
        }
        work.order = 1;
        work.needHessian = true;
        return run(work, stop, observer, w, gradient, value, 0.0, 0, 0, h, reason);
    }

    @Override
    public boolean isResumable() {
        return true;
    }

    /**
     * Continues exactly from a state this configuration handed over: the point, value and gradient, the counters,
     * the difference array, order, step and equal-step count, the Hessian and its LU (refactored from the saved
     * Hessian with the saved {@code c}, not counted again).
     */
    @Override
    public FlowResult resume(GradientField field, IntegratorState state, StopCondition stop, FlowObserver observer) {
        Opening opening = Opening.resumed(this, field, state, stop, observer);
        double[] w = opening.w();
        double[] gradient = opening.gradient();
        StopReason reason = opening.reason();
        Work work = new Work(field, SolverCounters.restore(state));
        work.evaluations = state.evaluations();
        StopRules.restoreVector(state, "differences", work.d);
        StopRules.restoreVector(state, "hessian", work.hessian);
        work.order = (int) state.control("order");
        if (work.order < 1 || work.order > maxOrder) {
            throw new IllegalArgumentException("the saved state's order " + work.order + " is not in [1, "
                    + maxOrder + "]");
        }
        work.equalSteps = (int) state.control("equalSteps");
        work.needHessian = state.control("needHessian") != 0;
        double luC = state.control("luC");
        if (reason == null && !work.needHessian && !Double.isNaN(luC)) {
            long factorizations = work.counters.factorizations;
            work.factor(luC); // the same matrix as before the state was saved: the same bits
            work.counters.factorizations = factorizations;
        }
        return run(work, stop, observer, w, gradient, state.value(), state.time(), state.steps(),
                state.rejectedSteps(), state.control("h"), reason);
    }

    /** The loop, from an accepted state (fresh or resumed) on. */
    private FlowResult run(Work work, StopCondition stop, FlowObserver observer, double[] w, double[] gradient,
                           double value, double t, long steps, long rejected, double h, StopReason reason) {
        final int n = w.length;
        final double tMax = stop.tMax();
        final SolverCounters counters = work.counters;
        double[] wNew = new double[n];
        double[] gNew = new double[n];
        double gradientNorm = StopRules.norm2(gradient);
        /** Whether the Hessian was computed during the current step (SciPy's current_jac). */
        boolean fresh = false;

        while (reason == null) {
            // 1. the step: at most maxStep, landing exactly on tMax
            if (h > maxStep) {
                work.changeStep(maxStep / h);
                h = maxStep;
            }
            double remaining = tMax - t;
            boolean last = StopRules.isLastStep(h, remaining, maxStep);
            if (!last && StopRules.underflows(h, minStep, t)) {
                reason = StopReason.DIVERGED; // step-size underflow
                break;
            }
            if (last && h != remaining) {
                work.changeStep(remaining / h);
                h = remaining;
            }
            double tNew = last ? tMax : t + h;
            final int k = work.order;

            // 2. the Hessian when none is there, the prediction and psi
            if (work.needHessian) {
                work.evaluations += work.source.evaluate(w, gradient, work.hessian);
                work.needHessian = false;
                work.luC = Double.NaN;
                fresh = true;
            }
            double c = h / ALPHA[k];
            work.predict();

            // 3. Newton, with a Hessian recomputed at w when it fails with an old one
            boolean converged;
            while (true) {
                converged = (work.luC == c || work.factor(c)) && work.newton(c, newtonTol);
                if (converged) {
                    break;
                }
                counters.newtonFailures++;
                if (fresh) {
                    break;
                }
                work.evaluations += work.source.evaluate(w, gradient, work.hessian);
                work.luC = Double.NaN;
                fresh = true;
            }
            if (!converged) {
                rejected++;
                if (StopRules.belowResolution(h * UNEXPECTED, w, gradient)) {
                    reason = StopReason.DIVERGED;
                    break;
                }
                work.changeStep(UNEXPECTED);
                h *= UNEXPECTED;
                continue;
            }

            // 4. the error test
            double safety = 0.9 * (2 * NEWTON_MAXITER + 1) / (2 * NEWTON_MAXITER + work.iterations);
            work.scale(work.y);
            double error = ERROR_CONSTANT[k] * work.norm(work.correction, 0);
            if (!(error <= 1)) {
                rejected++;
                double factor = Math.max(MIN_FACTOR, safety * Math.pow(error, -1.0 / (k + 1)));
                work.changeStep(factor);
                h *= factor;
                continue;
            }

            // 5. the new point: finite, inside the parameter-norm bound
            System.arraycopy(work.y, 0, wNew, 0, n);
            double valueNew = field(work, wNew, gNew);
            double gradientNormNew = StopRules.norm2(gNew);
            if (!StopRules.acceptable(stop, valueNew, gradientNormNew, StopRules.norm2(wNew))) {
                if (!(Double.isFinite(valueNew) && Double.isFinite(gradientNormNew))) {
                    rejected++;
                    if (StopRules.belowResolution(h * UNEXPECTED, w, gradient)) {
                        reason = StopReason.DIVERGED;
                        break;
                    }
                    work.changeStep(UNEXPECTED);
                    h *= UNEXPECTED;
                    continue;
                }
                reason = StopReason.DIVERGED;
                break;
            }

            // 6. accept: update the differences
            work.accept();
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
            boolean continues = observer.onStep(t, w, value, gradient);
            reason = StopRules.afterStep(stop, last, gradientNorm, steps, continues);
            fresh = false;

            // 7. after k + 1 equal steps: the order among k - 1, k, k + 1 and the step
            if (work.equalSteps >= k + 1) {
                double factorDown = 0;
                if (k > 1) {
                    double errorDown = ERROR_CONSTANT[k - 1] * work.norm(work.d, k * n);
                    factorDown = Math.pow(errorDown, -1.0 / k);
                }
                double factorSame = Math.pow(error, -1.0 / (k + 1));
                double factorUp = 0;
                if (k < maxOrder) {
                    double errorUp = ERROR_CONSTANT[k + 1] * work.norm(work.d, (k + 2) * n);
                    factorUp = Math.pow(errorUp, -1.0 / (k + 2));
                }
                int newOrder = k;
                double best = factorSame;
                if (factorDown > best) {
                    newOrder = k - 1;
                    best = factorDown;
                }
                if (factorUp > best) {
                    newOrder = k + 1;
                    best = factorUp;
                }
                double factor = Math.min(MAX_FACTOR, safety * best);
                if (h * factor < minStep) {
                    factor = minStep / h;
                }
                work.order = newOrder;
                work.changeStep(factor);
                h *= factor;
            }
            if (observer.wantsState(t, steps)) {
                observer.onState(state(work, t, steps, rejected, w, value, gradient, h));
            }
        }

        FlowResult result = new FlowResult(w, t, value, gradientNorm, steps, rejected, work.evaluations, reason,
                counters.statistics());
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
        control.put("order", (double) work.order);
        control.put("equalSteps", (double) work.equalSteps);
        control.put("luC", work.luC);
        control.put("needHessian", work.needHessian ? 1.0 : 0.0);
        Map<String, double[]> vectors = Map.of("differences", work.d, "hessian", work.hessian);
        return new IntegratorState(name, toString(), t, steps, rejected, work.evaluations, w, value, gradient, control,
                vectors);
    }

    /**
     * Integrates at the fixed order {@code k} and the fixed step {@code h} from the exact starting values
     * {@code history[j] = w(j h)}, {@code j = 0..k}, for {@code count} steps, with the Hessian at each step's point
     * and Newton to this configuration's tolerance: the formula itself, without step or order control, for order
     * tests.
     *
     * @return {@code w((k + count) h)}
     * @throws IllegalStateException when a Newton iteration fails
     */
    double[] fixedSteps(GradientField field, double[][] history, double h, int count) {
        final int k = history.length - 1;
        Work work = new Work(field, new SolverCounters());
        final int n = work.n;
        // the backward differences nabla^j w_k, j = 0..k
        double[][] table = new double[k + 1][];
        for (int j = 0; j <= k; j++) {
            table[j] = history[j].clone();
        }
        for (int j = 0; j <= k; j++) {
            System.arraycopy(table[k], 0, work.d, j * n, n);
            for (int i = k; i > j; i--) {
                for (int m = 0; m < n; m++) {
                    table[i][m] -= table[i - 1][m];
                }
            }
        }
        work.order = k;
        double[] w = history[k].clone();
        double[] gradient = new double[n];
        double c = h / ALPHA[k];
        for (int s = 0; s < count; s++) {
            field.valueAndGradient(w, gradient);
            work.source.evaluate(w, gradient, work.hessian);
            work.predict();
            if (!work.factor(c) || !work.newton(c, newtonTol)) {
                throw new IllegalStateException("Newton failed at step " + s + " with h = " + h);
            }
            work.accept();
            System.arraycopy(work.y, 0, w, 0, n);
        }
        return w;
    }

    /** The work space and memory of one run, allocated once. */
    private final class Work {

        final GradientField field;
        final SolverCounters counters;
        final HessianSource source;
        final int n;
        final double[] hessian;
        final DenseLu lu;
        /** The differences {@code D_j = nabla^j w_n}, {@code j = 0..MAX_ORDER+2}, row {@code j} at {@code j n}. */
        final double[] d;
        /** The rescaled differences during a step change. */
        final double[] buffer;
        final double[] r;
        final double[] u;
        final double[] ru;
        /** The Newton iterate, the correction {@code d} so far, the right-hand side and solution of a solve. */
        final double[] y;
        final double[] correction;
        final double[] rhs;
        final double[] psi;
        final double[] g;
        final double[] scale;
        int order;
        int equalSteps;
        /** The {@code c} of the current LU; NaN when it is not valid. */
        double luC = Double.NaN;
        boolean needHessian;
        /** The iterations of the last Newton iteration. */
        int iterations;
        long evaluations;

        Work(GradientField field, SolverCounters counters) {
            this.field = field;
            this.counters = counters;
            this.source = new HessianSource(field, counters);
            this.n = field.dimension();
            hessian = new double[n * n];
            lu = new DenseLu(n, counters);
            d = new double[(MAX_ORDER + 3) * n];
            buffer = new double[(MAX_ORDER + 1) * n];
            int m = (MAX_ORDER + 1) * (MAX_ORDER + 1);
            r = new double[m];
            u = new double[m];
            ru = new double[m];
            y = new double[n];
            correction = new double[n];
            rhs = new double[n];
            psi = new double[n];
            g = new double[n];
            scale = new double[n];
        }

        /** The weights {@code atol + rtol |x_j|} of the norms. */
        void scale(double[] x) {
            for (int j = 0; j < n; j++) {
                scale[j] = atol + rtol * Math.abs(x[j]);
            }
        }

        /** The weighted RMS norm of {@code x[offset .. offset + n)}. */
        double norm(double[] x, int offset) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double v = x[offset + j] / scale[j];
                sum += v * v;
            }
            return Math.sqrt(sum / n);
        }

        /** Factors {@code I + c H}. */
        boolean factor(double c) {
            double[] m = lu.matrix();
            for (int i = 0; i < n * n; i++) {
                m[i] = c * hessian[i];
            }
            for (int i = 0; i < n; i++) {
                m[i * n + i] += 1.0;
            }
            boolean ok = lu.factor();
            luC = ok ? c : Double.NaN;
            return ok;
        }

        /** The prediction {@code w^(0)} into {@code y}, {@code psi} and the Newton weights at {@code w^(0)}. */
        void predict() {
            final int k = order;
            for (int j = 0; j < n; j++) {
                double sum = d[j];
                double p = 0;
                for (int i = 1; i <= k; i++) {
                    sum += d[i * n + j];
                    p += GAMMA[i] * d[i * n + j];
                }
                y[j] = sum;
                psi[j] = p / ALPHA[k];
            }
            scale(y);
        }

        /**
         * Simplified Newton for {@code d + c g(w^(0) + d) + psi = 0} from {@code d = 0} with the current LU.
         *
         * @return whether it converged (the new point in {@code y}, the correction in {@code correction})
         */
        boolean newton(double c, double tol) {
            java.util.Arrays.fill(correction, 0.0);
            double normOld = Double.NaN;
            for (int it = 0; it < NEWTON_MAXITER; it++) {
                iterations = it + 1;
                field.valueAndGradient(y, g);
                evaluations++;
                if (!StopRules.allFinite(g)) {
                    return false;
                }
                for (int j = 0; j < n; j++) {
                    rhs[j] = -c * g[j] - psi[j] - correction[j];
                }
                lu.solve(rhs);
                counters.newtonIterations++;
                double dyNorm = norm(rhs, 0);
                if (!Double.isFinite(dyNorm)) {
                    return false;
                }
                double rate = it == 0 ? Double.NaN : dyNorm / normOld;
                if (it > 0 && (rate >= 1 || Math.pow(rate, NEWTON_MAXITER - it) / (1 - rate) * dyNorm > tol)) {
                    return false;
                }
                for (int j = 0; j < n; j++) {
                    y[j] += rhs[j];
                    correction[j] += rhs[j];
                }
                if (dyNorm == 0 || (it > 0 && rate / (1 - rate) * dyNorm < tol)) {
                    return true;
                }
                normOld = dyNorm;
            }
            return false;
        }

        /** Updates the differences after an accepted step with the correction {@code d}. */
        void accept() {
            final int k = order;
            int rowK1 = (k + 1) * n;
            int rowK2 = (k + 2) * n;
            for (int j = 0; j < n; j++) {
                d[rowK2 + j] = correction[j] - d[rowK1 + j];
                d[rowK1 + j] = correction[j];
            }
            for (int i = k; i >= 0; i--) {
                int row = i * n;
                int next = row + n;
                for (int j = 0; j < n; j++) {
                    d[row + j] += d[next + j];
                }
            }
            equalSteps++;
        }

        /**
         * Changes the step by {@code factor} at the current order: {@code D_0..D_k <- (R(factor) U)^T D_0..D_k}.
         * Resets the equal-step count.
         */
        void changeStep(double factor) {
            final int k = order;
            final int m = k + 1;
            BdfCoefficients.stepMatrix(k, factor, r);
            BdfCoefficients.stepMatrix(k, 1.0, u);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double sum = 0;
                    for (int l = 0; l < m; l++) {
                        sum += r[i * m + l] * u[l * m + j];
                    }
                    ru[i * m + j] = sum;
                }
            }
            for (int i = 0; i < m; i++) {
                for (int x = 0; x < n; x++) {
                    double sum = 0;
                    for (int j = 0; j < m; j++) {
                        sum += ru[j * m + i] * d[j * n + x];
                    }
                    buffer[i * n + x] = sum;
                }
            }
            System.arraycopy(buffer, 0, d, 0, m * n);
            equalSteps = 0;
        }
    }

    /** @return e.g. {@code bdf(rtol=1.0E-6, atol=1.0E-9, initialStep=auto, minStep=0.0, maxStep=Infinity)} */
    @Override
    public String toString() {
        return name + "(rtol=" + rtol + ", atol=" + atol + ", initialStep="
                + (Double.isNaN(initialStep) ? "auto" : Double.toString(initialStep)) + ", minStep=" + minStep
                + ", maxStep=" + maxStep + (maxOrder == MAX_ORDER ? "" : ", maxOrder=" + maxOrder) + ")";
    }
}
