package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;
import org.lcnflow.integrators.extrapolation.GraggBulirschStoerFlowIntegrator;

/** The {@code gragg-bulirsch-stoer} provider: its parameters, their checks and defaults, its description. */
class GraggBulirschStoerProviderTest {

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
                Arguments.of(Map.of("maxOrder", 7), "gragg-bulirsch-stoer: maxOrder must be an even integer in [6, 30],"
                        + " got 7"),
                Arguments.of(Map.of("maxOrder", 4), "gragg-bulirsch-stoer: maxOrder must be an even integer in [6, 30],"
                        + " got 4"),
                Arguments.of(Map.of("maxOrder", 32), "gragg-bulirsch-stoer: maxOrder must be an even integer in"
                        + " [6, 30], got 32"),
                Arguments.of(Map.of("maxOrder", 8.5), "gragg-bulirsch-stoer: parameter 'maxOrder' must be an integer,"
                        + " got 8.5"),
                Arguments.of(Map.of("initialStep", 0), "gragg-bulirsch-stoer: initialStep must be > 0 and finite,"
                        + " got 0"),
                Arguments.of(Map.of("initialStep", 2, "maxStep", 1), "gragg-bulirsch-stoer: initialStep must be in"
                        + " [minStep, maxStep] = [0.0, 1.0], got 2"),
                Arguments.of(Map.of("minStep", 0.5, "maxStep", 0.1), "gragg-bulirsch-stoer: maxStep must be >="
                        + " minStep = 0.5, got 0.1"),
                Arguments.of(Map.of("rtol", 1), "gragg-bulirsch-stoer: rtol must be > 0 and < 1, got 1"),
                Arguments.of(Map.of("atol", 0), "gragg-bulirsch-stoer: atol must be > 0 and finite, got 0"));
    }

    @ParameterizedTest
    @MethodSource("invalidParameters")
    void invalidParametersAreRejectedNamingParameterValueAndRange(Map<String, ?> values, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Integrators.create("gragg-bulirsch-stoer", Parameters.of(values)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void defaultsAndConfiguredValuesPrint() {
        assertEquals("gragg-bulirsch-stoer(rtol=1.0E-6, atol=1.0E-9, initialStep=auto, minStep=0.0,"
                + " maxStep=Infinity, maxOrder=18)", Integrators.create("gragg-bulirsch-stoer",
                Parameters.empty()).toString());
        assertEquals("gragg-bulirsch-stoer(rtol=0.001, atol=1.0E-4, initialStep=0.1, minStep=0.01, maxStep=1.0,"
                + " maxOrder=6)", Integrators.create("gragg-bulirsch-stoer", Parameters.of(Map.of("rtol", 1e-3,
                "atol", "1e-4", "initialStep", 0.1, "minStep", 0.01, "maxStep", 1, "maxOrder", 6))).toString());
    }

    @Test
    void isOurOwnResumableIntegratorAndSaysItCountsRejections() {
        IntegratorProvider provider = Integrators.providers().get(GraggBulirschStoerProvider.NAME);
        FlowIntegrator integrator = provider.create(Parameters.empty());
        assertTrue(integrator instanceof GraggBulirschStoerFlowIntegrator, integrator.getClass().getName());
        assertTrue(integrator.isResumable());
        assertTrue(provider.description().contains("counts rejected steps"), provider.description());
    }
}
