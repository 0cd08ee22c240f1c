package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;

/** {@code rk4}: the classical 4-stage Runge-Kutta method with a fixed step; 4 evaluations per step. */
public final class Rk4Provider implements IntegratorProvider {

    /** The name users select it by. */
    public static final String NAME = "rk4";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "classical 4-stage Runge-Kutta, order 4, fixed step; 4 evaluations per step";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("step", ParameterReader.STEP_DOC);
    }

    @Override
    public FlowIntegrator create(Parameters parameters) {
        ParameterReader reader = new ParameterReader(NAME, parameters, parameters().keySet());
        return RungeKuttaFlowIntegrator.fixedStep(NAME, ButcherTableau.CLASSICAL_RK4, reader.step());
    }
}
