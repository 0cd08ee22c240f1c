package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.testkit.FlowIntegratorContract;

/** The integrator contract for {@code adams-moulton}. */
class AdamsMoultonContractTest extends FlowIntegratorContract {

    @Override
    protected FlowIntegrator createIntegrator(double precision) {
        return Integrators.create("adams-moulton", Parameters.of(Map.of("rtol", precision, "atol", precision)));
    }

    @Override
    protected double precision() {
        return 1e-8;
    }

    /**
     * Adams-Moulton advances with the corrector but controls the predictor's error, so its error is a
     * fraction of the tolerance: error / tolerance is 0.3 at {@code 1e-8} on this problem
     * ({@link org.lcnflow.integrators.multistep.AdamsFlowIntegratorTest AdamsFlowIntegratorTest}); bound {@code 10 tol}.
     */
    @Override
    protected double accuracyBound() {
        return 10 * precision();
    }
}
