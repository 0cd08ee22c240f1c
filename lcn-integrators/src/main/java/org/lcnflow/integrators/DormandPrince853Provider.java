package org.lcnflow.integrators;

import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.rungekutta.ButcherTableau;

/**
 * {@code dormand-prince-853}: this module's own Dormand-Prince 8(5,3) method (Hairer's DOP853), run by the
 * one Runge-Kutta loop from {@link ButcherTableau#DORMAND_PRINCE_853}: order 8, error estimate combining
 * the order-5 and order-3 estimators, step control with DOP853's constants
 * ({@link ButcherTableau.StepControl#DOP853}: exponent 1/8, no PI term, safety 0.9, factors in
 * {@code [1/3, 6]}) and Hairer's automatic initial step. It counts accepted and rejected steps;
 * evaluations are 1 at {@code w0}, 1 for the automatic initial step (none when {@code initialStep} is
 * given), 11 per attempted step (fewer when a stage is not finite) and 1 more per accepted step, at its
 * new point, which is the next step's first stage: 12 per step when none is rejected. Resumable bit for
 * bit: the next step size and the controller's last error are in the state it hands over.
 */
public final class DormandPrince853Provider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "dormand-prince-853";

    /** The provider ServiceLoader instantiates. */
    public DormandPrince853Provider() {
        super(NAME, "embedded Runge-Kutta 8(5,3) of Dormand-Prince (Hairer's DOP853) with step control; counts"
                + " rejected steps; 11 evaluations per attempted step and 1 more per accepted step",
                adaptiveRungeKutta(ButcherTableau.DORMAND_PRINCE_853),
                ParameterReader.adaptiveStepParameters());
    }
}
