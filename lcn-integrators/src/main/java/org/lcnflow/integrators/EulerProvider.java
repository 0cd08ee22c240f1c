package org.lcnflow.integrators;

import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.rungekutta.ButcherTableau;
import org.lcnflow.integrators.rungekutta.RungeKuttaFlowIntegrator;

/**
 * {@code euler}: explicit Euler with a fixed step {@code h}, which on the gradient flow (eq. (1.4)) is
 * exactly gradient descent {@code w <- w - h grad L(w)}; one gradient evaluation per step.
 */
public final class EulerProvider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "euler";

    /** The provider ServiceLoader instantiates. */
    public EulerProvider() {
        super(NAME, "explicit Euler, fixed step: exactly gradient descent w <- w - h grad L; 1 evaluation per step",
                (name, reader) -> RungeKuttaFlowIntegrator.fixedStep(name, ButcherTableau.EULER, reader.step()),
                "step", ParameterReader.STEP_DOC);
    }
}
