package org.lcnflow.core.flow;

import java.util.List;
import java.util.Objects;
import org.lcnflow.api.IntegratorState;

/**
 * Everything needed to continue a {@link GradientFlow} run exactly: the integrator's full state and the
 * runner's own (the trajectory recorded so far and the diagnostics' running values). A run resumed from
 * a checkpoint ends bit for bit as the uninterrupted run. Immutable.
 *
 * @param integrator the integrator's state after an accepted step
 * @param recorder   the runner's state at the same step
 */
public record Checkpoint(IntegratorState integrator, Recorder recorder) {

    /** Checks for nulls. */
    public Checkpoint {
        Objects.requireNonNull(integrator, "integrator is null");
        Objects.requireNonNull(recorder, "recorder is null");
    }

    /**
     * The runner's state: the trajectory so far and the running values of the diagnostics.
     *
     * @param points               the recorded points
     * @param initialDeltas        {@code delta_i(0)} (copied)
     * @param normScale            the scale of relative balancedness drift
     * @param steps                accepted steps seen
     * @param previousValue        the loss at the last accepted step
     * @param increases            steps that increased the loss
     * @param largestIncrease      the largest increase
     * @param largestDrift         the largest balancedness drift
     * @param largestFinalFilterL1 the largest {@code ||v||_1}
     * @param nextRecord           the next recording time
     * @param seconds              wall-clock seconds spent so far
     */
    public record Recorder(List<Trajectory.Point> points, double[] initialDeltas, double normScale, long steps,
                           double previousValue, long increases, double largestIncrease, double largestDrift,
                           double largestFinalFilterL1, double nextRecord, double seconds) {

        /** Copies. */
        public Recorder {
            points = List.copyOf(points);
            initialDeltas = initialDeltas.clone();
        }

        @Override
        public double[] initialDeltas() {
            return initialDeltas.clone();
        }
    }

    /** Where a run's checkpoints go, and when. */
    public interface Sink {

        /** Never asks for a checkpoint. */
        Sink NONE = new Sink() {
            @Override
            public boolean due(double t, long steps) {
                return false;
            }

            @Override
            public void save(Checkpoint checkpoint) {
                throw new IllegalStateException("no checkpoint was asked for");
            }
        };

        /**
         * Asked after every accepted step.
         *
         * @param t     the time reached
         * @param steps accepted steps so far
         * @return whether to save a checkpoint now
         */
        boolean due(double t, long steps);

        /**
         * @param checkpoint the state after the step {@link #due} accepted
         */
        void save(Checkpoint checkpoint);
    }
}
