package org.lcnflow.integrators;

import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.testkit.FlowIntegratorContract;

/** The integrator contract for {@code adams-bashforth}. */
class AdamsBashforthContractTest extends FlowIntegratorContract {

    @Override
    protected FlowIntegrator createIntegrator(double precision) {
        return Integrators.create("adams-bashforth", Parameters.of(Map.of("rtol", precision, "atol", precision)));
    }

    @Override
    protected double precision() {
        return 1e-8;
    }

    /**
     * Adams-Bashforth controls its own local error, so its global error shrinks like {@code tol^(s/(s+1))}
     * ({@code tol^0.8} for the default 4 steps): error / tolerance is 17 at {@code 1e-8} on this problem
     * ({@link org.lcnflow.integrators.multistep.AdamsFlowIntegratorTest AdamsFlowIntegratorTest}); bound {@code 100 tol}.
     */
    @Override
    protected double accuracyBound() {
        return 100 * precision();
    }
}
