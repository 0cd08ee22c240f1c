package org.lcnflow.integrators;

import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.implicit.RadauFlowIntegrator;

/**
 * {@code radau-iia-5}: the 3-stage Radau IIA method of order 5 for stiff flows, as Hairer's RADAU5 (Hairer and
 * Wanner, Solving ODEs II, Sec. IV.8): simplified Newton on the transformed system with one real and one complex
 * LU of the iteration matrices built from the Hessian (exact when the field gives it, else differences of
 * gradients), the Hessian reused across steps, LUs refactorized only when the step changed enough, Hairer's error
 * estimate and Gustafsson's predictive step control. Parameters: {@code rtol}, {@code atol},
 * {@code initialStep}, {@code minStep}, {@code maxStep} ({@link ParameterReader#adaptiveStepParameters()}). See
 * {@link RadauFlowIntegrator}.
 */
public final class RadauIIA5Provider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "radau-iia-5";

    /** The provider ServiceLoader instantiates. */
    public RadauIIA5Provider() {
        super(NAME, "implicit Radau IIA of order 5 (RADAU5): L-stable, for stiff flows; simplified Newton with the"
                + " Hessian (exact or by differences) reused across steps, Hairer's error estimate and Gustafsson's"
                + " step control",
                (name, reader) -> {
                    ParameterReader.AdaptiveSteps steps = reader.adaptiveSteps();
                    return new RadauFlowIntegrator(name, steps.rtol(), steps.atol(), steps.initialStep(),
                            steps.minStep(), steps.maxStep());
                },
                ParameterReader.adaptiveStepParameters());
    }
}
