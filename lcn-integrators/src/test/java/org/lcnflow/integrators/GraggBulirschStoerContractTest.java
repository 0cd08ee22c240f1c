package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.testkit.FlowIntegratorContract;

/** The integrator contract for {@code gragg-bulirsch-stoer}. */
class GraggBulirschStoerContractTest extends FlowIntegratorContract {

    @Override
    protected FlowIntegrator createIntegrator(double precision) {
        return Integrators.create("gragg-bulirsch-stoer", Parameters.of(Map.of("rtol", precision, "atol", precision)));
    }

    @Override
    protected double precision() {
        return 1e-8;
    }

    /**
     * With variable order the error is erratic in the tolerance, but {@link AdaptiveToleranceTest}
     * measures error / tolerance at most 1.3 on this problem; bound {@code 10 tol}.
     */
    @Override
    protected double accuracyBound() {
        return 10 * precision();
    }
}
