package org.lcnflow.integrators.extrapolation;

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
import org.lcnflow.integrators.control.StopRules;

/**
 * {@code gragg-bulirsch-stoer}: extrapolation of Gragg's modified midpoint rule with variable step size
 * and order, after Hairer, Norsett and Wanner, <i>Solving Ordinary Differential Equations I</i>, 2nd ed.,
 * section II.9 (subsections "The GBS Method" and "Order and Step Size Control"), their code ODEX, and
 * Deuflhard, "Order and stepsize control in extrapolation methods", Numer. Math. 41 (1983).
 *
 * <p><b>One step</b> from {@code w} of size {@code H}, for {@code f = -grad L}: column {@code j = 0, 1, ...}
 * of the extrapolation table takes {@code n_j} substeps of size {@code s = H / n_j} of the modified
 * midpoint rule, {@code z_0 = w}, {@code z_1 = z_0 + s f(z_0)}, {@code z_{m+1} = z_{m-1} + 2 s f(z_m)}, and
 * Gragg's smoothing {@code T_{j,0} = (z_{n-1} + z_n + s f(z_n)) / 2}, whose error has an expansion in
 * even powers of {@code s} (HNW II.9, Gragg's theorem). The step-number sequence is the harmonic one,
 * {@code n_j = 2 (j + 1) = 2, 4, 6, 8, ...}, ODEX's default without dense output: it is the cheapest per
 * column (column {@code j} costs {@code n_j} gradients; this integrator has no dense output, which is
 * what Deuflhard's {@code 2, 6, 10, 14, ...} of Hipparchus is needed for). Aitken-Neville extrapolation
 * in {@code s^2}: {@code T_{j,l} = T_{j,l-1} + (T_{j,l-1} - T_{j-1,l-1}) / ((n_j / n_{j-l})^2 - 1)};
 * {@code T_{j,j}} has order {@code 2 (j + 1)}, so one step with {@code k} columns has local error
 * {@code O(H^(2k+1))}. The accepted point is the diagonal entry {@code T_{c,c}} of the column {@code c}
 * where the step converged.
 *
 * <p><b>Error estimate</b> of column {@code j >= 1}: {@code err_j} is the RMS of
 * {@code (T_{j,j} - T_{j,j-1})_i / sc_i} with {@code sc_i = atol + rtol max(|w_i|, |T_{j,j,i}|)} (the
 * difference of the two last entries of the newest row, as ODEX; it estimates the error of
 * {@code T_{j,j-1}}, of order {@code 2j}). From it the step that column {@code j} proposes is
 * {@code H_j = H / clamp((err_j / 0.65)^(1/(2j+1)) / 0.94, f_j, 4 / f_j)} with
 * {@code f_j = 0.02^(1/(2j+1))}, at most {@code maxStep}, and its work per unit step is
 * {@code W_j = A_j / H_j} with {@code A_j = 1 + n_0 + ... + n_j} gradients.
 *
 * <p><b>Order and step-size control</b> (HNW II.9, ODEX): the target column {@code k} (order
 * {@code 2 (k + 1)}, {@code 1 <= k <= maxOrder/2 - 2}) starts at
 * {@code floor(1.5 - 0.6 log10(rtol + 1e-40)) - 1} and the step converges in the window
 * {@code k-1, k, k+1}: after column {@code k-1} the step is accepted when {@code err <= 1} and rejected when
 * {@code err > (n_{k+1} n_k / n_0^2)^2} (convergence is not expected by column {@code k+1}; this test is
 * skipped for {@code k = 1} and right after a rejection); after column {@code k} accepted when
 * {@code err <= 1}, rejected when {@code err > (n_{k+1} / n_0)^2}; after column {@code k+1} accepted when
 * {@code err <= 1}, else rejected. The first step and a step ending at {@code tMax} accept the first
 * column {@code j >= 1} with {@code err_j <= 1}. After an accepted step at column {@code c} the next
 * target is the column of least work per unit step among {@code c-1, c, c+1} (decrease when
 * {@code W_{c-1} < 0.8 W_c}, increase when {@code W_c < 0.9 W_{c-1}}), with its step {@code H_k} (for an
 * increase, {@code H_c} scaled by the work ratio {@code A_k / A_c}, or {@code A_{k+1} / A_c} when the step
 * converged before its target and the work still falls), and at least {@code minStep}; right after a
 * rejection neither the order nor the step may grow. A step rejected by its error test retries with the
 * target lowered to {@code min(k, c)} (one less when {@code W_{k-1} < 0.8 W_k}) and {@code H_k}.
 *
 * <p><b>Stability and divergence</b>: in the first two columns the first midpoint substep checks
 * {@code ||f(z_1) - f(z_0)|| <= 2 ||f(z_0)||} (scaled by {@code atol + rtol |w|}; ODEX's stability check:
 * the midpoint rule is unstable for the negative real eigenvalues of a gradient flow's Jacobian
 * {@code -Hess L}, so a step far beyond the stable size is caught after one gradient); the convergence
 * monitor rejects a column {@code j >= 2} whose error is not below {@code max(4 err_{j-1}, 1)}, and any
 * error at least {@code 1/eps}. These, a gradient that is not finite in a substep, and a new point whose
 * value or gradient is not finite reject the step and retry it with half the step, keeping the order. A
 * proposed step below {@code minStep} or below 10 ulp of {@code t} (other than the last) ends the run
 * DIVERGED (step-size underflow), as does a new point with {@code ||w|| > maxParameterNorm} and a retry after
 * a failed check that could no longer move {@code w} ({@link StopRules#belowResolution}).
 *
 * <p><b>Counts</b>: every call of the field is an evaluation: one at {@code w0}, one for the automatic
 * initial step (Hairer's algorithm, HNW II.4, with exponent {@code 1/(2k+1)}; none when
 * {@code initialStep} is given), {@code n_j} per column computed ({@code n_j - 1} substeps and the
 * smoothing; fewer when a check ends the column early), and one at each accepted point, which is the
 * first stage of the next step and what the observer is shown. Every attempt that is not accepted is one
 * rejected step, whatever rejected it.
 *
 * <p><b>Resumable</b>: between steps the integrator carries only the point, its value and gradient, the
 * counters, the next step {@code h}, the target order and the rejection flag; they are handed over as
 * control entries {@code h}, {@code order} ({@code 2 (k + 1)}) and {@code rejected} (0 or 1), and a
 * resumed run repeats the uninterrupted one bit for bit. The table, the proposed steps and the work
 * estimates are recomputed in every step.
 *
 * <p>Immutable and thread-safe: each call keeps its own state and allocates its work arrays once; a step
 * allocates nothing.
 */
public final class GraggBulirschStoerFlowIntegrator implements FlowIntegrator {

    /** The largest allowed {@code maxOrder}: order 30 is far past what double precision can use. */
    public static final int MAX_ORDER_LIMIT = 30;
    /** The smallest allowed {@code maxOrder}: the convergence window needs three columns. */
    public static final int MIN_ORDER_LIMIT = 6;

    /** Safety factors of the step-size formula (ODEX's SAFE1 and SAFE2). */
    private static final double SAFE1 = 0.65;
    private static final double SAFE2 = 0.94;
    /** The step ratio of column j is within [f_j / FAC2, 1 / f_j], f_j = FAC1^(1/(2j+1)) (ODEX). */
    private static final double FAC1 = 0.02;
    private static final double FAC2 = 4.0;
    /** Order decrease when W_{k-1} < FAC3 W_k, increase when W_k < FAC4 W_{k-1} (ODEX). */
    private static final double FAC3 = 0.8;
    private static final double FAC4 = 0.9;
    /** The step factor after a failed stability check, convergence monitor or non-finite value. */
    private static final double REDUCTION = 0.5;
    /** The columns whose first substep is checked for stability (ODEX's JSTAB). */
    private static final int STABILITY_COLUMNS = 2;
    /** The unit roundoff. */
    private static final double UROUND = Math.ulp(1.0) / 2;

    /** How a column ended. */
    private static final int COLUMN_DONE = 0;
    private static final int COLUMN_FAILED = 1;

    private final String name;
    private final double rtol;
    private final double atol;
    private final double initialStep;
    private final double minStep;
    private final double maxStep;
    private final int maxOrder;
    /** The number of columns of the table, {@code maxOrder / 2}. */
    private final int columns;
    /** {@code n_j = 2 (j + 1)}. */
    private final int[] substeps;
    /** {@code A_j = 1 + n_0 + ... + n_j}, the gradients of a step that converges in column j. */
    private final double[] work;
    /** {@code coefficients[j][l] = 1 / ((n_j / n_{j-l})^2 - 1)}, {@code 1 <= l <= j}. */
    private final double[][] coefficients;
    /** {@code 1 / (2j + 1)}, the exponent of the step proposed by column j. */
    private final double[] exponents;
    /** {@code f_j = FAC1^(1/(2j+1))}. */
    private final double[] minFactors;
    /** The first target column. */
    private final int initialColumn;

    /**
     * @param name        the provider name
     * @param rtol        relative tolerance, {@code >= 0}
     * @param atol        absolute tolerance, {@code > 0}
     * @param initialStep the first step, or NaN to select it automatically
     * @param minStep     the smallest step tried
     * @param maxStep     the largest step taken
     * @param maxOrder    the order of the last column, even, in
     *                    [{@value #MIN_ORDER_LIMIT}, {@value #MAX_ORDER_LIMIT}]
     */
    public GraggBulirschStoerFlowIntegrator(String name, double rtol, double atol, double initialStep, double minStep,
                                     double maxStep, int maxOrder) {
        this.name = Objects.requireNonNull(name, "name is null");
        if (maxOrder < MIN_ORDER_LIMIT || maxOrder > MAX_ORDER_LIMIT || maxOrder % 2 != 0) {
            throw new IllegalArgumentException(name + ": maxOrder must be an even integer in [" + MIN_ORDER_LIMIT
                    + ", " + MAX_ORDER_LIMIT + "], got " + maxOrder);
        }
        this.rtol = rtol;
        this.atol = atol;
        this.initialStep = initialStep;
        this.minStep = minStep;
        this.maxStep = maxStep;
        this.maxOrder = maxOrder;
        this.columns = maxOrder / 2;
        this.substeps = new int[columns];
        this.work = new double[columns];
        this.coefficients = new double[columns][];
        this.exponents = new double[columns];
        this.minFactors = new double[columns];
        for (int j = 0; j < columns; j++) {
            substeps[j] = 2 * (j + 1);
            work[j] = (j == 0 ? 1 : work[j - 1]) + substeps[j];
            coefficients[j] = new double[j + 1];
            for (int l = 1; l <= j; l++) {
                double ratio = (double) substeps[j] / substeps[j - l];
                coefficients[j][l] = 1.0 / (ratio * ratio - 1.0);
            }
            exponents[j] = 1.0 / (2 * j + 1);
            minFactors[j] = Math.pow(FAC1, exponents[j]);
        }
        int start = (int) Math.floor(1.5 - 0.6 * Math.log10(rtol + 1e-40)) - 1;
        this.initialColumn = Math.max(1, Math.min(columns - 2, start));
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the number of substeps of column {@code j}, {@code 2 (j + 1)} */
    int substeps(int j) {
        return substeps[j];
    }

    @Override
    public FlowResult integrate(GradientField field, double[] w0, StopCondition stop, FlowObserver observer) {
        final int n = StopRules.checkArguments(field, w0, stop, observer);
        Run run = new Run(field, n, stop, observer);
        System.arraycopy(w0, 0, run.w, 0, n);
        run.value = field.valueAndGradient(run.w, run.gradient);
        run.evaluations = 1;
        double gradientNorm = StopRules.norm2(run.gradient);
        StopRules.checkStart(run.value, gradientNorm);
        observer.onStart(0.0, run.w, run.value, run.gradient);
        StopReason reason = StopRules.atStart(stop, StopRules.norm2(run.w), gradientNorm);
        run.k = initialColumn;
        run.fresh = true;
        if (reason == null) {
            if (Double.isNaN(initialStep)) {
                run.h = run.selectInitialStep();
            } else {
                run.h = initialStep;
            }
        }
        return run.loop(reason);
    }

    @Override
    public boolean isResumable() {
        return true;
    }

    /**
     * Continues exactly from a state this integrator handed over: the point, value and gradient (the first
     * stage of the next step), the counters, the next step {@code h}, the target {@code order} and the
     * {@code rejected} flag.
     */
    @Override
    public FlowResult resume(GradientField field, IntegratorState state, StopCondition stop, FlowObserver observer) {
        StopRules.checkOwner(state, this);
        double[] w = state.parameters();
        final int n = StopRules.checkArguments(field, w, stop, observer);
        double h = state.control("h");
        double order = state.control("order");
        double rejectedFlag = state.control("rejected");
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("the saved state's step h must be > 0 and finite, got " + h);
        }
        if (order != Math.rint(order) || order < 4 || order > maxOrder - 2 || order % 2 != 0) {
            throw new IllegalArgumentException("the saved state's order must be an even integer in [4, "
                    + (maxOrder - 2) + "], got " + order);
        }
        if (rejectedFlag != 0 && rejectedFlag != 1) {
            throw new IllegalArgumentException("the saved state's rejected flag must be 0 or 1, got " + rejectedFlag);
        }
        Run run = new Run(field, n, stop, observer);
        System.arraycopy(w, 0, run.w, 0, n);
        double[] gradient = state.gradient();
        System.arraycopy(gradient, 0, run.gradient, 0, n);
        run.value = state.value();
        double gradientNorm = StopRules.norm2(gradient);
        StopRules.checkStart(run.value, gradientNorm);
        observer.onResume(state);
        StopReason reason = StopRules.atResume(stop, state, gradientNorm);
        run.t = state.time();
        run.steps = state.steps();
        run.rejected = state.rejectedSteps();
        run.evaluations = state.evaluations();
        run.h = h;
        run.k = (int) order / 2 - 1;
        run.rejectedLast = rejectedFlag == 1;
        run.fresh = false;
        return run.loop(reason);
    }

    /**
     * One step of {@code columns} columns without any control, for tests of the method's order.
     *
     * @param field   the gradient field
     * @param w       the point the step starts from
     * @param h       the step
     * @param columns the number of columns, in {@code [1, maxOrder/2]}
     * @return {@code T_{c,c}} with {@code c = columns - 1}: the extrapolated point after the step
     * @throws IllegalStateException when a gradient is not finite, or the stability check or the convergence
     *                               monitor fails
     */
    double[] extrapolatedStep(GradientField field, double[] w, double h, int columns) {
        if (columns < 1 || columns > this.columns) {
            throw new IllegalArgumentException("columns must be in [1, " + this.columns + "], got " + columns);
        }
        Run run = new Run(field, w.length, StopCondition.atTime(1), FlowObserver.NONE);
        System.arraycopy(w, 0, run.w, 0, w.length);
        run.value = field.valueAndGradient(run.w, run.gradient);
        for (int j = 0; j < columns; j++) {
            if (run.column(j, h) != COLUMN_DONE) {
                throw new IllegalStateException("column " + j + " failed at h = " + h + ": a gradient is not"
                        + " finite, or the stability check or the convergence monitor failed");
            }
        }
        return run.table[columns - 1].clone();
    }

    /** The state of one call: the point, the counters, the controller and the work arrays. */
    private final class Run {

        private final GradientField field;
        private final StopCondition stop;
        private final FlowObserver observer;
        private final int n;

        /** The accepted point, its gradient, and the next one's. */
        private double[] w;
        private double[] gradient;
        private double[] gradientNew;
        /** The two last midpoint values {@code z_{m-1}}, {@code z_m}, and the gradient at a substep. */
        private final double[] zA;
        private final double[] zB;
        private final double[] f;
        /** {@code table[l]} holds {@code T_{j,l}} of the newest row {@code j}. */
        private final double[][] table;
        /** The step proposed by column j, and its work per unit step ({@code W_0 = 0}, ODEX). */
        private final double[] proposed;
        private final double[] workPerTime;

        private double value;
        private double t;
        private long steps;
        private long rejected;
        private long evaluations;
        /** The next step and target column. */
        private double h;
        private int k;
        /** Whether the last attempt failed a check (non-finite, stability, convergence monitor) and halved h. */
        private boolean reduced;
        /** Whether the last attempt was rejected; whether no step has been attempted yet. */
        private boolean rejectedLast;
        private boolean fresh;
        /** The error of the last column computed, and the convergence monitor's bound for the next. */
        private double error;
        private double errorBound;

        Run(GradientField field, int n, StopCondition stop, FlowObserver observer) {
            this.field = field;
            this.stop = stop;
            this.observer = observer;
            this.n = n;
            this.w = new double[n];
            this.gradient = new double[n];
            this.gradientNew = new double[n];
            this.zA = new double[n];
            this.zB = new double[n];
            this.f = new double[n];
            this.table = new double[columns][n];
            this.proposed = new double[columns];
            this.workPerTime = new double[columns];
        }

        /** The steps, from an accepted state (fresh or resumed) on. */
        FlowResult loop(StopReason initialReason) {
            StopReason reason = initialReason;
            final double tMax = stop.tMax();
            double gradientNorm = StopRules.norm2(gradient);
            while (reason == null) {
                // 1. the step: the last one ends exactly at tMax
                double remaining = tMax - t;
                double step = Math.min(h, maxStep);
                boolean last = StopRules.isLastStep(step, remaining, maxStep);
                if (!last && StopRules.underflows(step, minStep, t)) {
                    reason = StopReason.DIVERGED; // step-size underflow
                    break;
                }
                final double hTry = last ? remaining : step;
                final double tNew = last ? tMax : t + hTry;
                final boolean firstOrLast = fresh || last;
                fresh = false;

                // 2. the extrapolation table, column by column, until the step converges or is rejected
                reduced = false;
                int converged = attempt(hTry, firstOrLast);
                if (converged < 0) {
                    rejected++;
                    rejectedLast = true;
                    if (reduced && StopRules.belowResolution(h, w, gradient)) {
                        reason = StopReason.DIVERGED; // not finite (or unstable) within the resolution of w
                        break;
                    }
                    continue; // attempt() set h and k
                }

                // 3. the new point: finite, and inside the parameter-norm bound
                final double[] wNew = table[converged];
                double valueNew = field.valueAndGradient(wNew, gradientNew);
                evaluations++;
                double gradientNormNew = StopRules.norm2(gradientNew);
                if (!StopRules.acceptable(stop, valueNew, gradientNormNew, StopRules.norm2(wNew))) {
                    if (!Double.isFinite(valueNew) || !Double.isFinite(gradientNormNew)) {
                        rejected++;
                        rejectedLast = true;
                        h = hTry * REDUCTION;
                        if (StopRules.belowResolution(h, w, gradient)) {
                            reason = StopReason.DIVERGED;
                            break;
                        }
                        continue;
                    }
                    reason = StopReason.DIVERGED;
                    break;
                }

                // 4. accept
                t = tNew;
                steps++;
                System.arraycopy(wNew, 0, w, 0, n);
                double[] swap = gradient;
                gradient = gradientNew;
                gradientNew = swap;
                value = valueNew;
                gradientNorm = gradientNormNew;
                boolean continues = observer.onStep(t, w, value, gradient);
                reason = StopRules.afterStep(stop, last, gradientNorm, steps, continues);

                // 5. the next order and step
                control(converged, hTry);
                if (observer.wantsState(t, steps)) {
                    observer.onState(new IntegratorState(name, GraggBulirschStoerFlowIntegrator.this.toString(),
                            t, steps, rejected, evaluations, w, value, gradient,
                            Map.of("h", h, "order", (double) (2 * (k + 1)), "rejected", rejectedLast ? 1.0 : 0.0)));
                }
            }
            FlowResult result = new FlowResult(w, t, value, gradientNorm, steps, rejected, evaluations, reason);
            observer.onFinish(result);
            return result;
        }

        /**
         * Computes columns of the table in the convergence window of the target column {@code k}.
         *
         * @return the column the step converged in, or -1 when it is rejected (then {@code h} and {@code k}
         *         are set for the retry)
         */
        private int attempt(double hTry, boolean firstOrLast) {
            final int n0 = substeps[0];
            if (firstOrLast) {
                for (int j = 0; j <= k; j++) {
                    if (column(j, hTry) != COLUMN_DONE) {
                        return reduce(hTry);
                    }
                    if (j >= 1 && error <= 1) {
                        return j;
                    }
                }
            } else {
                for (int j = 0; j < k; j++) {
                    if (column(j, hTry) != COLUMN_DONE) {
                        return reduce(hTry);
                    }
                }
                if (k > 1 && !rejectedLast) {
                    if (error <= 1) {
                        return k - 1;
                    }
                    double ratio = (double) substeps[k + 1] * substeps[k] / (n0 * n0);
                    if (error > ratio * ratio) {
                        return reject(k - 1);
                    }
                }
                if (column(k, hTry) != COLUMN_DONE) {
                    return reduce(hTry);
                }
                if (error <= 1) {
                    return k;
                }
            }
            // convergence is hoped for in column k + 1
            double ratio = (double) substeps[k + 1] / n0;
            if (error > ratio * ratio) {
                return reject(k);
            }
            if (column(k + 1, hTry) != COLUMN_DONE) {
                return reduce(hTry);
            }
            return error <= 1 ? k + 1 : reject(k + 1);
        }

        /** A step rejected by a failed check: half the step, the same order. */
        private int reduce(double hTry) {
            h = hTry * REDUCTION;
            reduced = true;
            return -1;
        }

        /** A step rejected by its error test in column {@code c}: a lower target, the step it proposes. */
        private int reject(int c) {
            k = Math.min(Math.min(k, c), columns - 2);
            if (k > 1 && workPerTime[k - 1] < workPerTime[k] * FAC3) {
                k--;
            }
            h = proposed[k];
            return -1;
        }

        /** The order and step after a step accepted in column {@code c} (HNW II.9, ODEX). */
        private void control(int c, double hTry) {
            int next;
            if (c == 1) {
                next = rejectedLast ? 1 : Math.min(2, columns - 2);
            } else if (c <= k) {
                next = c;
                if (workPerTime[c - 1] < workPerTime[c] * FAC3) {
                    next = c - 1;
                }
                if (workPerTime[c] < workPerTime[c - 1] * FAC4) {
                    next = Math.min(c + 1, columns - 2);
                }
            } else {
                next = c - 1;
                if (c > 2 && workPerTime[c - 2] < workPerTime[c - 1] * FAC3) {
                    next = c - 2;
                }
                if (workPerTime[c] < workPerTime[next] * FAC4) {
                    next = Math.min(c, columns - 2);
                }
            }
            if (rejectedLast) {
                // neither the order nor the step grows right after a rejection
                k = Math.min(next, c);
                h = Math.min(hTry, proposed[k]);
            } else {
                if (next <= c) {
                    h = proposed[next];
                } else if (c < k && workPerTime[c] < workPerTime[c - 1] * FAC4) {
                    h = proposed[c] * work[next + 1] / work[c];
                } else {
                    h = proposed[c] * work[next] / work[c];
                }
                k = next;
            }
            h = Math.max(h, minStep);
            rejectedLast = false;
        }

        /**
         * Column {@code j}: the modified midpoint rule with {@code n_j} substeps and Gragg's smoothing, the
         * stability check in the first two columns, Aitken-Neville extrapolation into {@code table}, and for
         * {@code j >= 1} the error estimate, the convergence monitor, the proposed step and its work.
         *
         * @return {@link #COLUMN_DONE}, or {@link #COLUMN_FAILED} when a gradient is not finite, the
         *         stability check or the convergence monitor fails, or the error is not finite
         */
        int column(int j, double hTry) {
            final int m = substeps[j];
            final double s = hTry / m;
            final double twoS = 2 * s;
            double[] previous = zA;
            double[] current = zB;
            for (int i = 0; i < n; i++) {
                previous[i] = w[i];
                current[i] = w[i] - s * gradient[i];
            }
            for (int step = 1; step < m; step++) {
                field.valueAndGradient(current, f);
                evaluations++;
                if (!StopRules.allFinite(f)) {
                    return COLUMN_FAILED;
                }
                if (step == 1 && j < STABILITY_COLUMNS && !stable()) {
                    return COLUMN_FAILED;
                }
                for (int i = 0; i < n; i++) {
                    previous[i] -= twoS * f[i];
                }
                double[] swap = previous;
                previous = current;
                current = swap;
            }
            field.valueAndGradient(current, f);
            evaluations++;
            if (!StopRules.allFinite(f)) {
                return COLUMN_FAILED;
            }
            // Gragg's smoothing into previous, then the new row of the table
            for (int i = 0; i < n; i++) {
                previous[i] = 0.5 * (previous[i] + current[i] - s * f[i]);
            }
            if (j == 0) {
                System.arraycopy(previous, 0, table[0], 0, n);
                return COLUMN_DONE;
            }
            final double[] c = coefficients[j];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double above = table[0][i]; // T_{j-1,0}
                double entry = previous[i]; // T_{j,0}
                double below = entry;
                table[0][i] = entry;
                for (int l = 1; l <= j; l++) {
                    double next = entry + (entry - above) * c[l]; // T_{j,l}
                    if (l < j) {
                        above = table[l][i]; // T_{j-1,l}
                    }
                    table[l][i] = next;
                    below = entry;
                    entry = next;
                }
                double scale = atol + rtol * Math.max(Math.abs(w[i]), Math.abs(entry));
                double ratio = (entry - below) / scale;
                sum += ratio * ratio;
            }
            error = Math.sqrt(sum / Math.max(n, 1));
            if (!(error * UROUND < 1) || (j >= 2 && error >= errorBound)) {
                return COLUMN_FAILED; // not finite, or the extrapolation diverges
            }
            errorBound = Math.max(4 * error, 1.0);
            double factor = Math.pow(error / SAFE1, exponents[j]) / SAFE2;
            factor = Math.min(FAC2 / minFactors[j], Math.max(minFactors[j], factor));
            proposed[j] = Math.min(hTry / factor, maxStep);
            workPerTime[j] = work[j] / proposed[j];
            return COLUMN_DONE;
        }

        /**
         * ODEX's stability check after the first substep: {@code ||f(z_1) - f(z_0)||^2 <= 4 ||f(z_0)||^2}
         * in the norm scaled by {@code atol + rtol |w|}.
         */
        private boolean stable() {
            double initial = 0;
            double change = 0;
            for (int i = 0; i < n; i++) {
                double scale = atol + rtol * Math.abs(w[i]);
                double g0 = gradient[i] / scale;
                double dg = (f[i] - gradient[i]) / scale;
                initial += g0 * g0;
                change += dg * dg;
            }
            return change <= 4 * Math.max(UROUND, initial);
        }

        /**
         * Hairer's starting step ({@link StartingStep}) for the error of order {@code 2k+1} of the first target
         * column. Costs one evaluation.
         */
        double selectInitialStep() {
            evaluations++;
            return StartingStep.select(field, w, gradient, zA, f, rtol, atol, minStep, maxStep, exponents[k]);
        }
    }


    /** @return e.g. {@code gragg-bulirsch-stoer(rtol=1.0E-6, atol=1.0E-9, initialStep=auto, ..., maxOrder=18)} */
    @Override
    public String toString() {
        return name + "(rtol=" + rtol + ", atol=" + atol + ", initialStep="
                + (Double.isNaN(initialStep) ? "auto" : Double.toString(initialStep)) + ", minStep=" + minStep
                + ", maxStep=" + maxStep + ", maxOrder=" + maxOrder + ")";
    }
}
