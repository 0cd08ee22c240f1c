package org.lcnflow.integrators.multistep;

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
import org.lcnflow.integrators.control.StopRules;
import org.lcnflow.integrators.rungekutta.ButcherTableau;
import org.lcnflow.integrators.rungekutta.RungeKuttaFlowIntegrator;

/**
 * The variable-step {@code s}-step Adams methods in Nordsieck form ({@code adams-bashforth} and
 * {@code adams-moulton}; Nordsieck 1962; Hairer, Norsett and Wanner, Solving ODEs I, III.1, III.5-III.7),
 * with the algebra of {@link AdamsNordsieck}: the vector {@code (w, h w', h^2/2 w'', ..., h^s/s! w^(s))}
 * of the polynomial whose slope interpolates the last {@code s} slopes {@code w' = -grad L(w)}.
 *
 * <p><b>A step.</b> Predict by the Pascal matrix and evaluate the gradient at the predicted point. For
 * Adams-Bashforth (order {@code s}) that point is the new state: 1 evaluation per attempt. Adams-Moulton
 * (order {@code s + 1}) runs predict-evaluate-correct-evaluate (PECE): the corrector adds
 * {@code beta (h f(w^P) - (h w')^P)} to the predicted point and the gradient is evaluated again there:
 * 2 evaluations per accepted attempt, 1 for an attempt failing the error test. One correction, not an
 * iteration to convergence: the flows here are not stiff, and PECE already has the corrector's order. In
 * both variants the new slope row is {@code -h} times the field's gradient at the accepted point, so the
 * value and gradient handed to the observer are exactly the field's at that {@code w}.
 *
 * <p><b>Error control.</b> The estimate is {@code beta (h f(w^P) - (h w')^P)}, the difference between
 * the Adams-Moulton and Adams-Bashforth values computed from the same slopes, hence the local error of
 * the order-{@code s} Adams-Bashforth formula (a formula compared with one of the next order, as in
 * embedded Runge-Kutta pairs), in the RMS norm of {@code (.)_j / (atol + rtol max(|w_j|, |w_new_j|))};
 * a step is accepted when it is {@code <= 1}. Adams-Moulton advances with the more accurate corrector
 * (local extrapolation), so its global error is about proportional to the tolerance, while
 * Adams-Bashforth's goes like {@code tol^(s/(s+1))}. The next step is
 * {@code h * clamp(0.9 err^(-1/(s+1)), 0.2, 1.2)} (an I controller: the step is the controller's only
 * state), with no growth right after a rejection; the growth bound 1.2 keeps the step sequence smooth,
 * which variable-step multistep methods need for stability (Hairer et al. III.5). A step whose trial
 * point has a non-finite value or gradient is rejected and retried 5 times smaller.
 *
 * <p>Every change of step (after a rejection, after an accepted step, and for the last step, shortened to
 * end at {@code tMax}; a step within 1% of it is stretched to it as in the Runge-Kutta loop) rescales the
 * Nordsieck vector by powers of the step ratio. A step of at most 10 ulp of {@code t} (other than the
 * last) is a step-size underflow and ends the run DIVERGED; so does, after a non-finite trial point, a
 * retry that would move {@code w} by at most 10 ulp of its largest entry (near {@code t = 0}, {@code t}
 * resolves much smaller steps than {@code w}, and the run would otherwise crawl towards the non-finite
 * region with steps that no longer change {@code w}). A new point beyond {@code maxParameterNorm} ends
 * the run DIVERGED with the last accepted state.
 *
 * <p><b>Starter.</b> The first {@code s - 1} steps are accepted steps of the run, shown to the observer,
 * taken by Dormand-Prince 5(4) ({@link RungeKuttaFlowIntegrator} with
 * {@link ButcherTableau#DORMAND_PRINCE_54}, the same tolerances and its automatic first step; used as it
 * is, one step per call through its {@link RungeKuttaFlowIntegrator#resume resume}). The steps after the
 * first are capped at the first one, so that the starting points are evenly spaced unless the error
 * control asks for less and the Nordsieck vector fitted to their slopes ({@link AdamsNordsieck#fit}) is
 * well conditioned. Its evaluations and rejections are the run's: 1 at {@code w0}, 1 for the automatic
 * first step, 6 per attempted Runge-Kutta step. The Adams steps start with the smaller of the first step
 * and the Runge-Kutta controller's proposal.
 *
 * <p><b>Checkpoints.</b> After every accepted step the observer may ask for the state: during the starter
 * the Runge-Kutta controller's {@code starter.h} and {@code starter.errorOld} and the past times and
 * gradients ({@code starter.times}, {@code starter.gradients}, concatenated); from step {@code s - 1} on
 * the next step {@code h}, the step {@code hScale} the Nordsieck vector is scaled to, and its rows
 * {@code scaled} ({@code h w'}) and {@code nordsieck.2} .. {@code nordsieck.s}. {@link #resume} continues
 * from either bit for bit.
 *
 * <p>Immutable and thread-safe. The Adams loop allocates its arrays once per call and nothing per step;
 * the at most {@code s - 1} starter steps allocate a little each.
 */
public final class AdamsFlowIntegrator implements FlowIntegrator {

    /** Which Adams method. */
    public enum Method {
        /** Explicit: the predicted point is the new state. */
        BASHFORTH,
        /** Predict-evaluate-correct-evaluate with the implicit Adams-Moulton formula. */
        MOULTON
    }

    private static final double SAFETY = 0.9;
    private static final double MIN_FACTOR = 0.2;
    /**
     * The largest growth of the step per step. Variable-step multistep methods are stable only for step
     * ratios near 1 (Hairer et al. III.5); on the quadratic and two-layer flows of the tests 1.2 needs fewer
     * evaluations than 1.5 or 2 for every {@code s}, and far fewer rejections where the step is limited by
     * stability rather than accuracy.
     */
    private static final double MAX_FACTOR = 1.2;
    /** A step at most this fraction short of {@code tMax} is stretched to it (as the Runge-Kutta loop). */
    private static final double STEP_SNAP = 0.01;
    private static final int UNDERFLOW_ULPS = 10;

    static final String STARTER_H = "starter.h";
    static final String STARTER_ERROR_OLD = "starter.errorOld";
    static final String STARTER_TIMES = "starter.times";
    static final String STARTER_GRADIENTS = "starter.gradients";
    static final String H = "h";
    static final String H_SCALE = "hScale";
    static final String SCALED = "scaled";
    static final String NORDSIECK = "nordsieck.";

    private final String name;
    private final Method method;
    private final int steps;
    private final double rtol;
    private final double atol;
    /** {@code l_0 .. l_s} of the update, {@code l_0 = 0}. */
    private final double[] update;
    /** {@code beta}, the Adams-Moulton weight of the new slope, also the error estimate's. */
    private final double beta;
    private final double errorExponent;
    private final RungeKuttaFlowIntegrator starter;

    /**
     * @param name   the provider name
     * @param method Bashforth or Moulton
     * @param steps  {@code s}, in {@code [AdamsSteps.MIN, AdamsSteps.MAX]}
     * @param rtol   relative tolerance, {@code >= 0}
     * @param atol   absolute tolerance, {@code > 0}
     */
    AdamsFlowIntegrator(String name, Method method, int steps, double rtol, double atol) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.method = Objects.requireNonNull(method, "method is null");
        if (steps < AdamsSteps.MIN || steps > AdamsSteps.MAX) {
            throw new IllegalArgumentException(name + ": steps must be in [" + AdamsSteps.MIN + ", " + AdamsSteps.MAX
                    + "], got " + steps);
        }
        if (!(rtol >= 0 && rtol < 1) || !(atol > 0 && atol < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + ": need 0 <= rtol < 1 and 0 < atol < Infinity, got rtol="
                    + rtol + ", atol=" + atol);
        }
        this.steps = steps;
        this.rtol = rtol;
        this.atol = atol;
        this.update = AdamsNordsieck.updateCoefficients(steps);
        this.beta = AdamsNordsieck.correctorCoefficient(steps);
        this.errorExponent = 1.0 / (steps + 1);
        this.starter = RungeKuttaFlowIntegrator.adaptive(ButcherTableau.DORMAND_PRINCE_54.name(),
                ButcherTableau.DORMAND_PRINCE_54, rtol, atol, Double.NaN, 0.0, Double.POSITIVE_INFINITY);
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the number of steps {@code s} */
    int steps() {
        return steps;
    }

    @Override
    public boolean isResumable() {
        return true;
    }

    @Override
    public FlowResult integrate(GradientField field, double[] w0, StopCondition stop, FlowObserver observer) {
        final int n = StopRules.checkArguments(field, w0, stop, observer);
        Run run = new Run(field, n, stop, observer);
        return run.starter(starter.integrate(field, w0, run.starterStop(0), run.relay));
    }

    @Override
    public FlowResult resume(GradientField field, IntegratorState state, StopCondition stop, FlowObserver observer) {
        StopRules.checkOwner(state, this);
        double[] w = state.parameters();
        final int n = StopRules.checkArguments(field, w, stop, observer);
        double[] gradient = state.gradient();
        double gradientNorm = StopRules.norm2(gradient);
        StopRules.checkStart(state.value(), gradientNorm);
        Run run = new Run(field, n, stop, observer);
        if (state.control().containsKey(STARTER_H)) {
            IntegratorState next = run.restoreStarter(state);
            observer.onResume(state);
            return run.starter(starter.resume(field, next, run.starterStop(state.steps()), run.relay));
        }
        run.restoreNordsieck(state);
        observer.onResume(state);
        StopReason reason = StopRules.atResume(stop, state, gradientNorm);
        return run.adams(reason);
    }

    /** The state of one call: the starter's history, the Nordsieck vector and the counters. */
    private final class Run {

        private final GradientField field;
        private final int n;
        private final StopCondition stop;
        private final FlowObserver observer;
        private final Relay relay = new Relay();

        /** Times and gradients of the starting points {@code 0 .. s-1}. */
        private final double[] times = new double[steps];
        private final double[][] history;

        /** The Nordsieck vector at {@code t}; row 0 is {@code w}. */
        private double[][] z;
        /** The prediction, then the new vector. */
        private double[][] next;
        private double[] gradient;
        /** The gradient at the new point (for Adams-Bashforth, the predicted point). */
        private double[] gradientNew;
        /** Adams-Moulton: the gradient at the predicted point and the corrected point. */
        private final double[] gradientPredicted;
        private double[] corrected;
        /** {@code h w'} at the new point. */
        private final double[] slope;

        private double t;
        private double value;
        private double gradientNorm;
        private long stepCount;
        private long rejected;
        private long evaluations;
        /** The next step to try. */
        private double h;
        /** The step the Nordsieck vector is scaled to. */
        private double hScale;

        Run(GradientField field, int n, StopCondition stop, FlowObserver observer) {
            this.field = field;
            this.n = n;
            this.stop = stop;
            this.observer = observer;
            this.history = new double[steps][n];
            this.z = new double[steps + 1][n];
            this.next = new double[steps + 1][n];
            this.gradient = new double[n];
            this.gradientNew = new double[n];
            this.slope = new double[n];
            boolean moulton = method == Method.MOULTON;
            this.gradientPredicted = moulton ? new double[n] : null;
            this.corrected = moulton ? new double[n] : null;
        }

        /** @return the user's stop condition with a budget of one more starter step after {@code done} */
        StopCondition starterStop(long done) {
            return new StopCondition(stop.tMax(), stop.gradientTolerance(), Math.min(stop.maxSteps(), done + 1),
                    stop.maxParameterNorm());
        }

        // ------------------------------------------------------------------ the starter

        /**
         * Goes on from the result of a starter call: hands over the state the observer asked for, ends
         * the run when a stop condition of the user's holds, otherwise takes the next starter step or,
         * after {@code s - 1} of them, fits the Nordsieck vector and runs the Adams loop.
         */
        FlowResult starter(FlowResult result) {
            while (true) {
                final long done = result.steps();
                final boolean ends = result.stopReason() != StopReason.STEP_LIMIT || done >= stop.maxSteps();
                final boolean complete = done == steps - 1;
                final IntegratorState rk = relay.state;
                if (complete && (relay.wanted || !ends)) {
                    startNordsieck(rk);
                }
                if (relay.wanted) {
                    relay.wanted = false;
                    observer.onState(complete ? adamsState() : starterState(rk, (int) done));
                }
                if (ends) {
                    observer.onFinish(result);
                    return result;
                }
                if (complete) {
                    return adams(null);
                }
                result = starter.resume(field, nextStarterState(rk, rk.control("h"), rk.control("errorOld")),
                        starterStop(done), relay);
            }
        }

        /** The Runge-Kutta state to take the next starter step from: its step capped at the first one. */
        private IntegratorState nextStarterState(IntegratorState rk, double hStarter, double errorOld) {
            double capped = Math.min(hStarter, times[1] - times[0]);
            return new IntegratorState(starter.name(), starter.toString(), rk.time(), rk.steps(), rk.rejectedSteps(),
                    rk.evaluations(), rk.parameters(), rk.value(), rk.gradient(),
                    Map.of("h", capped, "errorOld", errorOld));
        }

        /** After {@code s - 1} starter steps: the Nordsieck vector at the last, for the first Adams step. */
        private void startNordsieck(IntegratorState rk) {
            t = rk.time();
            stepCount = rk.steps();
            rejected = rk.rejectedSteps();
            evaluations = rk.evaluations();
            value = rk.value();
            System.arraycopy(rk.parameters(), 0, z[0], 0, n);
            System.arraycopy(history[steps - 1], 0, gradient, 0, n);
            gradientNorm = StopRules.norm2(gradient);
            h = Math.min(rk.control("h"), times[1] - times[0]);
            hScale = h;
            double[][] slopes = new double[steps][n];
            for (int i = 0; i < steps; i++) {
                for (int j = 0; j < n; j++) {
                    slopes[i][j] = -history[i][j];
                }
            }
            for (int j = 0; j < n; j++) {
                z[1][j] = h * slopes[steps - 1][j];
            }
            AdamsNordsieck.fit(times, slopes, h, z);
        }

        private IntegratorState starterState(IntegratorState rk, int done) {
            double[] gradients = new double[(done + 1) * n];
            for (int i = 0; i <= done; i++) {
                System.arraycopy(history[i], 0, gradients, i * n, n);
            }
            double[] pastTimes = java.util.Arrays.copyOf(times, done + 1);
            return new IntegratorState(name, AdamsFlowIntegrator.this.toString(), rk.time(), rk.steps(),
                    rk.rejectedSteps(), rk.evaluations(), rk.parameters(), rk.value(), rk.gradient(),
                    Map.of(STARTER_H, rk.control("h"), STARTER_ERROR_OLD, rk.control("errorOld")),
                    Map.of(STARTER_TIMES, pastTimes, STARTER_GRADIENTS, gradients));
        }

        /** @return the Runge-Kutta state to continue the starter from a saved starter state */
        IntegratorState restoreStarter(IntegratorState state) {
            double[] pastTimes = state.vector(STARTER_TIMES);
            double[] gradients = state.vector(STARTER_GRADIENTS);
            int count = pastTimes.length;
            if (count < 2 || count > steps - 1 || state.steps() != count - 1 || gradients.length != count * n
                    || pastTimes[count - 1] != state.time()) {
                throw new IllegalArgumentException("the saved starter state of " + name + " does not fit: "
                        + count + " times, " + gradients.length + " gradient entries, " + state.steps()
                        + " steps, dimension " + n);
            }
            System.arraycopy(pastTimes, 0, times, 0, count);
            for (int i = 0; i < count; i++) {
                System.arraycopy(gradients, i * n, history[i], 0, n);
            }
            relay.count = count - 1;
            return nextStarterState(state, state.control(STARTER_H), state.control(STARTER_ERROR_OLD));
        }

        /** Takes the Nordsieck vector and counters of a saved state of the Adams loop. */
        void restoreNordsieck(IntegratorState state) {
            t = state.time();
            stepCount = state.steps();
            rejected = state.rejectedSteps();
            evaluations = state.evaluations();
            value = state.value();
            System.arraycopy(state.parameters(), 0, z[0], 0, n);
            System.arraycopy(state.gradient(), 0, gradient, 0, n);
            gradientNorm = StopRules.norm2(gradient);
            h = state.control(H);
            hScale = state.control(H_SCALE);
            for (int j = 1; j <= steps; j++) {
                double[] row = state.vector(j == 1 ? SCALED : NORDSIECK + j);
                if (row.length != n) {
                    throw new IllegalArgumentException("the saved Nordsieck row " + j + " of " + name + " has length "
                            + row.length + ", the field dimension " + n);
                }
                System.arraycopy(row, 0, z[j], 0, n);
            }
            if (!(h > 0) || !(hScale > 0)) {
                throw new IllegalArgumentException("the saved steps of " + name + " must be > 0, got h=" + h
                        + ", hScale=" + hScale);
            }
        }

        private IntegratorState adamsState() {
            Map<String, double[]> rows = new HashMap<>();
            rows.put(SCALED, z[1]);
            for (int j = 2; j <= steps; j++) {
                rows.put(NORDSIECK + j, z[j]);
            }
            return new IntegratorState(name, AdamsFlowIntegrator.this.toString(), t, stepCount, rejected, evaluations,
                    z[0], value, gradient, Map.of(H, h, H_SCALE, hScale), rows);
        }

        // ------------------------------------------------------------------ the Adams loop

        /** The Adams steps from the current state on, until a stop condition holds. */
        FlowResult adams(StopReason initialReason) {
            StopReason reason = initialReason;
            final double tMax = stop.tMax();
            final boolean moulton = method == Method.MOULTON;
            boolean rejectedLast = false;

            while (reason == null) {
                // 1. the step, the last one shortened to end at tMax; the vector rescaled to it
                final double remaining = tMax - t;
                final boolean last = h >= remaining || remaining - h <= STEP_SNAP * h;
                if (!last && h <= UNDERFLOW_ULPS * Math.ulp(t)) {
                    reason = StopReason.DIVERGED; // step-size underflow
                    break;
                }
                final double hTry = last ? remaining : h;
                final double tNew = last ? tMax : t + hTry;
                if (hTry != hScale) {
                    AdamsNordsieck.rescale(z, hTry / hScale);
                    hScale = hTry;
                }

                // 2. predict and evaluate
                AdamsNordsieck.predict(z, next);
                final double[] gPredicted = moulton ? gradientPredicted : gradientNew;
                final double valuePredicted = field.valueAndGradient(next[0], gPredicted);
                evaluations++;
                if (!StopRules.allFinite(gPredicted)) {
                    rejected++;
                    rejectedLast = true;
                    h = hTry * MIN_FACTOR;
                    if (belowResolution(h)) {
                        reason = StopReason.DIVERGED;
                        break;
                    }
                    continue;
                }

                // 3. the error test; Adams-Moulton's corrected point
                final double[] w = z[0];
                final double[] predicted = next[0];
                final double[] scaled = next[1];
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    final double local = beta * (-hTry * gPredicted[j] - scaled[j]);
                    final double wNew;
                    if (moulton) {
                        wNew = predicted[j] + local;
                        corrected[j] = wNew;
                    } else {
                        wNew = predicted[j];
                    }
                    final double ratio = local / (atol + rtol * Math.max(Math.abs(w[j]), Math.abs(wNew)));
                    sum += ratio * ratio;
                }
                final double error = Math.sqrt(sum / Math.max(n, 1));
                if (!(error <= 1)) {
                    rejected++;
                    rejectedLast = true;
                    h = hTry * (Double.isNaN(error) ? MIN_FACTOR
                            : Math.max(MIN_FACTOR, SAFETY * Math.pow(error, -errorExponent)));
                    continue;
                }

                // 4. the new point: finite, and inside the parameter-norm bound
                final double valueNew;
                if (moulton) {
                    valueNew = field.valueAndGradient(corrected, gradientNew);
                    evaluations++;
                } else {
                    valueNew = valuePredicted;
                }
                final double[] wNew = moulton ? corrected : predicted;
                final double gradientNormNew = StopRules.norm2(gradientNew);
                if (!StopRules.acceptable(stop, valueNew, gradientNormNew, StopRules.norm2(wNew))) {
                    if (!Double.isFinite(valueNew) || !Double.isFinite(gradientNormNew)) {
                        rejected++;
                        rejectedLast = true;
                        h = hTry * MIN_FACTOR;
                        if (belowResolution(h)) {
                            reason = StopReason.DIVERGED;
                            break;
                        }
                        continue;
                    }
                    reason = StopReason.DIVERGED;
                    break;
                }

                // 5. accept: the new vector's slope row is h times the flow at the new point; the rows
                // above it get l_j times its difference to the predicted slope (Adams-Moulton: after the
                // correction with the predicted slope, the same update with the corrected slope adds up to this)
                for (int j = 0; j < n; j++) {
                    slope[j] = -hTry * gradientNew[j];
                }
                AdamsNordsieck.update(next, slope, update);
                if (moulton) {
                    double[] swap = next[0];
                    next[0] = corrected;
                    corrected = swap;
                }
                double[][] swapRows = z;
                z = next;
                next = swapRows;
                double[] swap = gradient;
                gradient = gradientNew;
                gradientNew = swap;
                t = tNew;
                stepCount++;
                value = valueNew;
                gradientNorm = gradientNormNew;
                boolean continues = observer.onStep(t, z[0], value, gradient);
                reason = StopRules.afterStep(stop, last, gradientNorm, stepCount, continues);

                double factor = SAFETY * Math.pow(error, -errorExponent); // +Inf for error 0
                factor = Math.max(MIN_FACTOR, Math.min(rejectedLast ? 1.0 : MAX_FACTOR, factor));
                h = hTry * factor;
                rejectedLast = false;
                if (observer.wantsState(t, stepCount)) {
                    observer.onState(adamsState());
                }
            }

            FlowResult result = new FlowResult(z[0], t, value, gradientNorm, stepCount, rejected, evaluations, reason);
            observer.onFinish(result);
            return result;
        }

        /**
         * Whether a retry with step {@code hRetry} after a non-finite trial point would move {@code w} by at
         * most 10 ulp of its largest entry ({@code hRetry ||grad L(w)||_inf <= 10 ulp(||w||_inf)}): the field
         * is then not finite within the resolution of {@code w}, and steps that small only crawl towards it
         * ({@code t} has a finer resolution than {@code w} near {@code t = 0}), a step-size underflow.
         */
        private boolean belowResolution(double hRetry) {
            return StopRules.belowResolution(hRetry, z[0], gradient);
        }

        /**
         * Watches the starter's Runge-Kutta calls for the run: passes {@code onStart} and every step to the
         * user's observer, records the starting points, keeps the Runge-Kutta state of every step, and
         * remembers whether the user asked for the state (handed over by {@link #starter} once the call
         * has returned, before the next step).
         */
        private final class Relay implements FlowObserver {

            private int count;
            private boolean wanted;
            private IntegratorState state;

            @Override
            public void onStart(double t0, double[] w0, double value0, double[] gradient0) {
                times[0] = t0;
                System.arraycopy(gradient0, 0, history[0], 0, n);
                observer.onStart(t0, w0, value0, gradient0);
            }

            @Override
            public boolean onStep(double time, double[] w, double valueNow, double[] gradientNow) {
                count++;
                times[count] = time;
                System.arraycopy(gradientNow, 0, history[count], 0, n);
                wanted = false;
                return observer.onStep(time, w, valueNow, gradientNow);
            }

            @Override
            public boolean wantsState(double time, long done) {
                wanted = observer.wantsState(time, done);
                return true;
            }

            @Override
            public void onState(IntegratorState rk) {
                state = rk;
            }
        }
    }


    /** @return e.g. {@code adams-moulton(steps=4, rtol=1.0E-6, atol=1.0E-9)} */
    @Override
    public String toString() {
        return name + "(steps=" + steps + ", rtol=" + rtol + ", atol=" + atol + ")";
    }
}
