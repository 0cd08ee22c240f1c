package org.lcnflow.api;

/**
 * When an integration of the gradient flow stops: at time {@code tMax} (exactly, never overshooting),
 * when {@code ||grad L(w)||_2 <= gradientTolerance}, after {@code maxSteps} accepted steps, or when
 * {@code ||w||_2 > maxParameterNorm} or a value stops being finite (divergence).
 *
 * @param tMax              the end time, {@code > 0}; may be {@link Double#POSITIVE_INFINITY} when another
 *                          condition ends the run
 * @param gradientTolerance the gradient-norm threshold, {@code >= 0} and finite ({@code 0} disables it)
 * @param maxSteps          the budget of accepted steps, {@code >= 1}
 * @param maxParameterNorm  the parameter norm treated as divergence, {@code > 0}
 */
public record StopCondition(double tMax, double gradientTolerance, long maxSteps, double maxParameterNorm) {

    /** The default divergence threshold for {@code ||w||_2}. */
    public static final double DEFAULT_MAX_PARAMETER_NORM = 1e100;

    /**
     * Validates the condition.
     *
     * @throws IllegalArgumentException naming the field, its value and the allowed range
     */
    public StopCondition {
        if (!(tMax > 0)) {
            throw new IllegalArgumentException("tMax must be > 0, got " + tMax);
        }
        if (!(gradientTolerance >= 0) || Double.isInfinite(gradientTolerance)) {
            throw new IllegalArgumentException("gradientTolerance must be >= 0 and finite, got " + gradientTolerance);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
        if (!(maxParameterNorm > 0)) {
            throw new IllegalArgumentException("maxParameterNorm must be > 0, got " + maxParameterNorm);
        }
        if (Double.isInfinite(tMax) && gradientTolerance == 0 && maxSteps == Long.MAX_VALUE) {
            throw new IllegalArgumentException("with tMax = Infinity a gradientTolerance > 0 or a finite maxSteps"
                    + " is needed, or the run never ends");
        }
    }

    /**
     * @param tMax              the end time, {@code > 0}
     * @param gradientTolerance the gradient-norm threshold, {@code >= 0}
     * @param maxSteps          the budget of accepted steps, {@code >= 1}
     */
    public StopCondition(double tMax, double gradientTolerance, long maxSteps) {
        this(tMax, gradientTolerance, maxSteps, DEFAULT_MAX_PARAMETER_NORM);
    }

    /**
     * @param tMax the end time
     * @return a condition that stops only at {@code tMax} (or on divergence)
     */
    public static StopCondition atTime(double tMax) {
        return new StopCondition(tMax, 0.0, Long.MAX_VALUE);
    }
}
