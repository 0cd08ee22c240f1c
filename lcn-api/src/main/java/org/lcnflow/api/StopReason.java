package org.lcnflow.api;

/** Why an integration of the gradient flow ended; every reason comes with a valid partial result. */
public enum StopReason {
    /** The time {@link StopCondition#tMax()} was reached exactly. */
    TIME_LIMIT,
    /** {@code ||grad L(w)|| <= }{@link StopCondition#gradientTolerance()}: a critical point to that tolerance. */
    GRADIENT_TOLERANCE,
    /** {@link StopCondition#maxSteps()} accepted steps were taken; the state reached is returned. */
    STEP_LIMIT,
    /**
     * The value or gradient stopped being finite, or {@code ||w||} exceeded
     * {@link StopCondition#maxParameterNorm()}; the last finite state and its time are returned.
     */
    DIVERGED,
    /** The {@link FlowObserver} asked to stop. */
    CANCELLED
}
