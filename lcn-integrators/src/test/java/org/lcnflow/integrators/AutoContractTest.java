package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.testkit.FlowIntegratorContract;

/**
 * The integrator contract for {@code auto}: on the contract's fixtures the flow is not stiff, so it runs
 * Dormand-Prince 5(4) with the stiffness checks every 10 steps (each one a Hessian, counted).
 */
class AutoContractTest extends FlowIntegratorContract {

    @Override
    protected FlowIntegrator createIntegrator(double precision) {
        return Integrators.create("auto", Parameters.of(Map.of("rtol", precision, "atol", precision)));
    }

    @Override
    protected double precision() {
        return 1e-8;
    }

    /** As {@code dormand-prince-54} and {@code radau-iia-5}: a global error near the tolerance; bound {@code 10 tol}. */
    @Override
    protected double accuracyBound() {
        return 10 * precision();
    }
}
