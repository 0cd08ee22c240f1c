package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.testkit.FlowIntegratorContract;

/** The integrator contract for {@code dormand-prince-853}. */
class DormandPrince853ContractTest extends FlowIntegratorContract {

    @Override
    protected FlowIntegrator createIntegrator(double precision) {
        return Integrators.create("dormand-prince-853", Parameters.of(Map.of("rtol", precision, "atol", precision)));
    }

    @Override
    protected double precision() {
        return 1e-8;
    }

    /**
     * Error-per-step control keeps the global error of this contracting flow below the tolerance: on the
     * problem of {@link AdaptiveToleranceTest}, error / tolerance is between 0.009 and 0.043 for
     * {@code tol = 1e-4 .. 1e-10}; bound {@code 10 tol}. The contract's resume test runs too: the
     * integrator is resumable.
     */
    @Override
    protected double accuracyBound() {
        return 10 * precision();
    }
}
