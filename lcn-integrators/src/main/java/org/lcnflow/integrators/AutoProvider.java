package org.lcnflow.integrators;

import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.implicit.RadauFlowIntegrator;
import org.lcnflow.integrators.rungekutta.ButcherTableau;
import org.lcnflow.integrators.rungekutta.RungeKuttaFlowIntegrator;
import org.lcnflow.integrators.switching.SwitchingFlowIntegrator;

/**
 * {@code auto}: automatic stiffness switching as LSODA does, for a flow (eq. (1.4)) that is mild at the start and
 * stiff near its end: {@code dormand-prince-54} while the step is limited by accuracy, {@code radau-iia-5}
 * (with the exact Hessian when the field gives it) once the largest Hessian eigenvalue times the step reaches
 * the explicit method's stability boundary ({@value #STABILITY_BOUNDARY} on the negative real axis), and back
 * when the implicit step becomes one an explicit method could take. Parameters: {@code rtol}, {@code atol},
 * {@code initialStep} (the first step of every phase; automatic by default), {@code minStep}, {@code maxStep}
 * ({@link ParameterReader#adaptiveStepParameters()}), the same for both methods. See
 * {@link SwitchingFlowIntegrator}. The default integrator of {@code lcn train}.
 */
public final class AutoProvider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "auto";

    /** Where the stability region of Dormand-Prince 5(4) meets the negative real axis, {@code h lambda ~ -3.3}. */
    public static final double STABILITY_BOUNDARY = 3.3;

    /** The provider ServiceLoader instantiates. */
    public AutoProvider() {
        super(NAME, "automatic stiffness switching (as LSODA): dormand-prince-54 while the flow is not stiff,"
                + " radau-iia-5 with the Hessian once the largest Hessian eigenvalue holds the explicit step at its"
                + " stability limit, and back",
                (name, reader) -> {
                    ParameterReader.AdaptiveSteps steps = reader.adaptiveSteps();
                    return new SwitchingFlowIntegrator(name,
                            RungeKuttaFlowIntegrator.adaptive(DormandPrince54Provider.NAME,
                                    ButcherTableau.DORMAND_PRINCE_54, steps.rtol(), steps.atol(), steps.initialStep(),
                                    steps.minStep(), steps.maxStep()),
                            STABILITY_BOUNDARY,
                            new RadauFlowIntegrator(RadauIIA5Provider.NAME, steps.rtol(), steps.atol(),
                                    steps.initialStep(), steps.minStep(), steps.maxStep()));
                },
                ParameterReader.adaptiveStepParameters());
    }
}
