package org.lcnflow.api;

/**
 * A numerical integrator of the gradient flow {@code dw/dt = -grad L(w)}, {@code w(0) = w0}
 * (eq. (1.4) / (3.3)), from {@code t = 0} until the {@link StopCondition} holds.
 *
 * <p>Implementations are immutable configurations and thread-safe: each call to {@link #integrate}
 * keeps its own state. They honour every part of the stop condition, call the observer after every
 * accepted step, count gradient evaluations exactly, and return a result rather than throwing when a
 * budget runs out or the flow diverges.
 */
public interface FlowIntegrator {

    /** @return the name the integrator was created by, e.g. {@code "rk4"} */
    String name();

    /**
     * Integrates the gradient flow of {@code field} from {@code w0} at {@code t = 0}.
     *
     * @param field    the gradient field ({@code grad L}; the flow goes along its negative)
     * @param w0       the initial point, length {@code field.dimension()}; not modified
     * @param stop     when to stop
     * @param observer watches accepted steps and may cancel
     * @return the state reached and the run's statistics
     * @throws IllegalArgumentException when {@code w0} has the wrong length or is not finite
     */
    FlowResult integrate(GradientField field, double[] w0, StopCondition stop, FlowObserver observer);

    /**
     * @return whether this integrator hands its full state to observers that {@link FlowObserver#wantsState
     *         ask} and can {@link #resume} from it exactly; false unless the implementation says so
     */
    default boolean isResumable() {
        return false;
    }

    /**
     * Continues a run from a state this integrator (same configuration) handed over, exactly: the result
     * is bit for bit the one the uninterrupted run would have produced. Calls
     * {@link FlowObserver#onResume} instead of {@code onStart}; the counters continue from the state's.
     *
     * @param field    the same gradient field
     * @param state    the saved state
     * @param stop     when to stop (steps count from the start of the original run)
     * @param observer watches accepted steps and may cancel
     * @return the state reached and the whole run's statistics
     * @throws UnsupportedOperationException when the integrator is not {@link #isResumable() resumable}
     * @throws IllegalArgumentException      when the state was made by another integrator or configuration,
     *                                       or does not fit the field
     */
    default FlowResult resume(GradientField field, IntegratorState state, StopCondition stop, FlowObserver observer) {
        throw new UnsupportedOperationException(name() + " cannot resume a run from a saved state");
    }
}
