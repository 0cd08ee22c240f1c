package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.StopCondition;

/**
 * The bit-for-bit resumption check the integrator tests share: one uninterrupted run of the gradient flow
 * {@code dw/dt = -grad L(w)} (eq. (1.4)) that records every accepted step and every {@link IntegratorState}
 * handed over, then runs resumed from chosen saved states, each of which must end with the same
 * {@link FlowResult}, show the same later steps (time, parameters, value and gradient, compared by their raw
 * bits) and hand over the same later states. A resumed run is the continuation of an ODE solution from a
 * point of its grid, with the step-size controller's memory restored (Hairer-Norsett-Wanner I, II.4): it has
 * to reproduce the rest of the grid exactly, not just to the tolerance.
 *
 * <p>Use {@link #checkResumes} for the usual choice of states, or {@link #run} and then
 * {@link #resumeFrom(Supplier, int...)} with states chosen from {@link #states()}; either way the
 * uninterrupted result and the recorded states stay available for a test's own assertions.
 */
public final class ResumeCheck {

    /**
     * An observer that records one line of raw bits per accepted step ({@code t}, {@code w}, {@code L(w)},
     * {@code grad L(w)}), asks for the state after every step and keeps each one, and keeps the states a run
     * was resumed from.
     */
    public static final class Recording implements FlowObserver {

        /** One line per accepted step: the hexadecimal raw bits of {@code t}, {@code w | value, gradient}. */
        public final List<String> steps = new ArrayList<>();
        /** Every state handed over, in order. */
        public final List<IntegratorState> states = new ArrayList<>();
        /** The states {@link #onResume} was called with (empty for a run that started afresh). */
        public final List<IntegratorState> resumedFrom = new ArrayList<>();

        /** Creates an empty recording. */
        public Recording() {
        }

        @Override
        public boolean onStep(double t, double[] w, double value, double[] gradient) {
            StringBuilder line = new StringBuilder(bits(t));
            for (double x : w) {
                line.append(' ').append(bits(x));
            }
            line.append(" | ").append(bits(value));
            for (double x : gradient) {
                line.append(' ').append(bits(x));
            }
            steps.add(line.toString());
            return true;
        }

        @Override
        public boolean wantsState(double t, long steps) {
            return true;
        }

        @Override
        public void onState(IntegratorState state) {
            states.add(state);
        }

        @Override
        public void onResume(IntegratorState state) {
            resumedFrom.add(state);
        }

        /**
         * @return the last state handed over
         * @throws AssertionError if none was
         */
        public IntegratorState lastState() {
            assertTrue(!states.isEmpty(), "no state was handed over");
            return states.get(states.size() - 1);
        }

        private static String bits(double x) {
            return Long.toHexString(Double.doubleToRawLongBits(x));
        }
    }

    private final FlowIntegrator integrator;
    private final GradientField field;
    private final StopCondition stop;
    private final FlowResult result;
    private final Recording recording;

    private ResumeCheck(FlowIntegrator integrator, GradientField field, StopCondition stop, FlowResult result,
                        Recording recording) {
        this.integrator = integrator;
        this.field = field;
        this.stop = stop;
        this.result = result;
        this.recording = recording;
    }

    /**
     * Runs {@code integrator} uninterrupted with a {@link Recording}, and asserts that it handed over a state
     * after every accepted step and took at least 8 steps.
     *
     * @param integrator the integrator under test
     * @param field      the gradient field
     * @param w0         the starting point
     * @param stop       the stop condition, used again by every resumed run
     * @return the check, to resume from chosen states
     */
    public static ResumeCheck run(FlowIntegrator integrator, GradientField field, double[] w0, StopCondition stop) {
        Recording uninterrupted = new Recording();
        FlowResult expected = integrator.integrate(field, w0, stop, uninterrupted);
        int n = uninterrupted.states.size();
        assertEquals(expected.steps(), n, integrator + ": a state after every accepted step: " + expected);
        assertTrue(n >= 8, integrator + ": a real run: " + expected);
        return new ResumeCheck(integrator, field, stop, expected, uninterrupted);
    }

    /**
     * {@link #run} followed by {@link #resumeFrom(Supplier, int...)} at the {@link #spread()} of states.
     *
     * @param integrator the integrator under test
     * @param fresh      the integrator to resume with: a fresh instance of the same configuration (as after a
     *                   restart), or {@code () -> integrator} for the same instance
     * @param field      the gradient field
     * @param w0         the starting point
     * @param stop       the stop condition
     * @return the check, with the uninterrupted result and states
     */
    public static ResumeCheck checkResumes(FlowIntegrator integrator, Supplier<? extends FlowIntegrator> fresh,
                                           GradientField field, double[] w0, StopCondition stop) {
        ResumeCheck check = run(integrator, field, w0, stop);
        return check.resumeFrom(fresh, check.spread());
    }

    /** @return the indices of the first, a quarter, half, three quarters and the second-to-last state */
    public int[] spread() {
        int n = size();
        return new int[] {0, n / 4, n / 2, 3 * n / 4, n - 2};
    }

    /**
     * Resumes from each given state of the uninterrupted run and asserts that {@link FlowObserver#onResume} is
     * called once with it, that the result equals the uninterrupted one, and that the later steps (bit for
     * bit) and the later states are those of the uninterrupted run.
     *
     * @param fresh   supplies the integrator for each resumed run (see {@link #checkResumes})
     * @param indices indices into {@link #states()}
     * @return this check
     */
    public ResumeCheck resumeFrom(Supplier<? extends FlowIntegrator> fresh, int... indices) {
        int n = size();
        for (int index : indices) {
            IntegratorState from = recording.states.get(index);
            Recording resumed = new Recording();
            FlowResult again = fresh.get().resume(field, from, stop, resumed);
            String where = integrator + " resumed after step " + from.steps();
            assertEquals(List.of(from), resumed.resumedFrom, where + ": onResume once, with the state");
            assertEquals(result, again, where);
            assertEquals(recording.steps.subList(index + 1, n), resumed.steps, where + ": every later step");
            assertEquals(n - index - 1, resumed.states.size(), where + ": a state after every later step");
            for (int k = 0; k < resumed.states.size(); k++) {
                assertEquals(recording.states.get(index + 1 + k), resumed.states.get(k), where + ", state " + k);
            }
        }
        return this;
    }

    /**
     * {@link #resumeFrom(Supplier, int...)} with the indices in a collection.
     *
     * @param fresh   supplies the integrator for each resumed run
     * @param indices indices into {@link #states()}
     * @return this check
     */
    public ResumeCheck resumeFrom(Supplier<? extends FlowIntegrator> fresh, Collection<Integer> indices) {
        return resumeFrom(fresh, indices.stream().mapToInt(Integer::intValue).toArray());
    }

    /** @return the result of the uninterrupted run */
    public FlowResult result() {
        return result;
    }

    /** @return every state the uninterrupted run handed over, in order (unmodifiable) */
    public List<IntegratorState> states() {
        return List.copyOf(recording.states);
    }

    /** @return the number of states the uninterrupted run handed over, one per accepted step */
    public int size() {
        return recording.states.size();
    }
}
