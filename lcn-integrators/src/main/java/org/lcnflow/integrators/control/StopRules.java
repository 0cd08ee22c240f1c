package org.lcnflow.integrators.control;

import java.util.Objects;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;

/** The stop semantics every integrator of this module shares (see the package documentation). */
public final class StopRules {

    private StopRules() {
    }

    /**
     * Checks the arguments of {@code integrate}.
     *
     * @return the dimension
     */
    public static int checkArguments(GradientField field, double[] w0, StopCondition stop, FlowObserver observer) {
        Objects.requireNonNull(field, "field is null");
        Objects.requireNonNull(w0, "w0 is null");
        Objects.requireNonNull(stop, "stop is null");
        Objects.requireNonNull(observer, "observer is null");
        int n = field.dimension();
        if (w0.length != n) {
            throw new IllegalArgumentException("w0 has length " + w0.length + " but the field has dimension " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(w0[i])) {
                throw new IllegalArgumentException("w0 must be finite, got w0[" + i + "] = " + w0[i]);
            }
        }
        return n;
    }

    /** Rejects a start point where the field is not finite: there is no finite state to return. */
    public static void checkStart(double value, double gradientNorm) {
        if (!Double.isFinite(value) || !Double.isFinite(gradientNorm)) {
            throw new IllegalArgumentException("the field is not finite at w0: value = " + value
                    + ", ||grad L|| = " + gradientNorm);
        }
    }

    /** @return the reason to stop at {@code w0} before any step, or null */
    public static StopReason atStart(StopCondition stop, double parameterNorm, double gradientNorm) {
        if (parameterNorm > stop.maxParameterNorm()) {
            return StopReason.DIVERGED;
        }
        if (reachedGradientTolerance(stop, gradientNorm)) {
            return StopReason.GRADIENT_TOLERANCE;
        }
        return null;
    }

    /** @return whether a step may end at a point with this value, gradient norm and parameter norm */
    public static boolean acceptable(StopCondition stop, double value, double gradientNorm, double parameterNorm) {
        return Double.isFinite(value) && Double.isFinite(gradientNorm) && parameterNorm <= stop.maxParameterNorm();
    }

    /**
     * @param atEnd     whether the step ended at {@code tMax}
     * @param steps     accepted steps so far, this one included
     * @param continues what the observer returned for this step
     * @return the reason to stop after an accepted step, or null to go on
     */
    public static StopReason afterStep(StopCondition stop, boolean atEnd, double gradientNorm, long steps, boolean continues) {
        if (reachedGradientTolerance(stop, gradientNorm)) {
            return StopReason.GRADIENT_TOLERANCE;
        }
        if (atEnd) {
            return StopReason.TIME_LIMIT;
        }
        if (!continues) {
            return StopReason.CANCELLED;
        }
        if (steps >= stop.maxSteps()) {
            return StopReason.STEP_LIMIT;
        }
        return null;
    }

    private static boolean reachedGradientTolerance(StopCondition stop, double gradientNorm) {
        return stop.gradientTolerance() > 0 && gradientNorm <= stop.gradientTolerance();
    }

    /**
     * The Euclidean norm without spurious overflow or underflow: infinite only when the norm itself
     * exceeds {@link Double#MAX_VALUE} or an entry is infinite, NaN when an entry is NaN.
     */
    public static double norm2(double[] x) {
        return org.lcnflow.api.VectorNorms.euclidean(x);
    }

    /**
     * Whether a retry with step {@code h} after a non-finite trial point would move {@code w} by at most 10 ulp
     * of its largest entry ({@code h ||grad L(w)||_inf <= 10 ulp(||w||_inf)}): the field is then not finite
     * within the resolution of {@code w}, and steps that small only crawl towards the edge of that region
     * ({@code t} has a much finer resolution than {@code w} near {@code t = 0}, so the 10-ulp-of-{@code t} rule
     * does not catch them): a step-size underflow, which ends the run DIVERGED.
     */
    public static boolean belowResolution(double h, double[] w, double[] gradient) {
        double wMax = 0;
        double gMax = 0;
        for (int j = 0; j < w.length; j++) {
            wMax = Math.max(wMax, Math.abs(w[j]));
            gMax = Math.max(gMax, Math.abs(gradient[j]));
        }
        return h * gMax <= 10 * Math.ulp(wMax);
    }

    /**
     * Refuses a saved state another integrator or configuration made.
     *
     * @throws IllegalArgumentException naming both configurations
     */
    public static void checkOwner(IntegratorState state, org.lcnflow.api.FlowIntegrator integrator) {
        java.util.Objects.requireNonNull(state, "state is null");
        if (!state.integrator().equals(integrator.name()) || !state.configuration().equals(integrator.toString())) {
            throw new IllegalArgumentException("the saved state was made by " + state.configuration()
                    + ", not by " + integrator + "; resume with the integrator that saved it");
        }
    }

    /**
     * The reason a resumed run stops before its first step, or null: {@link #atStart} at the saved point,
     * else the time or step limit the saved state already reached.
     */
    public static StopReason atResume(StopCondition stop, IntegratorState state, double gradientNorm) {
        StopReason reason = atStart(stop, norm2(state.parameters()), gradientNorm);
        if (reason == null && state.time() >= stop.tMax()) {
            reason = StopReason.TIME_LIMIT;
        } else if (reason == null && state.steps() >= stop.maxSteps()) {
            reason = StopReason.STEP_LIMIT;
        }
        return reason;
    }

    /** @return whether every entry is finite */
    public static boolean allFinite(double[] x) {
        for (double xi : x) {
            if (!Double.isFinite(xi)) {
                return false;
            }
        }
        return true;
    }

    /** An adaptive step at most this fraction short of {@code tMax} is stretched to it. */
    public static final double STEP_SNAP = 0.01;

    /**
     * Whether an adaptive step of size {@code proposed} is the run's last, landing exactly on {@code tMax}: it
     * reaches {@code tMax}, or falls short of it by at most {@link #STEP_SNAP} of itself while the rest is a step
     * {@code maxStep} allows (so that no sliver of a step is left).
     *
     * @param proposed  the step the controller proposes, at most {@code maxStep}
     * @param remaining {@code tMax - t}
     * @param maxStep   the largest step allowed
     * @return whether to take {@code remaining} instead and stop at {@code tMax}
     */
    public static boolean isLastStep(double proposed, double remaining, double maxStep) {
        return proposed >= remaining || (remaining - proposed <= STEP_SNAP * proposed && remaining <= maxStep);
    }

    /**
     * Whether a proposed adaptive step (not the last) has underflowed: below {@code minStep}, or at most 10 ulp of
     * {@code t}, where {@code t + h} no longer moves; the run then ends DIVERGED.
     *
     * @param proposed the step
     * @param minStep  the smallest step allowed
     * @param t        the current time
     * @return whether the step is too small to take
     */
    public static boolean underflows(double proposed, double minStep, double t) {
        return proposed < minStep || proposed <= 10 * Math.ulp(t);
    }

    /**
     * Copies a saved state's vector into an integrator's work space, checking its length.
     *
     * @param state  the saved state
     * @param key    the vector's name
     * @param target receives it
     * @throws IllegalArgumentException when the state has no such vector or its length differs
     */
    public static void restoreVector(IntegratorState state, String key, double[] target) {
        double[] values = state.vector(key);
        if (values.length != target.length) {
            throw new IllegalArgumentException("the saved state's '" + key + "' has length " + values.length
                    + ", expected " + target.length);
        }
        System.arraycopy(values, 0, target, 0, target.length);
    }
}
