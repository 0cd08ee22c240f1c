package org.lcnflow.integrators;

import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.implicit.BdfFlowIntegrator;

/**
 * {@code bdf}: the variable-order (1 to 5) numerical differentiation formulas with a quasi-constant step for stiff
 * flows, as MATLAB's {@code ode15s} and SciPy's {@code BDF} (Shampine and Reichelt, "The MATLAB ODE Suite", 1997;
 * Hairer and Wanner, Solving ODEs II, Sec. V.1): the differences of past points rescaled at every step change,
 * simplified Newton with the LU of {@code I + (h / alpha_k) H} built from the Hessian (exact when the field gives
 * it, else differences of gradients), the Hessian recomputed only when Newton fails with an old one, the order
 * chosen among {@code k - 1, k, k + 1} after {@code k + 1} equal steps. Parameters: {@code rtol}, {@code atol},
 * {@code initialStep}, {@code minStep}, {@code maxStep} ({@link ParameterReader#adaptiveStepParameters()}). See
 * {@link BdfFlowIntegrator}.
 */
public final class BdfProvider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "bdf";

    /** The provider ServiceLoader instantiates. */
    public BdfProvider() {
        super(NAME, "implicit variable-order NDF/BDF of orders 1 to 5 (as ode15s and SciPy's BDF): for stiff flows;"
                + " simplified Newton with the Hessian (exact or by differences) reused until Newton fails, order and"
                + " step chosen by the error estimates of the neighbouring orders",
                (name, reader) -> {
                    ParameterReader.AdaptiveSteps steps = reader.adaptiveSteps();
                    return new BdfFlowIntegrator(name, steps.rtol(), steps.atol(), steps.initialStep(),
                            steps.minStep(), steps.maxStep());
                },
                ParameterReader.adaptiveStepParameters());
    }
}
