package org.lcnflow.integrators.hipparchus;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.testkit.FlowIntegratorContract;

/**
 * The integrator contract for Hipparchus's own integrators behind the interface ({@link HipparchusIntegrators}):
 * everything but resuming, which they refuse.
 */
class HipparchusIntegratorsContractTest {

    /**
     * The contract at {@code rtol = atol = 1e-8}. The error of these contracting flows stays below 10 tol, but
     * Adams-Bashforth's shrinks a little slower than the tolerance (about 18 tol at 1e-8): 100 tol for it.
     */
    abstract static class Contract extends FlowIntegratorContract {

        private final Function<Parameters, FlowIntegrator> factory;
        private final double bound;

        Contract(Function<Parameters, FlowIntegrator> factory, double bound) {
            this.factory = factory;
            this.bound = bound;
        }

        @Override
        protected FlowIntegrator createIntegrator(double precision) {
            return factory.apply(Parameters.of(Map.of("rtol", precision, "atol", precision)));
        }

        @Override
        protected double precision() {
            return 1e-8;
        }

        @Override
        protected double accuracyBound() {
            return bound * precision();
        }
    }

    @Nested
    class DormandPrince853 extends Contract {
        DormandPrince853() {
            super(HipparchusIntegrators::dormandPrince853, 10);
        }
    }

    @Nested
    class GraggBulirschStoer extends Contract {
        GraggBulirschStoer() {
            super(HipparchusIntegrators::graggBulirschStoer, 10);
        }
    }

    @Nested
    class AdamsBashforth extends Contract {
        AdamsBashforth() {
            super(HipparchusIntegrators::adamsBashforth, 100);
        }
    }

    @Nested
    class AdamsMoulton extends Contract {
        AdamsMoulton() {
            super(HipparchusIntegrators::adamsMoulton, 10);
        }
    }
}
