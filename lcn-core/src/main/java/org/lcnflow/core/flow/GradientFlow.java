package org.lcnflow.core.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.HessianField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.Loss;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.VectorNorms;
import org.lcnflow.core.endpoint.EndPoint;
import org.lcnflow.core.endpoint.FinalFilterRisk;
import org.lcnflow.core.network.InitialFilters;
import org.lcnflow.core.network.PolynomialChain;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.risk.RiskOptions;
import org.lcnflow.core.theory.Balancedness;
import org.lcnflow.core.theory.BoundednessBound;
import org.lcnflow.core.theory.Diagnostics;

/**
 * One gradient-flow problem, ready to run: the flow {@code dw/dt = -grad L(w)} (eq. (1.4)) of the
 * empirical risk of an LCN, integrated from given initial filters until a stop condition, with the
 * trajectory recorded at an interval in time and the theory's promises checked at every accepted step.
 * Immutable; {@link #run} may be called repeatedly and from several threads (each run has its own state).
 */
public final class GradientFlow {

    private final Architecture architecture;
    private final Loss loss;
    private final FlowIntegrator integrator;
    private final double[] initialFilters;
    private final StopCondition stop;
    private final double recordEvery;
    private final TrainingRisk training;
    /** The risk of data in memory, or null for a {@link TrainingRisk} given to the builder. */
    private final EmpiricalRisk risk;

    private GradientFlow(Builder b) {
        if (b.training != null) {
            if (b.data != null) {
                throw new IllegalArgumentException("give the flow either data or a training risk, not both");
            }
            requireSame("architecture", b.architecture, b.training.architecture());
            requireSame("loss", b.loss, b.training.loss());
        }
        this.architecture = Objects.requireNonNull(b.architecture, "architecture is not set");
        if (b.training == null) {
            Objects.requireNonNull(b.data, "data is not set");
        }
        this.loss = Objects.requireNonNull(b.loss, "loss is not set");
        this.integrator = Objects.requireNonNull(b.integrator, "integrator is not set");
        this.stop = Objects.requireNonNull(b.stop, "stop condition is not set");
        this.initialFilters = Objects.requireNonNull(b.initialFilters, "initial filters are not set").clone();
        this.recordEvery = b.recordEvery;
        if (initialFilters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("the initial filters have " + initialFilters.length + " values but "
                    + architecture + " has sum k_i = " + architecture.parameterCount() + " parameters");
        }
        for (int i = 0; i < initialFilters.length; i++) {
            if (!Double.isFinite(initialFilters[i])) {
                throw new IllegalArgumentException("initial filter value " + i + " is " + initialFilters[i]
                        + ": initial filters must be finite");
            }
        }
        if (!(recordEvery >= 0) || Double.isInfinite(recordEvery)) {
            throw new IllegalArgumentException("record interval must be >= 0 and finite (0 records every step), got "
                    + recordEvery);
        }
        if (b.training != null) {
            this.training = b.training;
            this.risk = b.training instanceof SharedRisk ? ((SharedRisk) b.training).empiricalRisk() : null;
        } else {
            RiskOptions options = b.riskOptions != null ? b.riskOptions : RiskOptions.defaults();
            this.risk = EmpiricalRisk.of(architecture, b.data, loss,
                    options.withGradientTolerance(stop.gradientTolerance()));
            this.training = new SharedRisk(b.data, risk);
        }
    }

    private static void requireSame(String what, Object given, Object training) {
        if (given != null && !given.equals(training)) {
            throw new IllegalArgumentException("the flow's " + what + " " + given + " is not the training risk's "
                    + training);
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the architecture */
    public Architecture architecture() {
        return architecture;
    }

    /**
     * @return the empirical risk being minimised (a fresh fork, safe to use on the caller's thread)
     * @throws IllegalStateException when the flow was built on a {@link TrainingRisk} whose data are not in memory
     *                               (see {@link #trainingRisk})
     */
    public EmpiricalRisk risk() {
        if (risk == null) {
            throw new IllegalStateException("the risk of this flow is " + training + ", not data in memory: use"
                    + " trainingRisk()");
        }
        return risk.fork();
    }

    /** @return the risk being minimised with what the run's checks need from its data */
    public TrainingRisk trainingRisk() {
        return training;
    }

    /** @return the initial filters, a copy */
    public double[] initialFilters() {
        return initialFilters.clone();
    }

    /** @return the integrator */
    public FlowIntegrator integrator() {
        return integrator;
    }

    /** @return the stop condition */
    public StopCondition stop() {
        return stop;
    }

    /** @return the run's result, trajectory and diagnostics */
    public FlowRun run() {
        return run(FlowObserver.NONE);
    }

    /**
     * @param observer also sees every accepted step, and may cancel the run
     * @return the run's result, trajectory and diagnostics
     */
    public FlowRun run(FlowObserver observer) {
        return run(observer, Checkpoint.Sink.NONE);
    }

    /**
     * @param observer    also sees every accepted step, and may cancel the run
     * @param checkpoints asked after every accepted step whether to save a checkpoint
     * @return the run's result, trajectory and diagnostics
     * @throws IllegalArgumentException when checkpoints are asked for but the integrator cannot resume
     */
    public FlowRun run(FlowObserver observer, Checkpoint.Sink checkpoints) {
        Objects.requireNonNull(observer, "observer is null");
        Objects.requireNonNull(checkpoints, "checkpoints is null");
        requireResumable(checkpoints);
        CountingField field = new CountingField(training.field(), 0, 0.0);
        Recorder recorder = new Recorder(architecture, recordEvery, observer, field, checkpoints);
        return finish(recorder, integrator.integrate(field, initialFilters, stop, recorder));
    }

    /**
     * Continues a run from a checkpoint of this same flow: the result, trajectory and diagnostics are
     * bit for bit those of the uninterrupted run (wall-clock seconds apart).
     *
     * @param checkpoint  a checkpoint saved by a run of this flow
     * @param observer    also sees every accepted step, and may cancel the run
     * @param checkpoints asked after every accepted step whether to save a checkpoint
     * @return the whole run's result, trajectory and diagnostics
     * @throws IllegalArgumentException when the checkpoint does not belong to this flow's integrator or
     *                                  architecture, or the integrator cannot resume
     */
    public FlowRun resume(Checkpoint checkpoint, FlowObserver observer, Checkpoint.Sink checkpoints) {
        Objects.requireNonNull(checkpoint, "checkpoint is null");
        Objects.requireNonNull(observer, "observer is null");
        Objects.requireNonNull(checkpoints, "checkpoints is null");
        if (!integrator.isResumable()) {
            throw new IllegalArgumentException("integrator " + integrator + " cannot resume a run from a checkpoint:"
                    + " it does not save its whole state (every built-in integrator does)");
        }
        if (checkpoint.integrator().parameters().length != architecture.parameterCount()) {
            throw new IllegalArgumentException("the checkpoint holds " + checkpoint.integrator().parameters().length
                    + " parameters but " + architecture + " has " + architecture.parameterCount());
        }
        CountingField field = new CountingField(training.field(), checkpoint.integrator().evaluations(),
                checkpoint.recorder().seconds());
        Recorder recorder = new Recorder(architecture, recordEvery, observer, field, checkpoints);
        recorder.restore(checkpoint.recorder());
        return finish(recorder, integrator.resume(field, checkpoint.integrator(), stop, recorder));
    }

    private void requireResumable(Checkpoint.Sink checkpoints) {
        if (checkpoints != Checkpoint.Sink.NONE && !integrator.isResumable()) {
            throw new IllegalArgumentException("integrator " + integrator + " cannot save its whole state, so its"
                    + " runs cannot be checkpointed; every built-in integrator can");
        }
    }

    /** The bound depends on the data and the loss only: computed once per flow ({@code O(m d0^2)}), on first use. */
    private volatile BoundednessBound boundednessBound;

    private BoundednessBound boundednessBound() {
        BoundednessBound bound = boundednessBound;
        if (bound == null) {
            bound = training.boundednessBound();
            boundednessBound = bound;
        }
        return bound;
    }

    private FlowRun finish(Recorder recorder, FlowResult result) {
        if (result == null) {
            throw new IllegalStateException("integrator " + integrator.name() + " returned no result");
        }
        Trajectory trajectory = recorder.trajectory(result);
        BoundednessBound bound = boundednessBound();
        Trajectory.Point first = trajectory.first();
        Diagnostics diagnostics = new Diagnostics(
                new Diagnostics.Monotonicity(recorder.increases, recorder.largestIncrease),
                new Diagnostics.BalancednessDrift(first.deltas(), trajectory.last().deltas(), recorder.largestDrift,
                        recorder.largestDrift / recorder.normScale),
                new Diagnostics.Boundedness(bound.rank(), bound.inputDimension(), bound.conditionNumber(),
                        bound.at(first.loss()), recorder.largestFinalFilterL1),
                hypotheses(bound), result.gradientNorm(), result.stopReason(),
                EndPoint.analyze(training.finalFilterRisk(), training.convexOptimum(), result.parameters(),
                        stop.gradientTolerance()));
        return new FlowRun(result, trajectory, diagnostics);
    }

    private Diagnostics.Hypotheses hypotheses(BoundednessBound bound) {
        List<String> failures = new ArrayList<>();
        boolean analytic = loss.isAnalytic();
        boolean coercive = bound.lossHasBound();
        boolean fullRank = bound.isFullRank();
        if (!analytic) {
            failures.add("the loss " + loss + " is not analytic, so the Lojasiewicz gradient inequality is not"
                    + " guaranteed (Theorem 3.8 covers l_p only for even p)");
        }
        if (!coercive) {
            failures.add("the loss " + loss + " gives no bound ||VX - Y||_1 <= h(L) (eq. (3.8)), so the flow is not"
                    + " known to stay bounded");
        }
        if (!fullRank) {
            failures.add("X X^T has rank " + bound.rank() + " < d0 = " + bound.inputDimension() + " (" 
                    + training.sampleCount() + " samples), so Lemma 3.6 does not bound the final filter");
        }
        return new Diagnostics.Hypotheses(analytic, coercive, fullRank, failures);
    }

    @Override
    public String toString() {
        return "GradientFlow(" + architecture + ", samples=" + training.sampleCount() + ", loss=" + loss + ", integrator="
                + integrator + ", stop=" + stop + ")";
    }

    /**
     * Counts the evaluations the integrator asks for, and hands it the risk's Hessian when the risk has one
     * (a Hessian evaluation also counts as a gradient evaluation).
     */
    private static final class CountingField implements HessianField {
        private final GradientField field;
        private final HessianField hessianField;
        private long evaluations;
        private final long start;

        CountingField(GradientField field, long evaluations, double secondsBefore) {
            this.field = field;
            this.hessianField = field instanceof HessianField && ((HessianField) field).hasHessian()
                    ? (HessianField) field : null;
            this.evaluations = evaluations;
            this.start = System.nanoTime() - (long) (secondsBefore * 1e9);
        }

        @Override
        public int dimension() {
            return field.dimension();
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            evaluations++;
            return field.valueAndGradient(w, gradient);
        }

        @Override
        public void valuesAndGradients(double[][] points, double[][] gradients, double[] values, int count) {
            evaluations += count;
            field.valuesAndGradients(points, gradients, values, count);
        }

        @Override
        public boolean hasHessian() {
            return hessianField != null;
        }

        @Override
        public double valueGradientAndHessian(double[] w, double[] gradient, double[] hessian) {
            if (hessianField == null) {
                throw new UnsupportedOperationException("the field of this flow has no Hessian: " + field);
            }
            evaluations++;
            return hessianField.valueGradientAndHessian(w, gradient, hessian);
        }

        double seconds() {
            return (System.nanoTime() - start) * 1e-9;
        }
    }

    /**
     * A loss increase counts only above this many ulps of the loss: below it the risk's own rounding (a sum
     * over samples) cannot tell an increase from a decrease.
     */
    static final double ROUNDING_ULPS = 64;

    /** Watches every accepted step: records the trajectory and tracks the diagnostics. */
    private static final class Recorder implements FlowObserver {
        private final Architecture architecture;
        private final double recordEvery;
        private final FlowObserver next;
        private final CountingField field;
        private final PolynomialChain chain;
        private final double[] norms;
        private final List<Trajectory.Point> points = new ArrayList<>();
        private double[] initialDeltas;
        private double normScale = 1.0;
        private long steps;
        private double previousValue;
        private long increases;
        private double largestIncrease;
        private double largestDrift;
        private double largestFinalFilterL1;
        private double nextRecord;

        private final Checkpoint.Sink checkpoints;
        private boolean saveNext;
        private boolean nextWantsState;

        Recorder(Architecture architecture, double recordEvery, FlowObserver next, CountingField field,
                 Checkpoint.Sink checkpoints) {
            this.architecture = architecture;
            this.field = field;
            this.checkpoints = checkpoints;
            this.recordEvery = recordEvery;
            this.next = next;
            this.chain = new PolynomialChain(architecture);
            this.norms = new double[architecture.depth()];
        }

        @Override
        public void onStart(double t0, double[] w0, double value, double[] gradient) {
            Balancedness.squaredLayerNorms(architecture, w0, norms);
            initialDeltas = Balancedness.deltasOf(norms);
            double largestNorm = 0.0;
            for (double n : norms) {
                largestNorm = Math.max(largestNorm, n);
            }
            normScale = largestNorm > 0 ? largestNorm : 1.0;
            previousValue = value;
            largestFinalFilterL1 = l1(chain.forward(w0));
            record(t0, w0, value, gradient);
            nextRecord = t0 + recordEvery;
            next.onStart(t0, w0, value, gradient);
        }

        @Override
        public boolean onStep(double t, double[] w, double value, double[] gradient) {
            steps++;
            if (initialDeltas == null) {
                throw new IllegalStateException("the integrator called onStep before onStart");
            }
            if (value - previousValue > ROUNDING_ULPS * Math.ulp(previousValue)) {
                increases++;
                largestIncrease = Math.max(largestIncrease, value - previousValue);
            }
            previousValue = value;
            Balancedness.squaredLayerNorms(architecture, w, norms);
            for (int i = 0; i < initialDeltas.length; i++) {
                double drift = Math.abs(norms[i + 1] - norms[i] - initialDeltas[i]);
                if (drift > largestDrift) {
                    largestDrift = drift;
                }
            }
            double l1 = l1(chain.forward(w));
            if (l1 > largestFinalFilterL1) {
                largestFinalFilterL1 = l1;
            }
            if (t >= nextRecord) {
                record(t, w, value, gradient);
                nextRecord = recordEvery > 0 ? (Math.floor(t / recordEvery) + 1) * recordEvery : t;
            }
            return next.onStep(t, w, value, gradient);
        }

        @Override
        public void onFinish(FlowResult result) {
            next.onFinish(result);
        }

        @Override
        public void onResume(IntegratorState state) {
            next.onResume(state);
        }

        @Override
        public boolean wantsState(double t, long steps) {
            saveNext = checkpoints.due(t, steps);
            nextWantsState = next.wantsState(t, steps);
            return saveNext || nextWantsState;
        }

        @Override
        public void onState(IntegratorState state) {
            if (saveNext) {
                checkpoints.save(new Checkpoint(state, snapshot()));
            }
            if (nextWantsState) {
                next.onState(state);
            }
        }

        Checkpoint.Recorder snapshot() {
            return new Checkpoint.Recorder(points, initialDeltas, normScale, steps, previousValue, increases,
                    largestIncrease, largestDrift, largestFinalFilterL1, nextRecord, field.seconds());
        }

        void restore(Checkpoint.Recorder saved) {
            points.addAll(saved.points());
            initialDeltas = saved.initialDeltas();
            normScale = saved.normScale();
            steps = saved.steps();
            previousValue = saved.previousValue();
            increases = saved.increases();
            largestIncrease = saved.largestIncrease();
            largestDrift = saved.largestDrift();
            largestFinalFilterL1 = saved.largestFinalFilterL1();
            nextRecord = saved.nextRecord();
        }

        private void record(double t, double[] w, double value, double[] gradient) {
            if (!Double.isFinite(value)) {
                return;
            }
            Balancedness.squaredLayerNorms(architecture, w, norms);
            points.add(new Trajectory.Point(t, steps, field.evaluations, field.seconds(), value,
                    VectorNorms.euclidean(gradient), norms,
                    chain.forward(w)));
        }

        Trajectory trajectory(FlowResult result) {
            Trajectory.Point last = points.isEmpty() ? null : points.get(points.size() - 1);
            if (last == null || last.steps() != result.steps() || last.time() != result.time()) {
                double[] w = result.parameters();
                points.add(new Trajectory.Point(result.time(), result.steps(), field.evaluations, field.seconds(),
                        result.value(), result.gradientNorm(), Balancedness.squaredLayerNorms(architecture, w),
                        chain.forward(w)));
            }
            return new Trajectory(points);
        }

        private static double l1(double[] v) {
            double sum = 0.0;
            for (double c : v) {
                sum += Math.abs(c);
            }
            return sum;
        }

    }

    /** Builds a {@link GradientFlow}; every field but the record interval (default 0: every step) is required. */
    public static final class Builder {
        private Architecture architecture;
        private Dataset data;
        private Loss loss;
        private FlowIntegrator integrator;
        private double[] initialFilters;
        private StopCondition stop;
        private double recordEvery;
        private RiskOptions riskOptions;
        private TrainingRisk training;

        private Builder() {
        }

        /**
         * How the risk is evaluated (default {@link RiskOptions#defaults()}: the fastest exact path unless a
         * system property says otherwise). The gradient tolerance is always the stop condition's.
         *
         * @param options e.g. {@code RiskOptions.defaults().withPath(GradientPath.GENERIC)}
         * @return this
         */
        public Builder riskOptions(RiskOptions options) {
            this.riskOptions = Objects.requireNonNull(options, "options is null");
            return this;
        }

        /**
         * Trains on a risk whose data need not be in memory (instead of {@link #data}); its architecture and loss are
         * the flow's, so they need not be set (if they are, they must be the same).
         *
         * @param risk e.g. a {@link org.lcnflow.core.RiskSource}'s
         * @return this
         */
        public Builder risk(TrainingRisk risk) {
            this.training = Objects.requireNonNull(risk, "risk is null");
            architecture = architecture != null ? architecture : risk.architecture();
            loss = loss != null ? loss : risk.loss();
            return this;
        }

        /** @param architecture the network @return this */
        public Builder architecture(Architecture architecture) {
            this.architecture = architecture;
            return this;
        }

        /** @param data the training data @return this */
        public Builder data(Dataset data) {
            this.data = data;
            return this;
        }

        /** @param loss the loss @return this */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** @param integrator the integrator @return this */
        public Builder integrator(FlowIntegrator integrator) {
            this.integrator = integrator;
            return this;
        }

        /** @param w the initial filters, concatenated in layer order (copied) @return this */
        public Builder initialFilters(double[] w) {
            this.initialFilters = w == null ? null : w.clone();
            return this;
        }

        /**
         * Seeded Gaussian initial filters ({@link InitialFilters#gaussian}); set the architecture first.
         *
         * @param seed  the seed
         * @param scale the standard deviation
         * @return this
         */
        public Builder randomInitialFilters(long seed, double scale) {
            Objects.requireNonNull(architecture, "set the architecture before random initial filters");
            this.initialFilters = InitialFilters.gaussian(architecture, seed, scale);
            return this;
        }

        /** @param stop when to stop @return this */
        public Builder stop(StopCondition stop) {
            this.stop = stop;
            return this;
        }

        /** @param interval record a trajectory point every {@code interval} of time (0: every step) @return this */
        public Builder recordEvery(double interval) {
            this.recordEvery = interval;
            return this;
        }

        /**
         * @return the flow
         * @throws IllegalArgumentException when the parts do not fit together, naming the numbers
         * @throws NullPointerException     when a required part is missing, naming it
         */
        public GradientFlow build() {
            return new GradientFlow(this);
        }
    }
}
