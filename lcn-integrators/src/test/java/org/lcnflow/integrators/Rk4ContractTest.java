package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.testkit.FlowIntegratorContract;

/** The integrator contract for {@code rk4}. */
class Rk4ContractTest extends FlowIntegratorContract {

    @Override
    protected FlowIntegrator createIntegrator(double precision) {
        return Integrators.create("rk4", Parameters.of(Map.of("step", precision)));
    }

    @Override
    protected double precision() {
        return 1e-2;
    }

    /**
     * RK4's global error on a linear flow, mode by mode: {@code T h^4 lambda^5 / 120 e^(-lambda T)},
     * largest for {@code lambda = 2 + sqrt 2} at {@code 0.13 h^4} per unit of {@code ||w0 - w*|| = 2.06}:
     * about {@code 2.7e-9} at {@code h = 0.01}; bound {@code 1e-8}.
     */
    @Override
    protected double accuracyBound() {
        return 1e-8;
    }
}
