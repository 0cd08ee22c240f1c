package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.testkit.FlowIntegratorContract;

/** The integrator contract for {@code dormand-prince-54}. */
class DormandPrince54ContractTest extends FlowIntegratorContract {

    @Override
    protected FlowIntegrator createIntegrator(double precision) {
        return Integrators.create("dormand-prince-54", Parameters.of(Map.of("rtol", precision, "atol", precision)));
    }

    @Override
    protected double precision() {
        return 1e-8;
    }

    /**
     * Error-per-step control with local extrapolation keeps the global error of this contracting flow
     * near the tolerance: {@link AdaptiveToleranceTest} measures error / tolerance between 0.08 and 0.23
     * here; bound {@code 10 tol}.
     */
    @Override
    protected double accuracyBound() {
        return 10 * precision();
    }
}
