package org.lcnflow.integrators;

import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.implicit.RosenbrockFlowIntegrator;

/**
 * {@code rosenbrock}: RODAS4, the L-stable, stiffly accurate 6-stage Rosenbrock method of order 4 with an embedded
 * estimate of order 3 (Hairer and Wanner, Solving ODEs II, Sec. IV.7), for stiff gradient flows
 * {@code dw/dt = -grad L(w)} (eq. (1.4)): no Newton iteration, one Hessian (exact when the field gives it, else
 * differences of gradients) and one LU of {@code 1/(h gamma) I + H} per step, five gradients at the stages.
 * Parameters: {@code rtol}, {@code atol}, {@code initialStep}, {@code minStep}, {@code maxStep}
 * ({@link ParameterReader#adaptiveStepParameters()}). See {@link RosenbrockFlowIntegrator}.
 */
public final class RosenbrockProvider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "rosenbrock";

    /** The provider ServiceLoader instantiates. */
    public RosenbrockProvider() {
        super(NAME, "Rosenbrock method Rodas4 of order 4(3): L-stable and stiffly accurate, for stiff flows; no"
                + " Newton iteration, one Hessian (exact or by differences) and one LU per step",
                (name, reader) -> {
                    ParameterReader.AdaptiveSteps steps = reader.adaptiveSteps();
                    return new RosenbrockFlowIntegrator(name, steps.rtol(), steps.atol(), steps.initialStep(),
                            steps.minStep(), steps.maxStep());
                },
                ParameterReader.adaptiveStepParameters());
    }
}
