package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;

/**
 * {@code euler}: explicit Euler with a fixed step {@code h}, which on the gradient flow (eq. (1.4)) is
 * exactly gradient descent {@code w <- w - h grad L(w)}; one gradient evaluation per step.
 */
public final class EulerProvider implements IntegratorProvider {

    /** The name users select it by. */
    public static final String NAME = "euler";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "explicit Euler, fixed step: exactly gradient descent w <- w - h grad L; 1 evaluation per step";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("step", ParameterReader.STEP_DOC);
    }

    @Override
    public FlowIntegrator create(Parameters parameters) {
        ParameterReader reader = new ParameterReader(NAME, parameters, parameters().keySet());
        return RungeKuttaFlowIntegrator.fixedStep(NAME, ButcherTableau.EULER, reader.step());
    }
}
