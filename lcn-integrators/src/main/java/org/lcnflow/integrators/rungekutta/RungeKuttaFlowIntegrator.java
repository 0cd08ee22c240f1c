package org.lcnflow.integrators.rungekutta;

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
 * The one explicit Runge-Kutta loop of this module, run with any {@link ButcherTableau}: with a fixed
 * step ({@code euler}, {@code rk4}) or, for an embedded method, with error control
 * ({@code dormand-prince-54}, {@code dormand-prince-853}).
 *
 * <p>Gradient evaluations: one at {@code w0}; per attempted step one per stage after the first, since
 * the first stage is the gradient at the current point, evaluated at the end of the previous step
 * (for a FSAL tableau the last stage is that evaluation, otherwise it is one more call, made only for a
 * step that passed the error test). Euler thus costs 1 evaluation per step, RK4 4, Dormand-Prince 5(4)
 * 6 per attempted step, Dormand-Prince 8(5,3) 11 per attempted step and 1 more per accepted one. The
 * automatic initial step costs one more. A stage whose gradient is not finite ends the attempt at once.
 *
 * <p>Adaptive control (Hairer, Norsett and Wanner, Solving ODEs I, II.4, DOPRI5 and DOP853): the error
 * is the RMS of {@code h (sum_i e_i k_i)_j / (atol + rtol max(|w_j|, |w_new_j|))} with the tableau's
 * error weights {@code e = b - bHat}; with a second estimator {@code e~} it is
 * {@code err1^2 / sqrt(err1^2 + 0.01 err2^2)} (DOP853's combination, which behaves like {@code h^8}
 * for the 8(5,3) method). A step is accepted when the error is {@code <= 1}; the next step size follows
 * the tableau's {@link ButcherTableau.StepControl}. A step ending at a non-finite stage, value or
 * gradient is rejected and retried with the controller's smallest factor; a proposed step below
 * {@code minStep} or below 10 ulp of {@code t} (step-size underflow) ends the run DIVERGED, which is how
 * a true blow-up ends when it does not first exceed {@code maxParameterNorm}; so does a retry after a
 * non-finite trial that could no longer move {@code w} ({@link StopRules#belowResolution}: the field is not
 * finite within the resolution of {@code w}, and such steps would only crawl towards it). With a fixed step any
 * non-finite stage ends the run DIVERGED.
 *
 * <p>Zero coefficients are skipped: a sum that starts at {@code +0.0} and adds finite products is not
 * changed in any bit by a term {@code 0 * k = +-0}, so this only saves work.
 *
 * <p>No allocation per step: the stage arrays are allocated once per call. Immutable and thread-safe.
 */
public final class RungeKuttaFlowIntegrator implements FlowIntegrator {

    /** The controller's previous error before the first step, and its floor (DOPRI5's and DOP853's 1e-4). */
    private static final double INITIAL_ERROR_OLD = 1e-4;
    /** The weight of the second estimator in DOP853's combination {@code err1^2 / sqrt(err1^2 + 0.01 err2^2)}. */
    private static final double SECOND_ESTIMATOR_WEIGHT = 0.01;
    /** A last fixed step at most this fraction of {@code h} short of {@code tMax} is stretched to it. */
    private static final double FIXED_STEP_SNAP = 1e-9;

    private final String name;
    private final ButcherTableau tableau;
    private final boolean adaptive;
    private final double step;
    private final double rtol;
    private final double atol;
    private final double initialStep;
    private final double minStep;
    private final double maxStep;
    /** The nonzero coefficients of each row of {@code a}: their stage indices and values. */
    private final int[][] aIndex;
    private final double[][] aValue;
    /** The nonzero weights of the propagated solution. */
    private final int[] bIndex;
    private final double[] bValue;
    /** The nonzero error weights {@code b - bHat}; null for a fixed step. */
    private final int[] eIndex;
    private final double[] eValue;
    /** The nonzero weights {@code b - bTilde} of the second estimator; null without one. */
    private final int[] e2Index;
    private final double[] e2Value;
    /** The controller's constants; null for a fixed step. */
    private final ButcherTableau.StepControl control;

    private RungeKuttaFlowIntegrator(String name, ButcherTableau tableau, boolean adaptive, double step, double rtol,
                                     double atol, double initialStep, double minStep, double maxStep) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.tableau = Objects.requireNonNull(tableau, "tableau is null");
        this.adaptive = adaptive;
        this.step = step;
        this.rtol = rtol;
        this.atol = atol;
        this.initialStep = initialStep;
        this.minStep = minStep;
        this.maxStep = maxStep;
        int s = tableau.stages();
        aIndex = new int[s][];
        aValue = new double[s][];
        for (int i = 0; i < s; i++) {
            aIndex[i] = nonzero(tableau.a[i]);
            aValue[i] = values(tableau.a[i], aIndex[i]);
        }
        bIndex = nonzero(tableau.b);
        bValue = values(tableau.b, bIndex);
        if (adaptive) {
            eIndex = nonzero(tableau.errorWeights);
            eValue = values(tableau.errorWeights, eIndex);
            control = tableau.stepControl();
        } else {
            eIndex = null;
            eValue = null;
            control = null;
        }
        if (adaptive && tableau.hasSecondEstimator()) {
            e2Index = nonzero(tableau.secondErrorWeights);
            e2Value = values(tableau.secondErrorWeights, e2Index);
        } else {
            e2Index = null;
            e2Value = null;
        }
    }

    private static int[] nonzero(double[] coefficients) {
        int count = 0;
        for (double x : coefficients) {
            if (x != 0) {
                count++;
            }
        }
        int[] index = new int[count];
        count = 0;
        for (int l = 0; l < coefficients.length; l++) {
            if (coefficients[l] != 0) {
                index[count++] = l;
            }
        }
        return index;
    }

    private static double[] values(double[] coefficients, int[] index) {
        double[] values = new double[index.length];
        for (int m = 0; m < index.length; m++) {
            values[m] = coefficients[index[m]];
        }
        return values;
    }

    /**
     * @param name    the provider name
     * @param tableau any explicit tableau (an embedded one uses only {@code b})
     * @param step    the step, {@code > 0} and finite (checked by the provider)
     */
    public static RungeKuttaFlowIntegrator fixedStep(String name, ButcherTableau tableau, double step) {
        return new RungeKuttaFlowIntegrator(name, tableau, false, step, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }

    /**
     * @param name        the provider name
     * @param tableau     an embedded tableau, which brings its error estimator(s) and step control
     * @param rtol        relative tolerance
     * @param atol        absolute tolerance
     * @param initialStep the first step, or NaN to select it automatically
     * @param minStep     the smallest step tried
     * @param maxStep     the largest step taken
     */
    public static RungeKuttaFlowIntegrator adaptive(String name, ButcherTableau tableau, double rtol, double atol,
                                             double initialStep, double minStep, double maxStep) {
        if (!tableau.isEmbedded()) {
            throw new IllegalArgumentException(name + ": error control needs an embedded tableau, got " + tableau);
        }
        return new RungeKuttaFlowIntegrator(name, tableau, true, Double.NaN, rtol, atol, initialStep, minStep,
                maxStep);
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the tableau this integrator runs */
    ButcherTableau tableau() {
        return tableau;
    }

    @Override
    public FlowResult integrate(GradientField field, double[] w0, StopCondition stop, FlowObserver observer) {
        Opening opening = Opening.fresh(field, w0, stop, observer);
        double[] w = opening.w();
        final int n = w.length;
        double[] gradient = opening.gradient();
        double value = opening.value();
        StopReason reason = opening.reason();
        long evaluations = 1;
        double h = step;
        if (adaptive && reason == null) {
            h = StartingStep.first(initialStep, field, w, gradient, new double[n], new double[n], rtol, atol, minStep,
                    maxStep, control.exponent());
            evaluations += StartingStep.cost(initialStep);
        }
        return run(field, stop, observer, w, gradient, value, 0.0, 0, 0, evaluations, h, INITIAL_ERROR_OLD, reason);
    }

    @Override
    public boolean isResumable() {
        return true;
    }

    /**
     * Continues exactly: the saved point, value and gradient (the first stage of the next step), the
     * counters, and for the adaptive method the next step size {@code h} and the controller's previous
     * error {@code errorOld}.
     */
    @Override
    public FlowResult resume(GradientField field, IntegratorState state, StopCondition stop, FlowObserver observer) {
        Opening opening = Opening.resumed(this, field, state, stop, observer);
        double[] w = opening.w();
        double[] gradient = opening.gradient();
        StopReason reason = opening.reason();
        double h = adaptive ? state.control("h") : step;
        double errorOld = adaptive ? state.control("errorOld") : INITIAL_ERROR_OLD;
        return run(field, stop, observer, w, gradient, state.value(), state.time(), state.steps(),
                state.rejectedSteps(), state.evaluations(), h, errorOld, reason);
    }

    /** The loop, from an accepted state (fresh or resumed) on; allocates its work space once. */
    private FlowResult run(GradientField field, StopCondition stop, FlowObserver observer, double[] w,
                           double[] gradient, double value, double t, long steps, long rejected, long evaluations,
                           double h, double errorOld, StopReason reason) {
        final int s = tableau.stages();
        final boolean fsal = tableau.isFsal();
        final double tMax = stop.tMax();
        final Work work = new Work(gradient);
        work.evaluations = evaluations;
        final double[][] k = work.k;
        double gradientNorm = StopRules.norm2(gradient);
        boolean rejectedLast = false;

        while (reason == null) {
            // 1. the step: fixed steps end at k*step exactly, the last one shortened to tMax
            final boolean last;
            final double hTry;
            final double tNew;
            if (adaptive) {
                double remaining = tMax - t;
                double proposed = Math.min(h, maxStep);
                last = StopRules.isLastStep(proposed, remaining, maxStep);
                if (!last && StopRules.underflows(proposed, minStep, t)) {
                    reason = StopReason.DIVERGED; // step-size underflow
                    break;
                }
                hTry = last ? remaining : proposed;
                tNew = last ? tMax : t + hTry;
            } else {
                double tNext = (steps + 1) * step;
                last = tNext >= tMax || tMax - tNext <= FIXED_STEP_SNAP * step;
                hTry = last ? tMax - t : step;
                tNew = last ? tMax : tNext;
            }

            // 2. the stages after the first; for a FSAL tableau the last one is the new point
            if (!work.stages(field, w, hTry)) {
                if (!adaptive) {
                    reason = StopReason.DIVERGED;
                    break;
                }
                rejected++;
                rejectedLast = true;
                h = hTry * control.minFactor();
                if (StopRules.belowResolution(h, w, k[0])) {
                    reason = StopReason.DIVERGED; // the field is not finite within the resolution of w
                    break;
                }
                continue;
            }

            // 3. the error test
            double error = 0;
            if (adaptive) {
                error = work.error(w, hTry);
                if (!(error <= 1)) {
                    rejected++;
                    rejectedLast = true;
                    h = hTry * (Double.isNaN(error) ? control.minFactor()
                            : Math.max(control.minFactor(), control.safety() * Math.pow(error, -control.exponent())));
                    if (Double.isNaN(error) && StopRules.belowResolution(h, w, k[0])) {
                        reason = StopReason.DIVERGED;
                        break;
                    }
                    continue;
                }
            }

            // 4. the new point: finite, and inside the parameter-norm bound
            final double valueNew;
            final double[] gradientNew;
            if (fsal) {
                valueNew = work.valueNew;
                gradientNew = k[s - 1];
            } else {
                valueNew = field.valueAndGradient(work.wNew, work.gNew);
                work.evaluations++;
                gradientNew = work.gNew;
            }
            double gradientNormNew = StopRules.norm2(gradientNew);
            if (!StopRules.acceptable(stop, valueNew, gradientNormNew, StopRules.norm2(work.wNew))) {
                boolean pointFinite = Double.isFinite(valueNew) && Double.isFinite(gradientNormNew);
                if (adaptive && !pointFinite) {
                    rejected++;
                    rejectedLast = true;
                    h = hTry * control.minFactor();
                    if (StopRules.belowResolution(h, w, k[0])) {
                        reason = StopReason.DIVERGED;
                        break;
                    }
                    continue;
                }
                reason = StopReason.DIVERGED;
                break;
            }

            // 5. accept
            t = tNew;
            steps++;
            double[] swap = w;
            w = work.wNew;
            work.wNew = swap;
            if (fsal) {
                swap = k[0];
                k[0] = k[s - 1];
                k[s - 1] = swap;
            } else {
                swap = k[0];
                k[0] = work.gNew;
                work.gNew = swap;
            }
            value = valueNew;
            gradientNorm = gradientNormNew;
            boolean continues = observer.onStep(t, w, value, k[0]);
            reason = StopRules.afterStep(stop, last, gradientNorm, steps, continues);

            if (adaptive) {
                // +Inf for error 0, then maxFactor
                double factor = control.safety() * Math.pow(error, -control.alpha())
                        * Math.pow(errorOld, control.beta());
                factor = Math.max(control.minFactor(), Math.min(rejectedLast ? 1.0 : control.maxFactor(), factor));
                h = Math.max(hTry * factor, minStep);
                errorOld = Math.max(error, INITIAL_ERROR_OLD);
                rejectedLast = false;
            }
            if (observer.wantsState(t, steps)) {
                observer.onState(new IntegratorState(name, toString(), t, steps, rejected, work.evaluations, w, value,
                        k[0], adaptive ? Map.of("h", h, "errorOld", errorOld) : Map.of()));
            }
        }

        FlowResult result = new FlowResult(w, t, value, gradientNorm, steps, rejected, work.evaluations, reason);
        observer.onFinish(result);
        return result;
    }

    /**
     * The normalized error estimate of one attempted step of size {@code h} from {@code w}, computed as the
     * loop computes it (NaN when a stage gradient is not finite); for tests of the estimator.
     */
    public double errorEstimate(GradientField field, double[] w, double h) {
        if (!adaptive) {
            throw new IllegalStateException(this + " has no error estimate");
        }
        double[] gradient = new double[w.length];
        field.valueAndGradient(w, gradient);
        Work work = new Work(gradient);
        return work.stages(field, w, h) ? work.error(w, h) : Double.NaN;
    }

    /** The work space of one run, allocated once: the stages of an attempted step and its new point. */
    private final class Work {

        /** {@code k[i]}: the gradient of L at stage {@code i} (the flow's slope is its negative); {@code k[0]} at w. */
        final double[][] k;
        /** The point of the current stage. */
        final double[] arg;
        /** The new point of the attempted step. */
        double[] wNew;
        /** The gradient at the new point when the tableau is not FSAL (evaluated after the error test). */
        double[] gNew;
        /** {@code L(wNew)} when the tableau is FSAL. */
        double valueNew;
        long evaluations;

        /** @param gradient the gradient at the current point, used (not copied) as the first stage */
        Work(double[] gradient) {
            int n = gradient.length;
            int s = tableau.stages();
            k = new double[s][];
            k[0] = gradient;
            for (int i = 1; i < s; i++) {
                k[i] = new double[n];
            }
            arg = new double[n];
            wNew = new double[n];
            gNew = tableau.isFsal() ? null : new double[n];
        }

        /**
         * Evaluates the stages after the first and the new point {@code wNew} (for a FSAL tableau the last
         * stage, with its value in {@link #valueNew}).
         *
         * @return false when a stage gradient is not finite: the attempt ended at that stage
         */
        boolean stages(GradientField field, double[] w, double h) {
            final int n = w.length;
            final int s = k.length;
            final boolean fsal = tableau.isFsal();
            valueNew = Double.NaN;
            for (int i = 1; i < s; i++) {
                final int[] index = aIndex[i];
                final double[] coefficient = aValue[i];
                final boolean isNewPoint = fsal && i == s - 1;
                final double[] target = isNewPoint ? wNew : arg;
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int m = 0; m < index.length; m++) {
                        sum += coefficient[m] * k[index[m]][j];
                    }
                    target[j] = w[j] - h * sum;
                }
                double stageValue = field.valueAndGradient(target, k[i]);
                evaluations++;
                if (isNewPoint) {
                    valueNew = stageValue;
                }
                if (!StopRules.allFinite(k[i])) {
                    return false;
                }
            }
            if (!fsal) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int m = 0; m < bIndex.length; m++) {
                        sum += bValue[m] * k[bIndex[m]][j];
                    }
                    wNew[j] = w[j] - h * sum;
                }
            }
            return true;
        }

        /** @return the normalized error estimate of the step just computed, {@code <= 1} to accept */
        double error(double[] w, double h) {
            final int n = w.length;
            double sum = 0;
            if (e2Index == null) {
                for (int j = 0; j < n; j++) {
                    double e = 0;
                    for (int m = 0; m < eIndex.length; m++) {
                        e += eValue[m] * k[eIndex[m]][j];
                    }
                    double scale = atol + rtol * Math.max(Math.abs(w[j]), Math.abs(wNew[j]));
                    double ratio = h * e / scale;
                    sum += ratio * ratio;
                }
                return Math.sqrt(sum / Math.max(n, 1));
            }
            // DOP853: err1^2 / sqrt(err1^2 + 0.01 err2^2) with err_i = h sqrt(sum_i / n)
            double sum2 = 0;
            for (int j = 0; j < n; j++) {
                double e = 0;
                for (int m = 0; m < eIndex.length; m++) {
                    e += eValue[m] * k[eIndex[m]][j];
                }
                double e2 = 0;
                for (int m = 0; m < e2Index.length; m++) {
                    e2 += e2Value[m] * k[e2Index[m]][j];
                }
                double scale = atol + rtol * Math.max(Math.abs(w[j]), Math.abs(wNew[j]));
                double ratio = e / scale;
                double ratio2 = e2 / scale;
                sum += ratio * ratio;
                sum2 += ratio2 * ratio2;
            }
            double denominator = sum + SECOND_ESTIMATOR_WEIGHT * sum2;
            if (denominator <= 0) {
                denominator = 1; // both estimates vanish: the error is 0
            }
            return h * sum / Math.sqrt(Math.max(n, 1) * denominator);
        }
    }


    /** @return e.g. {@code rk4(step=0.01)} or {@code dormand-prince-54(rtol=1.0E-6, atol=1.0E-9, ...)} */
    @Override
    public String toString() {
        if (!adaptive) {
            return name + "(step=" + step + ")";
        }
        return name + "(rtol=" + rtol + ", atol=" + atol + ", initialStep="
                + (Double.isNaN(initialStep) ? "auto" : Double.toString(initialStep)) + ", minStep=" + minStep
                + ", maxStep=" + maxStep + ")";
    }
}
