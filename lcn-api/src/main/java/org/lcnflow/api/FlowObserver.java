package org.lcnflow.api;

/**
 * Watches an integration of the gradient flow: {@link #onStart} once, {@link #onStep} after every
 * accepted step, {@link #onFinish} once with the result (as Hipparchus's step handlers: init, handle,
 * finish).
 *
 * <p>The arrays passed are the integrator's own buffers, valid only during the call: read them, copy
 * what you keep, never modify them. This keeps integrators free of per-step allocation.
 */
public interface FlowObserver {

    /** An observer that watches nothing and never cancels. */
    FlowObserver NONE = (t, w, value, gradient) -> true;

    /**
     * Called once before the first step.
     *
     * @param t0       the start time
     * @param w0       the initial point
     * @param value    {@code L(w0)}
     * @param gradient {@code grad L(w0)}
     */
    default void onStart(double t0, double[] w0, double value, double[] gradient) {
    }

    /**
     * Called after every accepted step.
     *
     * @param t        the time reached
     * @param w        the state at {@code t}
     * @param value    {@code L(w)}
     * @param gradient {@code grad L(w)} (the gradient of L, not the flow's direction)
     * @return true to continue, false to stop with {@link StopReason#CANCELLED}
     */
    boolean onStep(double t, double[] w, double value, double[] gradient);

    /**
     * Asked after every accepted step (after {@link #onStep}, the last step included) by integrators that
     * can {@link FlowIntegrator#resume resume}: whether to hand over their full state now.
     *
     * @param t     the time reached
     * @param steps accepted steps so far
     * @return true to receive {@link #onState} for this step; the default never asks
     */
    default boolean wantsState(double t, long steps) {
        return false;
    }

    /**
     * Receives the integrator's full state after an accepted step, when {@link #wantsState} said so.
     *
     * @param state the state, enough to continue the run exactly
     */
    default void onState(IntegratorState state) {
    }

    /**
     * Called once, instead of {@link #onStart}, when an integrator {@link FlowIntegrator#resume resumes}
     * a run from a saved state.
     *
     * @param state the state the run continues from
     */
    default void onResume(IntegratorState state) {
    }

    /**
     * Called once with the result, whatever the stop reason.
     *
     * @param result the result returned by the integrator
     */
    default void onFinish(FlowResult result) {
    }
}
