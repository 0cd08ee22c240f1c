package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.testkit.FlowIntegratorContract;

/**
 * The integrator contract for {@code rosenbrock} (RODAS4), built by its provider directly (the services file
 * registers it separately): with the exact Hessian on the standard problem, with differences of gradients on the
 * other fixtures.
 */
class RosenbrockContractTest extends FlowIntegratorContract {

    @Override
    protected FlowIntegrator createIntegrator(double precision) {
        return Integrators.create("rosenbrock", Parameters.of(Map.of("rtol", precision, "atol", precision)));
    }

    @Override
    protected double precision() {
        return 1e-8;
    }

    /** The local error is controlled per step; the global error stays within {@code 10 tol} here. */
    @Override
    protected double accuracyBound() {
        return 10 * precision();
    }
}
