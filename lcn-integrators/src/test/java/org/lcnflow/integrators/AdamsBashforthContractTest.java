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
     * Adams-Bashforth's error shrinks a little slower than the tolerance ({@code ~ tol^0.8}):
     * {@link AdaptiveToleranceTest} measures error / tolerance 18 at {@code 1e-8}; bound {@code 100 tol}.
     */
    @Override
    protected double accuracyBound() {
        return 100 * precision();
    }
}
