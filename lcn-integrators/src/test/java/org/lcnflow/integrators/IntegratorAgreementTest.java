package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;

/**
 * All the built-in integrators agree on {@code w(T)} for a nonlinear field, the two-layer factorisation, at
 * tight settings: within {@code 1e-7} relative, pairwise. The adaptive ones run at {@code tol = 1e-11}
 * (their errors here are below {@code 1e-9}), RK4 at {@code h = 1e-3} (error {@code ~ h^4}), and Euler,
 * first order, at {@code h = 5e-7}: its error is {@code C h} with {@code C h = 6e-7} relative at
 * {@code h = 1e-5} on this problem, so about {@code 3e-8} here (two million steps).
 */
class IntegratorAgreementTest {

    private static final double T = 1.0;

    @Test
    void allIntegratorsAgreeOnTheEndPointOfANonlinearFlow() {
        Map<String, Parameters> settings = new LinkedHashMap<>();
        settings.put("euler", Parameters.of(Map.of("step", 5e-7)));
        settings.put("rk4", Parameters.of(Map.of("step", 1e-3)));
        for (String adaptive : new String[] {"dormand-prince-54", "dormand-prince-853", "gragg-bulirsch-stoer",
            "adams-bashforth", "adams-moulton", "radau-iia-5", "rosenbrock", "bdf", "auto"}) {
            settings.put(adaptive, Parameters.of(Map.of("rtol", 1e-11, "atol", 1e-11)));
        }
        assertEquals(Integrators.providers().keySet(), settings.keySet(), "every integrator takes part");

        Map<String, double[]> ends = new LinkedHashMap<>();
        settings.forEach((name, parameters) -> {
            FlowResult result = Integrators.create(name, parameters).integrate(new TwoLayerFactorisation(),
                    TwoLayerFactorisation.W0, StopCondition.atTime(T), FlowObserver.NONE);
            assertEquals(StopReason.TIME_LIMIT, result.stopReason(), name);
            ends.put(name, result.parameters());
        });
        ends.forEach((first, w1) -> ends.forEach((second, w2) -> {
            double relative = distance(w1, w2) / norm(w1);
            assertTrue(relative <= 1e-7, first + " and " + second + " differ by " + relative + " relative");
        }));
        // the flow moved: agreement is not the trivial agreement on w0
        assertTrue(distance(ends.get("rk4"), TwoLayerFactorisation.W0) > 0.1);
    }

    private static double distance(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return Math.sqrt(sum);
    }

    private static double norm(double[] x) {
        return distance(x, new double[x.length]);
    }
}
