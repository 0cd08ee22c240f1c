package org.lcnflow.integrators.implicit;

import static org.lcnflow.integrators.implicit.RadauTableau.ALPHA;
import static org.lcnflow.integrators.implicit.RadauTableau.BETA;
import static org.lcnflow.integrators.implicit.RadauTableau.C1;
import static org.lcnflow.integrators.implicit.RadauTableau.C1M1;
import static org.lcnflow.integrators.implicit.RadauTableau.C1MC2;
import static org.lcnflow.integrators.implicit.RadauTableau.C2;
import static org.lcnflow.integrators.implicit.RadauTableau.C2M1;
import static org.lcnflow.integrators.implicit.RadauTableau.DD1;
import static org.lcnflow.integrators.implicit.RadauTableau.DD2;
import static org.lcnflow.integrators.implicit.RadauTableau.DD3;
import static org.lcnflow.integrators.implicit.RadauTableau.GAMMA;
import static org.lcnflow.integrators.implicit.RadauTableau.T11;
import static org.lcnflow.integrators.implicit.RadauTableau.T12;
import static org.lcnflow.integrators.implicit.RadauTableau.T13;
import static org.lcnflow.integrators.implicit.RadauTableau.T21;
import static org.lcnflow.integrators.implicit.RadauTableau.T22;
import static org.lcnflow.integrators.implicit.RadauTableau.T23;
import static org.lcnflow.integrators.implicit.RadauTableau.T31;
import static org.lcnflow.integrators.implicit.RadauTableau.TI11;
import static org.lcnflow.integrators.implicit.RadauTableau.TI12;
import static org.lcnflow.integrators.implicit.RadauTableau.TI13;
import static org.lcnflow.integrators.implicit.RadauTableau.TI21;
import static org.lcnflow.integrators.implicit.RadauTableau.TI22;
import static org.lcnflow.integrators.implicit.RadauTableau.TI23;
import static org.lcnflow.integrators.implicit.RadauTableau.TI31;
import static org.lcnflow.integrators.implicit.RadauTableau.TI32;
import static org.lcnflow.integrators.implicit.RadauTableau.TI33;

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
 * {@code radau-iia-5}: the 3-stage Radau IIA method of order 5 (stiffly accurate and L-stable) for the gradient
 * flow {@code dw/dt = -grad L(w)} (eq. (1.4)), implemented as Hairer's RADAU5 (Hairer and Wanner, Solving
 * Ordinary Differential Equations II, Sec. IV.8). Its right-hand side is {@code f = -g} with Jacobian
 * {@code -H}, {@code H} the Hessian of {@code L}, so the iteration matrices read {@code c I + H}.
 *
 * <ul>
 *   <li><b>Simplified Newton on the transformed system</b> (IV.8, (8.12)-(8.16)): with
 *       {@code T^-1 A^-1 T = diag(gamma, [[alpha, -beta], [beta, alpha]])} ({@link RadauTableau}) the 3n x 3n
 *       system splits into one real system with {@code gamma/h I + H} and one complex system with
 *       {@code (alpha + i beta)/h I + H}, solved as the real {@code 2n x 2n} system
 *       {@code [[alpha/h I + H, -beta/h I], [beta/h I, alpha/h I + H]]} with a second {@link DenseLu}. The
 *       iteration starts from the collocation polynomial of the previous step extrapolated to the new stages
 *       (zero at the first step) and stops when {@code eta_k ||dW_k|| <= kappa tol} with
 *       {@code eta = theta / (1 - theta)} from the observed contraction {@code theta} (eq. (8.19)); at most 7
 *       iterations; when the predicted error after 7 iterations is too large the step is retried smaller by
 *       RADAU5's factor, when {@code theta >= 0.99} (divergence) or the iterations ran out it is halved.</li>
 *   <li><b>Hessian reuse</b>: the Hessian (exact from a {@link org.lcnflow.api.HessianField}, else differences of
 *       gradients, {@link HessianSource}) is kept across steps and recomputed at the current point only when
 *       the last Newton iteration converged slowly ({@code theta > 0.01}), or when a step is rejected and the
 *       Hessian is not from the current point.</li>
 *   <li><b>Refactorization only when h changed enough</b>: after an accepted step with fast convergence, a new
 *       step {@code hnew} with {@code 1 <= hnew / h <= 1.2} is not taken: {@code h} and both LUs are kept.</li>
 *   <li><b>Error estimate</b> (eq. (8.20)-(8.21)): {@code err = (gamma/h I + H)^-1 (f(w) + (dd . z) / h)}, and
 *       after a rejected or first step with {@code err >= 1} the second, stiffly filtered estimate
 *       {@code (gamma/h I + H)^-1 (f(w + err) + (dd . z) / h)} (one more evaluation); RMS norm with the weights
 *       {@code atol' + rtol' |w_j|}. As RADAU5, the tolerances are first transformed to
 *       {@code rtol' = 0.1 rtol^(2/3)}, {@code atol' = rtol' atol / rtol}, since the estimate is that of an
 *       order-3 solution.</li>
 *   <li><b>Step control</b>: {@code hnew = h / max(1/8, min(5, err^(1/4) / fac))} with
 *       {@code fac = min(0.9, 0.9 (1 + 2 nit) / (newt + 2 nit))}, and after the second accepted step
 *       Gustafsson's predictive controller (IV.8, (8.25)), the smaller of both; after a rejection the next step
 *       does not grow; a rejected first step is retried with {@code h / 10}.</li>
 * </ul>
 *
 * <p>Evaluations: one at {@code w0}, one for the automatic initial step; 3 per Newton iteration; one for the
 * second error estimate; one at each new point; and each Hessian ({@link HessianSource#cost()}). They are asked of
 * the field in batches ({@link GradientField#valuesAndGradients}), which a field may evaluate side by side: the three
 * stages of an iteration, and each new point with the stages of the next step's first iteration (the collocation
 * polynomial extrapolated, as the iteration would start: known before the new point's gradient is). Those three
 * are spent for nothing when the next step is not taken as planned (the flow stops there, or the new point is not
 * acceptable): three evaluations at the last step. Rejected
 * attempts (error test, Newton failures, non-finite trials) are counted in {@code rejectedSteps}, Newton failures
 * also in {@link org.lcnflow.api.SolverStatistics#newtonFailures()}. A non-finite stage, Newton iterate or new
 * point, or a singular iteration matrix, halves the step; when the retry could no longer move {@code w}
 * ({@link StopRules#belowResolution}) or the step falls below {@code minStep} or 10 ulp of {@code t}, the run
 * ends DIVERGED.
 *
 * <p>The state handed to observers holds everything a resumed run needs to continue bit for bit: the next step,
 * the step the LUs were factored with (they are refactorized from the saved Hessian on resume, which the
 * statistics do not count again), whether the Hessian must be recomputed, the Hessian itself, the collocation
 * polynomial of the last step and its length, the Newton rate memory and Gustafsson's memory, and the counters.
 *
 * <p>No allocation per step. Immutable and thread-safe (the work space belongs to one call).
 */
public final class RadauFlowIntegrator implements FlowIntegrator {

    /** Newton iterations per attempt (RADAU5's NIT). */
    static final int NIT = 7;
    /**
     * Recompute the Hessian after an accepted step whose Newton contraction exceeded this (RADAU5's THET). Hairer's
     * default is 0.001, with the advice to raise it when Jacobians are costly: an exact Hessian of the empirical risk
     * costs about five gradients, and on the stiff benchmark flow 0.01 needs a third of the Hessians for 1% more
     * gradients (13% less wall time); 0.03 and above cost more Newton iterations than they save.
     */
    static final double THET = 0.01;
    /** Keep h and the LUs when {@code QUOT1 <= hnew / h <= QUOT2}. */
    static final double QUOT1 = 1.0;
    static final double QUOT2 = 1.2;
    /** Safety factor. */
    static final double SAFE = 0.9;
    /** {@code hnew / h} lies in {@code [1 / FACL, 1 / FACR]}. */
    static final double FACL = 5.0;
    static final double FACR = 0.125;
    /** RADAU5's {@code cfac = safe (1 + 2 nit)}. */
    static final double CFAC = SAFE * (1 + 2 * NIT);
    /** RADAU5's unit roundoff. */
    static final double UROUND = 1e-16;
    /** The step factor after an unexpected rejection (Newton divergence, singular matrix, non-finite values). */
    static final double UNEXPECTED = 0.5;
    /** The step factor after a rejected first step. */
    static final double FIRST_REJECTED = 0.1;
    /** The exponent of the error estimate, {@code err ~ h^4}. */
    static final double EXPONENT = 0.25;

    private final String name;
    private final double rtol;
    private final double atol;
    private final double initialStep;
    private final double minStep;
    private final double maxStep;
    /** The transformed tolerances the error and Newton norms use. */
    private final double rtolT;
    private final double atolT;
    /** Newton's stopping tolerance {@code kappa tol}. */
    private final double fnewt;

    /**
     * @param name        the provider name
     * @param rtol        relative tolerance, {@code > 0}
     * @param atol        absolute tolerance, {@code > 0}
     * @param initialStep the first step, or NaN to select it automatically (Hairer's starting step, one evaluation)
     * @param minStep     the smallest step tried
     * @param maxStep     the largest step taken
     */
    public RadauFlowIntegrator(String name, double rtol, double atol, double initialStep, double minStep,
                               double maxStep) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.rtol = rtol;
        this.atol = atol;
        this.initialStep = initialStep;
        this.minStep = minStep;
        this.maxStep = maxStep;
        this.rtolT = 0.1 * Math.pow(rtol, 2.0 / 3.0);
        this.atolT = rtolT * (atol / rtol);
        this.fnewt = Math.max(10 * UROUND / rtolT, Math.min(0.03, Math.sqrt(rtolT)));
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
            h = StartingStep.first(initialStep, field, w, gradient, work.point, work.k1, rtolT, atolT, minStep, maxStep,
                    EXPONENT);
            work.evaluations += StartingStep.cost(initialStep);
        }
        work.needHessian = true;
        work.faccon = 1.0;
        return run(work, stop, observer, w, gradient, value, 0.0, 0, 0, h, reason);
    }

    @Override
    public boolean isResumable() {
        return true;
    }

    /**
     * Continues exactly from a state this configuration handed over: the point, value and gradient, the counters,
     * the next step, the Hessian and whether it must be recomputed, the LUs (refactorized from the saved Hessian
     * at the saved step, not counted again), the collocation polynomial, the controllers' memory and the next step's
     * first stage gradients when they were evaluated with the saved point.
     */
    @Override
    public FlowResult resume(GradientField field, IntegratorState state, StopCondition stop, FlowObserver observer) {
        Opening opening = Opening.resumed(this, field, state, stop, observer);
        double[] w = opening.w();
        double[] gradient = opening.gradient();
        StopReason reason = opening.reason();
        Work work = new Work(field, SolverCounters.restore(state));
        work.evaluations = state.evaluations();
        StopRules.restoreVector(state, "hessian", work.hessian);
        StopRules.restoreVector(state, "cont1", work.cont1);
        StopRules.restoreVector(state, "cont2", work.cont2);
        StopRules.restoreVector(state, "cont3", work.cont3);
        work.hold = state.control("hold");
        work.faccon = state.control("faccon");
        work.hacc = state.control("hacc");
        work.erracc = state.control("erracc");
        work.needHessian = state.control("needHessian") != 0;
        if (state.control().containsKey("speculatedStep") && !Double.isNaN(state.control("speculatedStep"))) {
            StopRules.restoreVector(state, "stage1", work.k1);
            StopRules.restoreVector(state, "stage2", work.k2);
            StopRules.restoreVector(state, "stage3", work.k3);
            work.speculatedStep = state.control("speculatedStep");
        }
        double luStep = state.control("luStep");
        if (reason == null && !work.needHessian && !Double.isNaN(luStep)) {
            long factorizations = work.counters.factorizations;
            work.factor(luStep); // the same matrices as before the state was saved: the same bits
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
        boolean rejectedLast = false;
        /** Whether the Hessian was computed at the current point (RADAU5's CALJAC). */
        boolean fresh = false;
        work.scale(w);

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
            boolean first = steps == 0;

            // 2. the Hessian and the LUs, only when needed
            if (work.needHessian) {
                work.evaluations += work.source.evaluate(w, gradient, work.hessian);
                work.needHessian = false;
                work.luStep = Double.NaN;
                fresh = true;
            }
            int status = work.luStep == hTry || work.factor(hTry) ? work.newton(w, hTry, first) : Work.FAILED;

            // 3. Newton failed: retry smaller, with a Hessian from this point
            if (status != Work.CONVERGED) {
                counters.newtonFailures++;
                rejected++;
                rejectedLast = true;
                h = hTry * (status == Work.SLOW ? work.slowFactor : UNEXPECTED);
                if (!fresh) {
                    work.needHessian = true;
                }
                if (status == Work.FAILED && StopRules.belowResolution(h, w, gradient)) {
                    reason = StopReason.DIVERGED;
                    break;
                }
                continue;
            }

            // 4. the error test
            double error = work.error(w, gradient, hTry, first || rejectedLast);
            double fac = Math.min(SAFE, CFAC / (work.newt + 2 * NIT));
            double quot = Math.max(FACR, Math.min(FACL, Math.pow(error, EXPONENT) / fac));
            if (!(error < 1)) {
                rejected++;
                rejectedLast = true;
                if (Double.isNaN(error)) {
                    h = hTry * UNEXPECTED;
                    if (StopRules.belowResolution(h, w, gradient)) {
                        reason = StopReason.DIVERGED;
                        break;
                    }
                } else {
                    h = first ? hTry * FIRST_REJECTED : hTry / quot;
                }
                if (!fresh) {
                    work.needHessian = true;
                }
                continue;
            }

            // 5. the new point w + z3 (the last stage): finite, inside the parameter-norm bound; with it the next
            // step's first stages when there will be one (its size is known before the new gradient is)
            double hNew = hTry / quot;
            if (steps >= 1) { // Gustafsson's predictive controller
                double facgus = (work.hacc / hTry) * Math.pow(error * error / work.erracc, EXPONENT) / SAFE;
                facgus = Math.max(FACR, Math.min(FACL, facgus));
                hNew = hTry / Math.max(quot, facgus);
            }
            hNew = Math.min(hNew, maxStep);
            if (rejectedLast) {
                hNew = Math.min(hNew, hTry);
            }
            hNew = Math.max(hNew, minStep);
            double ratio = hNew / hTry;
            boolean fastNewton = work.theta <= THET;
            double hNext = fastNewton && ratio >= QUOT1 && ratio <= QUOT2 ? hTry : hNew;
            double nextTry = Double.NaN;
            if (!last && steps + 1 < stop.maxSteps()) {
                double nextRemaining = tMax - tNew;
                double nextProposed = Math.min(hNext, maxStep);
                boolean nextLast = StopRules.isLastStep(nextProposed, nextRemaining, maxStep);
                if (nextLast || !StopRules.underflows(nextProposed, minStep, tNew)) {
                    nextTry = nextLast ? nextRemaining : nextProposed;
                }
            }
            for (int j = 0; j < n; j++) {
                wNew[j] = w[j] + work.z3[j];
            }
            double valueNew = work.newPoint(wNew, gNew, hTry, nextTry);
            double gradientNormNew = StopRules.norm2(gNew);
            if (!StopRules.acceptable(stop, valueNew, gradientNormNew, StopRules.norm2(wNew))) {
                if (!(Double.isFinite(valueNew) && Double.isFinite(gradientNormNew))) {
                    rejected++;
                    rejectedLast = true;
                    h = hTry * UNEXPECTED;
                    if (!fresh) {
                        work.needHessian = true;
                    }
                    if (StopRules.belowResolution(h, w, gradient)) {
                        reason = StopReason.DIVERGED;
                        break;
                    }
                    continue;
                }
                reason = StopReason.DIVERGED;
                break;
            }

            // 6. accept: the step controllers' memory, the collocation polynomial, the decision on Hessian and LUs
            work.hacc = hTry;
            work.erracc = Math.max(1e-2, error);
            work.polynomial(hTry);
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
            work.scale(w);
            boolean continues = observer.onStep(t, w, value, gradient);
            reason = StopRules.afterStep(stop, last, gradientNorm, steps, continues);

            rejectedLast = false;
            fresh = false;
            h = hNext;
            if (!fastNewton) {
                work.needHessian = true;
                work.luStep = Double.NaN;
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

    private IntegratorState state(Work work, double t, long steps, long rejected, double[] w, double value,
                                  double[] gradient, double h) {
        Map<String, Double> control = work.counters.save(new HashMap<>());
        control.put("h", h);
        control.put("hold", work.hold);
        control.put("faccon", work.faccon);
        control.put("hacc", work.hacc);
        control.put("erracc", work.erracc);
        control.put("luStep", work.luStep);
        control.put("needHessian", work.needHessian ? 1.0 : 0.0);
        control.put("speculatedStep", work.speculatedStep);
        Map<String, double[]> vectors = new HashMap<>(Map.of("hessian", work.hessian, "cont1", work.cont1, "cont2",
                work.cont2, "cont3", work.cont3));
        if (!Double.isNaN(work.speculatedStep)) {
            // the next step's first stage gradients, evaluated with the new point: a resumed run uses them as this one
            vectors.put("stage1", work.k1);
            vectors.put("stage2", work.k2);
            vectors.put("stage3", work.k3);
        }
        return new IntegratorState(name, toString(), t, steps, rejected, work.evaluations, w, value, gradient,
                control, vectors);
    }

    /**
     * Integrates with the fixed step {@code (tEnd) / count}, accepting every step, with the Hessian recomputed and
     * the LUs refactorized at every step and Newton iterated to this configuration's tolerance: the method itself,
     * without the step control, for order tests.
     *
     * @throws IllegalStateException when a Newton iteration fails
     */
    double[] fixedSteps(GradientField field, double[] w0, double tEnd, int count) {
        Work work = new Work(field, new SolverCounters());
        work.faccon = 1.0;
        double[] w = w0.clone();
        double[] gradient = new double[w.length];
        double h = tEnd / count;
        for (int s = 0; s < count; s++) {
            field.valueAndGradient(w, gradient);
            work.source.evaluate(w, gradient, work.hessian);
            work.scale(w);
            if (!work.factor(h) || work.newton(w, h, s == 0) != Work.CONVERGED) {
                throw new IllegalStateException("Newton failed at step " + s + " with h = " + h);
            }
            for (int j = 0; j < w.length; j++) {
                w[j] += work.z3[j];
            }
            work.polynomial(h);
        }
        return w;
    }

    /**
     * The first error estimate ({@code (gamma/h I + H)^-1 (f(w) + (dd . z) / h)} in the transformed tolerances'
     * RMS norm) of one step of size {@code h} from {@code w} with the Hessian at {@code w}, as the loop computes it
     * at a first step; for tests of the estimator. NaN when Newton fails.
     */
    double errorEstimate(GradientField field, double[] w, double h) {
        Work work = new Work(field, new SolverCounters());
        work.faccon = 1.0;
        double[] gradient = new double[w.length];
        field.valueAndGradient(w, gradient);
        work.source.evaluate(w, gradient, work.hessian);
        work.scale(w);
        if (!work.factor(h) || work.newton(w, h, true) != Work.CONVERGED) {
            return Double.NaN;
        }
        return work.error(w, gradient, h, false);
    }

    /** The work space and memory of one run, allocated once. */
    private final class Work {

        static final int CONVERGED = 0;
        /** The Newton iteration converges too slowly: retry with {@link #slowFactor}. */
        static final int SLOW = 1;
        /** Divergence, non-finite values, a singular matrix or no convergence in {@link #NIT} iterations. */
        static final int FAILED = 2;

        final GradientField field;
        final SolverCounters counters;
        final HessianSource source;
        final int n;
        final double[] hessian;
        final DenseLu e1;
        final DenseLu e2;
        /** The stage increments {@code Z_i = W_i - w} and their transforms {@code F = T^-1 Z}. */
        final double[] z1;
        final double[] z2;
        final double[] z3;
        final double[] f1;
        final double[] f2;
        final double[] f3;
        /** The stage gradients. */
        final double[] k1;
        final double[] k2;
        final double[] k3;
        /** The stage points {@code w + Z_i}, the stage gradients ({@code k1, k2, k3}) and values: one batch. */
        final double[][] stagePoints;
        final double[][] stageGradients;
        final double[] stageValues;
        /** The batch of a new point: the next step's first stages and the point ({@link #newPoint}). */
        final double[][] newPoints;
        final double[][] newGradients;
        final double[] newValues;
        final double[] nextCont1;
        final double[] nextCont2;
        final double[] nextCont3;
        final double[] nextZ1;
        final double[] nextZ2;
        final double[] nextZ3;
        /** The step whose first stage gradients {@code k1, k2, k3} hold, or NaN. */
        double speculatedStep = Double.NaN;
        final double[] point;
        final double[] r1;
        final double[] r23;
        final double[] estimate;
        final double[] base;
        final double[] scale;
        /** The collocation polynomial of the last accepted step, Newton's divided differences (RADAU5's CONT). */
        final double[] cont1;
        final double[] cont2;
        final double[] cont3;
        /** The last accepted step. */
        double hold = Double.NaN;
        /** The step both LUs were factored with; NaN when they are not valid. */
        double luStep = Double.NaN;
        boolean needHessian;
        /** Newton's {@code eta = theta / (1 - theta)}, carried from step to step (RADAU5's FACCON). */
        double faccon;
        /** The contraction of the last Newton iteration. */
        double theta;
        /** The iterations of the last Newton iteration. */
        int newt;
        /** The step factor after {@link #SLOW}. */
        double slowFactor;
        /** Gustafsson's memory: the last accepted step and its error. */
        double hacc = Double.NaN;
        double erracc = Double.NaN;
        long evaluations;

        Work(GradientField field, SolverCounters counters) {
            this.field = field;
            this.counters = counters;
            this.source = new HessianSource(field, counters);
            this.n = field.dimension();
            hessian = new double[n * n];
            e1 = new DenseLu(n, counters);
            e2 = new DenseLu(2 * n, counters);
            z1 = new double[n];
            z2 = new double[n];
            z3 = new double[n];
            f1 = new double[n];
            f2 = new double[n];
            f3 = new double[n];
            k1 = new double[n];
            k2 = new double[n];
            k3 = new double[n];
            stagePoints = new double[3][n];
            stageGradients = new double[][] {k1, k2, k3};
            stageValues = new double[3];
            newPoints = new double[][] {new double[n], new double[n], new double[n], null};
            newGradients = new double[][] {k1, k2, k3, null};
            newValues = new double[4];
            nextCont1 = new double[n];
            nextCont2 = new double[n];
            nextCont3 = new double[n];
            nextZ1 = new double[n];
            nextZ2 = new double[n];
            nextZ3 = new double[n];
            point = new double[n];
            r1 = new double[n];
            r23 = new double[2 * n];
            estimate = new double[n];
            base = new double[n];
            scale = new double[n];
            cont1 = new double[n];
            cont2 = new double[n];
            cont3 = new double[n];
        }

        /** The weights {@code atol' + rtol' |w_j|} of the norms at the current point. */
        void scale(double[] w) {
            for (int j = 0; j < n; j++) {
                scale[j] = atolT + rtolT * Math.abs(w[j]);
            }
        }

        /** Factors {@code gamma/h I + H} and the real form of {@code (alpha + i beta)/h I + H}. */
        boolean factor(double h) {
            double fac1 = GAMMA / h;
            double alphn = ALPHA / h;
            double betan = BETA / h;
            double[] m1 = e1.matrix();
            double[] m2 = e2.matrix();
            int n2 = 2 * n;
            java.util.Arrays.fill(m2, 0.0);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    double hrc = hessian[r * n + c];
                    m1[r * n + c] = hrc;
                    m2[r * n2 + c] = hrc;
                    m2[(n + r) * n2 + n + c] = hrc;
                }
                m1[r * n + r] += fac1;
                m2[r * n2 + r] += alphn;
                m2[(n + r) * n2 + n + r] += alphn;
                m2[r * n2 + n + r] = -betan;
                m2[(n + r) * n2 + r] = betan;
            }
            boolean ok = e1.factor() && e2.factor();
            luStep = ok ? h : Double.NaN;
            return ok;
        }

        /**
         * The simplified Newton iteration of one step of size {@code h} from {@code w} with the current LUs.
         *
         * @return {@link #CONVERGED} (the stages in {@code z}), {@link #SLOW} or {@link #FAILED}
         */
        int newton(double[] w, double h, boolean first) {
            if (first) {
                java.util.Arrays.fill(z1, 0.0);
                java.util.Arrays.fill(z2, 0.0);
                java.util.Arrays.fill(z3, 0.0);
                java.util.Arrays.fill(f1, 0.0);
                java.util.Arrays.fill(f2, 0.0);
                java.util.Arrays.fill(f3, 0.0);
            } else {
                // the last step's collocation polynomial extrapolated to the new stages
                extrapolate(h, hold, cont1, cont2, cont3, z1, z2, z3);
                for (int j = 0; j < n; j++) {
                    double a = z1[j];
                    double b = z2[j];
                    double c = z3[j];
                    f1[j] = TI11 * a + TI12 * b + TI13 * c;
                    f2[j] = TI21 * a + TI22 * b + TI23 * c;
                    f3[j] = TI31 * a + TI32 * b + TI33 * c;
                }
            }
            // the stage gradients of the first iteration were evaluated with the last step's new point
            boolean speculated = !first && h == speculatedStep;
            speculatedStep = Double.NaN;
            double fac1 = GAMMA / h;
            double alphn = ALPHA / h;
            double betan = BETA / h;
            faccon = Math.pow(Math.max(faccon, UROUND), 0.8);
            theta = THET;
            newt = 0;
            double dynold = 0;
            double thqold = 0;
            while (true) {
                if (newt >= NIT) {
                    return FAILED;
                }
                if (newt == 0 && speculated ? !finiteStages() : !stages(w)) {
                    return FAILED;
                }
                // the right-hand sides T^-1 F(w + Z) - h^-1 Lambda W, with f = -g
                for (int j = 0; j < n; j++) {
                    double a = -(TI11 * k1[j] + TI12 * k2[j] + TI13 * k3[j]);
                    double b = -(TI21 * k1[j] + TI22 * k2[j] + TI23 * k3[j]);
                    double c = -(TI31 * k1[j] + TI32 * k2[j] + TI33 * k3[j]);
                    r1[j] = a - fac1 * f1[j];
                    r23[j] = b - alphn * f2[j] + betan * f3[j];
                    r23[n + j] = c - alphn * f3[j] - betan * f2[j];
                }
                e1.solve(r1);
                e2.solve(r23);
                counters.newtonIterations++;
                newt++;
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    double a = r1[j] / scale[j];
                    double b = r23[j] / scale[j];
                    double c = r23[n + j] / scale[j];
                    sum += a * a + b * b + c * c;
                }
                double dyno = Math.sqrt(sum / (3 * n));
                if (!Double.isFinite(dyno)) {
                    return FAILED;
                }
                if (newt > 1 && newt < NIT) {
                    double thq = dyno / dynold;
                    theta = newt == 2 ? thq : Math.sqrt(thq * thqold);
                    thqold = thq;
                    if (theta < 0.99) {
                        faccon = theta / (1 - theta);
                        double dyth = faccon * dyno * Math.pow(theta, NIT - 1 - newt) / fnewt;
                        if (dyth >= 1) {
                            double qnewt = Math.max(1e-4, Math.min(20, dyth));
                            slowFactor = 0.8 * Math.pow(qnewt, -1.0 / (4 + NIT - 1 - newt));
                            return SLOW;
                        }
                    } else {
                        return FAILED;
                    }
                }
                dynold = Math.max(dyno, UROUND);
                for (int j = 0; j < n; j++) {
                    double a = f1[j] + r1[j];
                    double b = f2[j] + r23[j];
                    double c = f3[j] + r23[n + j];
                    f1[j] = a;
                    f2[j] = b;
                    f3[j] = c;
                    z1[j] = T11 * a + T12 * b + T13 * c;
                    z2[j] = T21 * a + T22 * b + T23 * c;
                    z3[j] = T31 * a + b;
                }
                if (faccon * dyno <= fnewt) {
                    return CONVERGED;
                }
            }
        }

        /**
         * The gradients at the three stages {@code w + z_i} into {@code k_i}, as one batch of the field
         * ({@link GradientField#valuesAndGradients}: the empirical risk evaluates them side by side).
         *
         * @return whether they are finite
         */
        private boolean stages(double[] w) {
            for (int j = 0; j < n; j++) {
                stagePoints[0][j] = w[j] + z1[j];
                stagePoints[1][j] = w[j] + z2[j];
                stagePoints[2][j] = w[j] + z3[j];
            }
            field.valuesAndGradients(stagePoints, stageGradients, stageValues, 3);
            evaluations += 3;
            return finiteStages();
        }

        private boolean finiteStages() {
            return StopRules.allFinite(k1) && StopRules.allFinite(k2) && StopRules.allFinite(k3);
        }

        /**
         * The gradient at the new point {@code wNew} of a converged step of size {@code hTry} into {@code gNew}, in
         * one batch with the stage gradients of the next step's first Newton iteration if it will be of size
         * {@code hNext} (NaN: no next step is speculated): its starting stages are the collocation polynomial of this
         * step extrapolated, known before the gradient at {@code wNew} is; a field that evaluates a batch side by
         * side (the empirical risk on two threads) then gives four gradients for the time of two. The stages are
         * used by {@link #newton} when the next step is taken with {@code hNext}; otherwise they cost three
         * evaluations for nothing (at the last step, or when the next step is not taken as planned).
         *
         * @return the value at {@code wNew}
         */
        double newPoint(double[] wNew, double[] gNew, double hTry, double hNext) {
            speculatedStep = Double.NaN;
            if (Double.isNaN(hNext)) {
                evaluations++;
                return field.valueAndGradient(wNew, gNew);
            }
            polynomial(hTry, nextCont1, nextCont2, nextCont3);
            extrapolate(hNext, hTry, nextCont1, nextCont2, nextCont3, nextZ1, nextZ2, nextZ3);
            for (int j = 0; j < n; j++) {
                double wj = wNew[j];
                newPoints[0][j] = wj + nextZ1[j];
                newPoints[1][j] = wj + nextZ2[j];
                newPoints[2][j] = wj + nextZ3[j];
            }
            newPoints[3] = wNew;
            newGradients[3] = gNew;
            try {
                field.valuesAndGradients(newPoints, newGradients, newValues, 4);
            } finally {
                newPoints[3] = null;
                newGradients[3] = null;
            }
            evaluations += 4;
            speculatedStep = hNext;
            return newValues[3];
        }

        /**
         * Hairer's error estimate of the converged step; with {@code second} and a first estimate {@code >= 1},
         * the second one (one evaluation more).
         *
         * @return the RMS norm of the estimate, at least 1e-10; NaN when not finite
         */
        double error(double[] w, double[] gradient, double h, boolean second) {
            double hee1 = DD1 / h;
            double hee2 = DD2 / h;
            double hee3 = DD3 / h;
            for (int j = 0; j < n; j++) {
                double e = hee1 * z1[j] + hee2 * z2[j] + hee3 * z3[j];
                base[j] = e;
                estimate[j] = e - gradient[j];
            }
            e1.solve(estimate);
            double error = norm(estimate);
            if (error >= 1 && second) {
                for (int j = 0; j < n; j++) {
                    point[j] = w[j] + estimate[j];
                }
                field.valueAndGradient(point, k1);
                evaluations++;
                for (int j = 0; j < n; j++) {
                    estimate[j] = base[j] - k1[j];
                }
                e1.solve(estimate);
                error = norm(estimate);
            }
            return Double.isFinite(error) ? Math.max(error, 1e-10) : Double.NaN;
        }

        private double norm(double[] e) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double r = e[j] / scale[j];
                sum += r * r;
            }
            return Math.sqrt(sum / n);
        }

        /** Stores the collocation polynomial of the accepted step {@code h} (nodes 0, c2 - 1, c1 - 1, -1 in s). */
        void polynomial(double h) {
            polynomial(h, cont1, cont2, cont3);
            hold = h;
        }

        /** The collocation polynomial of the converged stages {@code z} into {@code d1, d2, d3} (RADAU5's CONT). */
        private void polynomial(double h, double[] d1, double[] d2, double[] d3) {
            for (int j = 0; j < n; j++) {
                double a = z1[j];
                double b = z2[j];
                double c = z3[j];
                d1[j] = (b - c) / C2M1;
                double ak = (a - b) / C1MC2;
                double acont3 = (ak - a / C1) / C2;
                d2[j] = (ak - d1[j]) / C1M1;
                d3[j] = d2[j] - acont3;
            }
        }

        /**
         * The starting stages of a step of size {@code h} after one of size {@code hPrevious} with collocation
         * polynomial {@code d1, d2, d3}: the polynomial extrapolated to the new nodes.
         */
        private void extrapolate(double h, double hPrevious, double[] d1, double[] d2, double[] d3, double[] a1,
                                 double[] a2, double[] a3) {
            double c3q = h / hPrevious;
            double c1q = C1 * c3q;
            double c2q = C2 * c3q;
            for (int j = 0; j < n; j++) {
                double ak1 = d1[j];
                double ak2 = d2[j];
                double ak3 = d3[j];
                a1[j] = c1q * (ak1 + (c1q - C2M1) * (ak2 + (c1q - C1M1) * ak3));
                a2[j] = c2q * (ak1 + (c2q - C2M1) * (ak2 + (c2q - C1M1) * ak3));
                a3[j] = c3q * (ak1 + (c3q - C2M1) * (ak2 + (c3q - C1M1) * ak3));
            }
        }
    }

    /** @return e.g. {@code radau-iia-5(rtol=1.0E-6, atol=1.0E-9, initialStep=auto, minStep=0.0, maxStep=Infinity)} */
    @Override
    public String toString() {
        return name + "(rtol=" + rtol + ", atol=" + atol + ", initialStep="
                + (Double.isNaN(initialStep) ? "auto" : Double.toString(initialStep)) + ", minStep=" + minStep
                + ", maxStep=" + maxStep + ")";
    }
}
