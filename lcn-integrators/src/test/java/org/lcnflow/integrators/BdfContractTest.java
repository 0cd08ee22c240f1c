package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.testkit.FlowIntegratorContract;

/**
 * The integrator contract for {@code bdf}: with the exact Hessian on the standard problem, with differences of
 * gradients on the other fixtures. Made through the provider directly (the lead registers it with ServiceLoader).
 */
class BdfContractTest extends FlowIntegratorContract {

    @Override
    protected FlowIntegrator createIntegrator(double precision) {
        return Integrators.create("bdf", Parameters.of(Map.of("rtol", precision, "atol", precision)));
    }

    @Override
    protected double precision() {
        return 1e-8;
    }

    /** The NDFs' global error on the standard problem stays within a few tolerances; bound {@code 10 tol}. */
    @Override
    protected double accuracyBound() {
        return 10 * precision();
    }
}
