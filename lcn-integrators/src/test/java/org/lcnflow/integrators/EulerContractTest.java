package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.testkit.FlowIntegratorContract;

/** The integrator contract for {@code euler}. */
class EulerContractTest extends FlowIntegratorContract {

    @Override
    protected FlowIntegrator createIntegrator(double precision) {
        return Integrators.create("euler", Parameters.of(Map.of("step", precision)));
    }

    @Override
    protected double precision() {
        return 1e-3;
    }

    /**
     * Euler's global error on a linear flow, mode by mode: {@code (1 - h lambda)^(T/h) - e^(-lambda T)
     * ~ -(T h lambda^2 / 2) e^(-lambda T)}, largest for the standard problem's {@code lambda = 2} at
     * {@code 0.27 h} per unit of {@code ||w0 - w*|| = 2.06}: about {@code 0.56 h}; bound {@code h}.
     */
    @Override
    protected double accuracyBound() {
        return 1e-3;
    }
}
