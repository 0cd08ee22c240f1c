package org.lcnflow.integrators;

import java.util.Map;
import java.util.Objects;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;

/**
 * The one explicit Runge-Kutta loop of this module, run with any {@link ButcherTableau}: with a fixed
 * step ({@code euler}, {@code rk4}) or, for an embedded pair, with error control ({@code dormand-prince-54}).
 *
 * <p>Gradient evaluations: one at {@code w0}; per attempted step one per stage after the first, since
 * the first stage is the gradient at the current point, evaluated at the end of the previous step
 * (for a FSAL tableau the last stage is that evaluation, otherwise it is one more call). Euler thus
 * costs 1 evaluation per step, RK4 4 and Dormand-Prince 5(4) 6. The automatic initial step costs one
 * more. A stage whose gradient is not finite ends the attempt at once.
 *
 * <p>Adaptive control (Hairer, Norsett and Wanner, Solving ODEs I, II.4 and DOPRI5): the error is the
 * RMS of {@code (w_new - w_hat)_j / (atol + rtol max(|w_j|, |w_new_j|))}; a step is accepted when it is
 * {@code <= 1}. The next step is {@code h * clamp(0.9 err^-alpha errOld^beta, 0.2, 10)} with
 * {@code beta = 0.04}, {@code alpha = 1/(q+1) - 0.75 beta} ({@code q} the lower order of the pair),
 * no growth right after a rejection, and {@code h * max(0.2, 0.9 err^-1/(q+1))} after a rejection.
 * A step ending at a non-finite stage, value or gradient is rejected and retried with a step five times
 * smaller; a proposed step below {@code minStep} or below 10 ulp of {@code t} (step-size underflow)
 * ends the run DIVERGED, which is how a true blow-up ends when it does not first exceed
 * {@code maxParameterNorm}. With a fixed step any non-finite stage ends the run DIVERGED.
 *
 * <p>No allocation per step: the stage arrays are allocated once per call. Immutable and thread-safe.
 */
final class RungeKuttaFlowIntegrator implements FlowIntegrator {

    private static final double SAFETY = 0.9;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 10;
    private static final double BETA = 0.04;
    /** The controller's previous error before the first step, and its floor (DOPRI5's 1e-4). */
    private static final double INITIAL_ERROR_OLD = 1e-4;
    /** A last fixed step at most this fraction of {@code h} short of {@code tMax} is stretched to it. */
    private static final double FIXED_STEP_SNAP = 1e-9;
    /** An adaptive step at most this fraction short of {@code tMax} is stretched to it (as DOPRI5). */
    private static final double ADAPTIVE_STEP_SNAP = 0.01;

    private final String name;
    private final ButcherTableau tableau;
    private final boolean adaptive;
    private final double step;
    private final double rtol;
    private final double atol;
    private final double initialStep;
    private final double minStep;
    private final double maxStep;
    /** {@code b - bHat}, the weights of the error estimate; null for a fixed step. */
    private final double[] errorWeights;
    /** {@code 1/(q+1)}, {@code q} the lower order of the embedded pair. */
    private final double errorExponent;
    private final double alpha;

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
        if (adaptive) {
            int s = tableau.stages();
            errorWeights = new double[s];
            for (int i = 0; i < s; i++) {
                errorWeights[i] = tableau.b[i] - tableau.bHat[i];
            }
            errorExponent = 1.0 / (Math.min(tableau.order(), tableau.embeddedOrder()) + 1);
            alpha = errorExponent - 0.75 * BETA;
        } else {
            errorWeights = null;
            errorExponent = Double.NaN;
            alpha = Double.NaN;
        }
    }

    /**
     * @param name    the provider name
     * @param tableau any explicit tableau (an embedded one uses only {@code b})
     * @param step    the step, {@code > 0} and finite (checked by the provider)
     */
    static RungeKuttaFlowIntegrator fixedStep(String name, ButcherTableau tableau, double step) {
        return new RungeKuttaFlowIntegrator(name, tableau, false, step, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }

    /**
     * @param name        the provider name
     * @param tableau     an embedded tableau
     * @param rtol        relative tolerance
     * @param atol        absolute tolerance
     * @param initialStep the first step, or NaN to select it automatically
     * @param minStep     the smallest step tried
     * @param maxStep     the largest step taken
     */
    static RungeKuttaFlowIntegrator adaptive(String name, ButcherTableau tableau, double rtol, double atol,
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
        final int n = StopRules.checkArguments(field, w0, stop, observer);
        double[] w = w0.clone();
        double[] gradient = new double[n];
        double value = field.valueAndGradient(w, gradient);
        double gradientNorm = StopRules.norm2(gradient);
        StopRules.checkStart(value, gradientNorm);
        observer.onStart(0.0, w, value, gradient);
        StopReason reason = StopRules.atStart(stop, StopRules.norm2(w), gradientNorm);
        long evaluations = 1;
        double h = step;
        if (adaptive && reason == null) {
            if (Double.isNaN(initialStep)) {
                h = selectInitialStep(field, w, gradient, new double[n], new double[n]);
                evaluations++;
            } else {
                h = initialStep;
            }
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
        Objects.requireNonNull(state, "state is null");
        if (!state.integrator().equals(name) || !state.configuration().equals(toString())) {
            throw new IllegalArgumentException("the saved state was made by " + state.configuration()
                    + ", not by " + this + "; resume with the integrator that saved it");
        }
        double[] w = state.parameters();
        StopRules.checkArguments(field, w, stop, observer);
        double[] gradient = state.gradient();
        double gradientNorm = StopRules.norm2(gradient);
        StopRules.checkStart(state.value(), gradientNorm);
        observer.onResume(state);
        StopReason reason = StopRules.atStart(stop, StopRules.norm2(w), gradientNorm);
        if (reason == null && state.time() >= stop.tMax()) {
            reason = StopReason.TIME_LIMIT;
        } else if (reason == null && state.steps() >= stop.maxSteps()) {
            reason = StopReason.STEP_LIMIT;
        }
        double h = adaptive ? state.control("h") : step;
        double errorOld = adaptive ? state.control("errorOld") : INITIAL_ERROR_OLD;
        return run(field, stop, observer, w, gradient, state.value(), state.time(), state.steps(),
                state.rejectedSteps(), state.evaluations(), h, errorOld, reason);
    }

    /** The loop, from an accepted state (fresh or resumed) on; allocates its work space once. */
    private FlowResult run(GradientField field, StopCondition stop, FlowObserver observer, double[] w,
                           double[] gradient, double value, double t, long steps, long rejected, long evaluations,
                           double h, double errorOld, StopReason reason) {
        final int n = w.length;
        final int s = tableau.stages();
        final double[][] a = tableau.a;
        final double[] b = tableau.b;
        final boolean fsal = tableau.isFsal();
        final double tMax = stop.tMax();

        double[] wNew = new double[n];
        final double[] arg = new double[n];
        // k[i]: the gradient of L at stage i (the flow's slope is its negative); k[0] is at w
        final double[][] k = new double[s][];
        k[0] = gradient;
        for (int i = 1; i < s; i++) {
            k[i] = new double[n];
        }
        double[] gNew = fsal ? null : new double[n];
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
                last = proposed >= remaining
                        || (remaining - proposed <= ADAPTIVE_STEP_SNAP * proposed && remaining <= maxStep);
                if (!last && (proposed < minStep || proposed <= 10 * Math.ulp(t))) {
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
            double valueNew = Double.NaN;
            boolean finite = true;
            for (int i = 1; i < s && finite; i++) {
                final double[] ai = a[i];
                final boolean isNewPoint = fsal && i == s - 1;
                final double[] target = isNewPoint ? wNew : arg;
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int l = 0; l < i; l++) {
                        sum += ai[l] * k[l][j];
                    }
                    target[j] = w[j] - hTry * sum;
                }
                double stageValue = field.valueAndGradient(target, k[i]);
                evaluations++;
                if (isNewPoint) {
                    valueNew = stageValue;
                }
                finite = allFinite(k[i]);
            }
            if (!finite) {
                if (!adaptive) {
                    reason = StopReason.DIVERGED;
                    break;
                }
                rejected++;
                rejectedLast = true;
                h = hTry * MIN_FACTOR;
                continue;
            }
            if (!fsal) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int l = 0; l < s; l++) {
                        sum += b[l] * k[l][j];
                    }
                    wNew[j] = w[j] - hTry * sum;
                }
            }

            // 3. the error test
            double error = 0;
            if (adaptive) {
                error = errorNorm(w, wNew, k, hTry);
                if (!(error <= 1)) {
                    rejected++;
                    rejectedLast = true;
                    h = hTry * (Double.isNaN(error) ? MIN_FACTOR
                            : Math.max(MIN_FACTOR, SAFETY * Math.pow(error, -errorExponent)));
                    continue;
                }
            }

            // 4. the new point: finite, and inside the parameter-norm bound
            final double[] gradientNew;
            if (fsal) {
                gradientNew = k[s - 1];
            } else {
                valueNew = field.valueAndGradient(wNew, gNew);
                evaluations++;
                gradientNew = gNew;
            }
            double gradientNormNew = StopRules.norm2(gradientNew);
            if (!StopRules.acceptable(stop, valueNew, gradientNormNew, StopRules.norm2(wNew))) {
                boolean pointFinite = Double.isFinite(valueNew) && Double.isFinite(gradientNormNew);
                if (adaptive && !pointFinite) {
                    rejected++;
                    rejectedLast = true;
                    h = hTry * MIN_FACTOR;
                    continue;
                }
                reason = StopReason.DIVERGED;
                break;
            }

            // 5. accept
            t = tNew;
            steps++;
            double[] swap = w;
            w = wNew;
            wNew = swap;
            if (fsal) {
                swap = k[0];
                k[0] = k[s - 1];
                k[s - 1] = swap;
            } else {
                swap = k[0];
                k[0] = gNew;
                gNew = swap;
            }
            value = valueNew;
            gradientNorm = gradientNormNew;
            boolean continues = observer.onStep(t, w, value, k[0]);
            reason = StopRules.afterStep(stop, last, gradientNorm, steps, continues);

            if (adaptive) {
                double factor = SAFETY * Math.pow(error, -alpha) * Math.pow(errorOld, BETA); // +Inf for error 0
                factor = Math.max(MIN_FACTOR, Math.min(rejectedLast ? 1.0 : MAX_FACTOR, factor));
                h = Math.max(hTry * factor, minStep);
                errorOld = Math.max(error, INITIAL_ERROR_OLD);
                rejectedLast = false;
            }
            if (observer.wantsState(t, steps)) {
                observer.onState(new IntegratorState(name, toString(), t, steps, rejected, evaluations, w, value,
                        k[0], adaptive ? Map.of("h", h, "errorOld", errorOld) : Map.of()));
            }
        }

        FlowResult result = new FlowResult(w, t, value, gradientNorm, steps, rejected, evaluations, reason);
        observer.onFinish(result);
        return result;
    }

    private double errorNorm(double[] w, double[] wNew, double[][] k, double h) {
        final int n = w.length;
        final int s = errorWeights.length;
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = 0;
            for (int l = 0; l < s; l++) {
                e += errorWeights[l] * k[l][j];
            }
            double scale = atol + rtol * Math.max(Math.abs(w[j]), Math.abs(wNew[j]));
            double ratio = h * e / scale;
            sum += ratio * ratio;
        }
        return Math.sqrt(sum / Math.max(n, 1));
    }

    /**
     * Hairer's starting step (Solving ODEs I, II.4): a first guess {@code h0 = 0.01 ||w|| / ||f||}, one
     * Euler step to estimate the second derivative, then {@code h1 = (0.01 / max(||f||, ||f'||))^(1/(q+1))}
     * and {@code min(100 h0, h1)}, within {@code [minStep, maxStep]}. Costs one evaluation.
     */
    private double selectInitialStep(GradientField field, double[] w, double[] g0, double[] w1, double[] g1) {
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
            h = h0; // the step controller takes over
        } else {
            double dMax = Math.max(d1, d2);
            double h1 = dMax <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dMax, errorExponent);
            h = Math.min(100 * h0, h1);
        }
        return Math.max(minStep, Math.min(h, maxStep));
    }

    private static boolean allFinite(double[] x) {
        for (double xi : x) {
            if (!Double.isFinite(xi)) {
                return false;
            }
        }
        return true;
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
