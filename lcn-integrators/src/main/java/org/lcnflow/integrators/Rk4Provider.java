package org.lcnflow.integrators;

import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.rungekutta.ButcherTableau;
import org.lcnflow.integrators.rungekutta.RungeKuttaFlowIntegrator;

/** {@code rk4}: the classical 4-stage Runge-Kutta method with a fixed step; 4 evaluations per step. */
public final class Rk4Provider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "rk4";

    /** The provider ServiceLoader instantiates. */
    public Rk4Provider() {
        super(NAME, "classical 4-stage Runge-Kutta, order 4, fixed step; 4 evaluations per step",
                (name, reader) -> RungeKuttaFlowIntegrator.fixedStep(name, ButcherTableau.CLASSICAL_RK4, reader.step()),
                "step", ParameterReader.STEP_DOC);
    }
}
