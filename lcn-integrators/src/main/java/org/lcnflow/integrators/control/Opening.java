package org.lcnflow.integrators.control;

import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;

/**
 * How every loop of this module opens a run of the gradient flow (eq. (1.4)), fresh or resumed: the arguments
 * checked ({@link StopRules#checkArguments}), the point, its value and gradient (one evaluation when fresh, the
 * saved ones when resumed) checked finite, the observer told ({@code onStart} or {@code onResume}), and the reason
 * to stop before the first step if one holds already ({@link StopRules#atStart}, {@link StopRules#atResume}).
 *
 * @param w            the point, the caller's to update
 * @param gradient     {@code grad L(w)}, the caller's to update
 * @param value        {@code L(w)}
 * @param gradientNorm {@code |grad L(w)|}
 * @param reason       why the run stops before a step, or null
 */
public record Opening(double[] w, double[] gradient, double value, double gradientNorm, StopReason reason) {

    /**
     * Opens a fresh run at {@code w0} ({@code t = 0}): one evaluation.
     *
     * @param field    the field
     * @param w0       the initial point, not modified
     * @param stop     when to stop
     * @param observer told {@code onStart}
     * @return the opening
     * @throws IllegalArgumentException as {@link StopRules#checkArguments} and {@link StopRules#checkStart}
     */
    public static Opening fresh(GradientField field, double[] w0, StopCondition stop, FlowObserver observer) {
        int n = StopRules.checkArguments(field, w0, stop, observer);
        double[] w = w0.clone();
        double[] gradient = new double[n];
        double value = field.valueAndGradient(w, gradient);
        double gradientNorm = StopRules.norm2(gradient);
        StopRules.checkStart(value, gradientNorm);
        observer.onStart(0.0, w, value, gradient);
        return new Opening(w, gradient, value, gradientNorm, StopRules.atStart(stop, StopRules.norm2(w), gradientNorm));
    }

    /**
     * Opens a resumed run at a state {@code owner} handed over: no evaluation.
     *
     * @param owner    the integrator resuming (the state must be its own)
     * @param field    the field
     * @param state    the saved state
     * @param stop     when to stop
     * @param observer told {@code onResume}
     * @return the opening
     * @throws IllegalArgumentException as {@link StopRules#checkOwner}, {@link StopRules#checkArguments} and
     *                                  {@link StopRules#checkStart}
     */
    public static Opening resumed(FlowIntegrator owner, GradientField field, IntegratorState state, StopCondition stop,
                                  FlowObserver observer) {
        StopRules.checkOwner(state, owner);
        double[] w = state.parameters();
        StopRules.checkArguments(field, w, stop, observer);
        double[] gradient = state.gradient();
        double gradientNorm = StopRules.norm2(gradient);
        StopRules.checkStart(state.value(), gradientNorm);
        observer.onResume(state);
        return new Opening(w, gradient, state.value(), gradientNorm, StopRules.atResume(stop, state, gradientNorm));
    }
}
