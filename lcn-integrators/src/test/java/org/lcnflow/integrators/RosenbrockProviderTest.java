package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Parameters;
import org.lcnflow.integrators.implicit.RosenbrockFlowIntegrator;

/**
 * The {@code rosenbrock} provider, built directly (the services file registers it separately): its name,
 * description and parameters, the defaults and configured values it prints, its checks, and the integrator's own
 * checks of its constructor arguments.
 */
class RosenbrockProviderTest {

    @Test
    void isNamedRosenbrockAndDescribesRodas4() {
        RosenbrockProvider provider = new RosenbrockProvider();
        assertEquals("rosenbrock", provider.name());
        assertEquals(RosenbrockProvider.NAME, provider.name());
        for (String word : new String[] {"Rodas4", "L-stable", "stiffly accurate", "exact or by differences"}) {
            assertTrue(provider.description().contains(word), provider.description());
        }
        assertEquals(List.of("rtol", "atol", "initialStep", "minStep", "maxStep"),
                List.copyOf(provider.parameters().keySet()));
    }

    @Test
    void createsAResumableIntegratorThatPrintsAsConfigured() {
        FlowIntegrator defaults = new RosenbrockProvider().create(Parameters.empty());
        assertTrue(defaults instanceof RosenbrockFlowIntegrator);
        assertTrue(defaults.isResumable());
        assertEquals("rosenbrock", defaults.name());
        assertEquals("rosenbrock(rtol=1.0E-6, atol=1.0E-9, initialStep=auto, minStep=0.0, maxStep=Infinity)",
                defaults.toString());
        assertEquals("rosenbrock(rtol=0.001, atol=1.0E-4, initialStep=0.1, minStep=0.01, maxStep=1.0)",
                new RosenbrockProvider().create(Parameters.of(Map.of("rtol", 1e-3, "atol", "1e-4", "initialStep",
                        0.1, "minStep", 0.01, "maxStep", 1))).toString());
    }

    @Test
    void rejectsUnknownAndOutOfRangeParametersNamingThem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new RosenbrockProvider().create(Parameters.of(Map.of("step", 0.1))));
        assertTrue(unknown.getMessage().contains("step"), unknown.getMessage());
        IllegalArgumentException rtol = assertThrows(IllegalArgumentException.class,
                () -> new RosenbrockProvider().create(Parameters.of(Map.of("rtol", 1))));
        assertEquals("rosenbrock: rtol must be > 0 and < 1, got 1", rtol.getMessage());
    }

    @Test
    void theConstructorChecksItsArgumentsNamingParameterValueAndRange() {
        double inf = Double.POSITIVE_INFINITY;
        assertEquals("rtol must be in (0, 1), got 0.0", message(0.0, 1e-9, Double.NaN, 0.0, inf));
        assertEquals("atol must be > 0 and finite, got NaN", message(1e-6, Double.NaN, Double.NaN, 0.0, inf));
        assertEquals("minStep must be >= 0 and finite, got -1.0", message(1e-6, 1e-9, Double.NaN, -1.0, inf));
        assertEquals("maxStep must be > 0 and >= minStep = 0.5, got 0.1", message(1e-6, 1e-9, Double.NaN, 0.5, 0.1));
        assertEquals("initialStep must be NaN (automatic) or > 0, finite and in [minStep, maxStep] = [0.0, 1.0],"
                + " got 2.0", message(1e-6, 1e-9, 2.0, 0.0, 1.0));
    }

    private static String message(double rtol, double atol, double initialStep, double minStep, double maxStep) {
        return assertThrows(IllegalArgumentException.class,
                () -> new RosenbrockFlowIntegrator("rosenbrock", rtol, atol, initialStep, minStep, maxStep))
                .getMessage();
    }
}
