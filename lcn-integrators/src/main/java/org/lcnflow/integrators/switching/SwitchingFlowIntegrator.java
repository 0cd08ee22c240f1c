package org.lcnflow.integrators.switching;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.SolverStatistics;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.integrators.control.StopRules;
import org.lcnflow.integrators.implicit.SolverCounters;

/**
 * Automatic stiffness switching for the gradient flow {@code w' = -grad L(w)} (eq. (1.4)), as LSODA does
 * (Petzold 1983, Hairer-Wanner vol. II, IV.10): the run starts with an explicit method and goes over to an
 * implicit one when the {@link StiffnessDetector} finds the explicit step held by stability, and back when
 * the implicit step is one an explicit method could take stably. The flow of an LCN is typically mild at
 * the start and stiff near its end (the Hessian's eigenvalues there spread from about 0, the rescaling
 * modes, to the data's largest curvature), so a run usually switches once.
 *
 * <p>Each phase is a run of one of the two (resumable) integrators, started at the point the previous
 * phase reached; the flow is autonomous, so a phase runs on its own clock from 0 and this integrator adds
 * the time at which it started (landing exactly on {@code tMax}). Accepted steps, rejections, evaluations
 * and {@link SolverStatistics} add up over the phases; the detector's checks cost one evaluation each with
 * an exact Hessian (a few without) and are counted. The observer sees one run: one {@code onStart}, every
 * accepted step, one {@code onFinish}; a state it asks for holds the phase's own state and what is needed
 * to go on, so a resumed run continues bit for bit, switches included.
 *
 * <p>Immutable and thread-safe when both integrators are.
 */
public final class SwitchingFlowIntegrator implements FlowIntegrator {

    private static final String PHASE = "phase.";

    private final String name;
    private final FlowIntegrator explicit;
    private final FlowIntegrator implicit;
    private final double stabilityBoundary;

    /**
     * @param name              the provider name
     * @param explicit          the non-stiff method, resumable
     * @param stabilityBoundary the explicit method's stability boundary on the negative real axis
     *                          ({@code 3.3} for Dormand-Prince 5(4))
     * @param implicit          the stiff method, resumable
     */
    public SwitchingFlowIntegrator(String name, FlowIntegrator explicit, double stabilityBoundary,
                                   FlowIntegrator implicit) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.explicit = Objects.requireNonNull(explicit, "explicit is null");
        this.implicit = Objects.requireNonNull(implicit, "implicit is null");
        if (!explicit.isResumable() || !implicit.isResumable()) {
            throw new IllegalArgumentException(name + ": both methods must be resumable, got " + explicit + " and "
                    + implicit);
        }
        if (!(stabilityBoundary > 0) || Double.isInfinite(stabilityBoundary)) {
            throw new IllegalArgumentException(name + ": the stability boundary must be > 0 and finite, got "
                    + stabilityBoundary);
        }
        this.stabilityBoundary = stabilityBoundary;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isResumable() {
        return true;
    }

    @Override
    public FlowResult integrate(GradientField field, double[] w0, StopCondition stop, FlowObserver observer) {
        StopRules.checkArguments(field, w0, stop, observer);
        Run run = new Run(field, stop, observer);
        run.forwardStart = true;
        return run.go(w0, null);
    }

    @Override
    public FlowResult resume(GradientField field, IntegratorState state, StopCondition stop, FlowObserver observer) {
        StopRules.checkOwner(state, this);
        double[] w = state.parameters();
        StopRules.checkArguments(field, w, stop, observer);
        double gradientNorm = StopRules.norm2(state.gradient());
        StopRules.checkStart(state.value(), gradientNorm);
        observer.onResume(state);
        Run run = new Run(field, stop, observer);
        run.restore(state);
        StopReason reason = StopRules.atResume(stop, state, gradientNorm);
        if (reason != null) {
            boolean fresh = state.control("fresh") != 0;
            FlowResult result = new FlowResult(w, state.time(), state.value(), gradientNorm, state.steps(),
                    state.rejectedSteps(), state.evaluations(), reason,
                    run.statistics(fresh ? SolverStatistics.NONE : phaseStatistics(run.phaseState(state))));
            observer.onFinish(result);
            return result;
        }
        return run.go(w, state.control("fresh") != 0 ? null : run.phaseState(state));
    }

    /** One call's phases: the bookkeeping of the finished ones, the detector, and the observer between. */
    private final class Run implements FlowObserver {
        private final GradientField field;
        private final StopCondition stop;
        private final FlowObserver observer;
        private final StiffnessDetector detector;

        boolean forwardStart;
        boolean explicitMode = true;
        double offset;
        double lastTime;
        long stepsBefore;
        long rejectedBefore;
        long evaluationsBefore;
        SolverStatistics finished = SolverStatistics.NONE;
        long switches;
        /** The phase's previous accepted time, for the step size the detector sees. */
        double previousLocal;
        double localTMax;
        long phaseSteps;
        boolean switchRequested;

        Run(GradientField field, StopCondition stop, FlowObserver observer) {
            this.field = field;
            this.stop = stop;
            this.observer = observer;
            this.detector = new StiffnessDetector(field, stabilityBoundary);
        }

        /** Runs phases from {@code w} (the first one resumed from {@code phaseState} when not null) to the end. */
        FlowResult go(double[] w, IntegratorState phaseState) {
            while (true) {
                FlowIntegrator phase = explicitMode ? explicit : implicit;
                localTMax = stop.tMax() - offset;
                StopCondition local = new StopCondition(localTMax, stop.gradientTolerance(),
                        stop.maxSteps() - stepsBefore, stop.maxParameterNorm());
                switchRequested = false;
                FlowResult r;
                if (phaseState == null) {
                    previousLocal = 0;
                    phaseSteps = 0;
                    r = phase.integrate(field, w, local, this);
                } else {
                    previousLocal = phaseState.time();
                    phaseSteps = phaseState.steps();
                    r = phase.resume(field, phaseState, local, this);
                    phaseState = null;
                }
                forwardStart = false;
                double time = lastTime; // the time of the last step shown (restored on resume; 0 before any)
                long steps = stepsBefore + r.steps();
                long rejected = rejectedBefore + r.rejectedSteps();
                long evaluations = evaluationsBefore + r.evaluations();
                if (switchRequested && r.stopReason() == StopReason.CANCELLED && steps < stop.maxSteps()) {
                    finished = finished.plus(r.solver());
                    stepsBefore = steps;
                    rejectedBefore = rejected;
                    evaluationsBefore = evaluations;
                    offset = time;
                    explicitMode = !explicitMode;
                    switches++;
                    w = r.parameters();
                    continue;
                }
                StopReason reason = switchRequested && r.stopReason() == StopReason.CANCELLED
                        ? StopReason.STEP_LIMIT : r.stopReason();
                FlowResult result = new FlowResult(r.parameters(), time, r.value(), r.gradientNorm(), steps, rejected,
                        evaluations + detector.evaluations, reason, statistics(r.solver()));
                observer.onFinish(result);
                return result;
            }
        }

        SolverStatistics statistics(SolverStatistics phase) {
            return finished.plus(phase).plus(detector.statistics());
        }

        /** The global time of a phase's local time: on {@code tMax} exactly at its end, always increasing. */
        double global(double local) {
            if (local == localTMax) {
                return stop.tMax();
            }
            double t = Math.min(offset + local, stop.tMax());
            return t > lastTime ? t : Math.nextUp(lastTime);
        }

        @Override
        public void onStart(double t0, double[] w0, double value, double[] gradient) {
            if (forwardStart) {
                observer.onStart(t0, w0, value, gradient);
            }
        }

        @Override
        public void onResume(IntegratorState state) {
            // the run's own onResume was called with this integrator's state
        }

        @Override
        public boolean onStep(double t, double[] w, double value, double[] gradient) {
            double time = global(t);
            lastTime = time;
            phaseSteps++;
            boolean continues = observer.onStep(time, w, value, gradient);
            double h = t - previousLocal;
            previousLocal = t;
            if (continues && detector.afterStep(explicitMode, h, w, gradient)) {
                switchRequested = true;
                detector.reset();
            }
            return continues && !switchRequested;
        }

        @Override
        public boolean wantsState(double t, long steps) {
            return observer.wantsState(lastTime, stepsBefore + steps);
        }

        @Override
        public void onState(IntegratorState state) {
            Map<String, Double> control = new HashMap<>();
            state.control().forEach((key, value) -> control.put(PHASE + key, value));
            control.put("explicit", explicitMode != switchRequested ? 1.0 : 0.0);
            control.put("fresh", switchRequested ? 1.0 : 0.0);
            control.put("offset", switchRequested ? lastTime : offset);
            control.put("lastTime", lastTime);
            control.put("phase.time", state.time());
            control.put("phase.steps", (double) state.steps());
            control.put("phase.rejectedSteps", (double) state.rejectedSteps());
            control.put("phase.evaluations", (double) state.evaluations());
            long steps = stepsBefore + state.steps();
            long rejected = rejectedBefore + state.rejectedSteps();
            long evaluations = evaluationsBefore + state.evaluations();
            // a state at a switch starts the next phase fresh: the finished one's counters move "before"
            control.put("before.steps", (double) (switchRequested ? steps : stepsBefore));
            control.put("before.rejectedSteps", (double) (switchRequested ? rejected : rejectedBefore));
            control.put("before.evaluations", (double) (switchRequested ? evaluations : evaluationsBefore));
            SolverStatistics before = switchRequested ? finished.plus(phaseStatistics(state)) : finished;
            SolverCounters beforeCounters = counters(before);
            Map<String, Double> saved = beforeCounters.save(new HashMap<>());
            saved.forEach((key, value) -> control.put("before." + key, value));
            control.put("switches", (double) (switches + (switchRequested ? 1 : 0)));
            detector.save(control);
            Map<String, double[]> vectors = new HashMap<>();
            state.vectors().forEach((key, value) -> vectors.put(PHASE + key, value));
            observer.onState(new IntegratorState(name, SwitchingFlowIntegrator.this.toString(), lastTime, steps,
                    rejected, evaluations + detector.evaluations, state.parameters(), state.value(), state.gradient(),
                    control, vectors));
        }

        /** Takes the bookkeeping back from a state this integrator made. */
        void restore(IntegratorState state) {
            explicitMode = state.control("explicit") != 0;
            offset = state.control("offset");
            lastTime = state.control("lastTime");
            stepsBefore = (long) state.control("before.steps");
            rejectedBefore = (long) state.control("before.rejectedSteps");
            evaluationsBefore = (long) state.control("before.evaluations");
            switches = (long) state.control("switches");
            Map<String, Double> before = new HashMap<>();
            state.control().forEach((key, value) -> {
                if (key.startsWith("before.")) {
                    before.put(key.substring("before.".length()), value);
                }
            });
            finished = SolverCounters.restore(new IntegratorState(name, "", 0, 0, 0, 0, new double[0], 0,
                    new double[0], before)).statistics();
            detector.restore(state);
        }

        /** The phase's own state inside one of this integrator's. */
        IntegratorState phaseState(IntegratorState state) {
            Map<String, Double> control = new HashMap<>();
            state.control().forEach((key, value) -> {
                if (key.startsWith(PHASE) && !key.equals("phase.time") && !key.equals("phase.steps")
                        && !key.equals("phase.rejectedSteps") && !key.equals("phase.evaluations")) {
                    control.put(key.substring(PHASE.length()), value);
                }
            });
            Map<String, double[]> vectors = new HashMap<>();
            state.vectors().forEach((key, value) -> vectors.put(key.substring(PHASE.length()), value));
            FlowIntegrator phase = explicitMode ? explicit : implicit;
            return new IntegratorState(phase.name(), phase.toString(), state.control("phase.time"),
                    (long) state.control("phase.steps"), (long) state.control("phase.rejectedSteps"),
                    (long) state.control("phase.evaluations"), state.parameters(), state.value(), state.gradient(),
                    control, vectors);
        }
    }

    private static SolverStatistics phaseStatistics(IntegratorState state) {
        if (!state.control().containsKey("hessians")) {
            return SolverStatistics.NONE;
        }
        return SolverCounters.restore(state).statistics();
    }

    private static SolverCounters counters(SolverStatistics statistics) {
        SolverCounters counters = new SolverCounters();
        counters.hessians = statistics.hessians();
        counters.differenceHessians = statistics.differenceHessians();
        counters.factorizations = statistics.factorizations();
        counters.newtonIterations = statistics.newtonIterations();
        counters.newtonFailures = statistics.newtonFailures();
        return counters;
    }

    /** @return e.g. {@code auto(dormand-prince-54(...) <-> rosenbrock(...))} */
    @Override
    public String toString() {
        return name + "(" + explicit + " <-> " + implicit + ")";
    }
}
