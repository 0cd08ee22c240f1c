package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.testkit.FlowIntegratorContract;

/**
 * The integrator contract for {@code radau-iia-5}: with the exact Hessian on the standard problem, with
 * differences of gradients on the other fixtures.
 */
class RadauIIA5ContractTest extends FlowIntegratorContract {

    @Override
    protected FlowIntegrator createIntegrator(double precision) {
        return Integrators.create("radau-iia-5", Parameters.of(Map.of("rtol", precision, "atol", precision)));
    }

    @Override
    protected double precision() {
        return 1e-8;
    }

    /** RADAU5's transformed tolerances aim at a global error near the tolerance; bound {@code 10 tol}. */
    @Override
    protected double accuracyBound() {
        return 10 * precision();
    }
}
