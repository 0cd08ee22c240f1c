package org.lcnflow.integrators;

import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.rungekutta.ButcherTableau;

/**
 * {@code dormand-prince-54}: this module's own embedded Runge-Kutta 5(4) pair of Dormand and Prince with
 * FSAL, error-per-step control with a PI step-size controller, and Hairer's automatic initial step. It
 * counts accepted and rejected steps; evaluations are 1 at {@code w0}, 1 for the automatic initial step
 * (none when {@code initialStep} is given) and 6 per attempted step (fewer when a stage is not finite).
 * See {@link ButcherTableau#DORMAND_PRINCE_54}.
 */
public final class DormandPrince54Provider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "dormand-prince-54";

    /** The provider ServiceLoader instantiates. */
    public DormandPrince54Provider() {
        super(NAME, "embedded Runge-Kutta 5(4) of Dormand-Prince with FSAL and PI step control; counts rejected"
                + " steps; 6 evaluations per attempted step",
                adaptiveRungeKutta(ButcherTableau.DORMAND_PRINCE_54),
                ParameterReader.adaptiveStepParameters());
    }
}
