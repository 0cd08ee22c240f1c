package org.lcnflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;

/** The providers: found by ServiceLoader under their names, documented, validating, printing as configured. */
class ProvidersTest {

    private static final Map<String, List<String>> PARAMETER_NAMES = Map.ofEntries(
            Map.entry("euler", List.of("step")),
            Map.entry("rk4", List.of("step")),
            Map.entry("dormand-prince-54", List.of("rtol", "atol", "initialStep", "minStep", "maxStep")),
            Map.entry("dormand-prince-853", List.of("rtol", "atol", "initialStep", "minStep", "maxStep")),
            Map.entry("gragg-bulirsch-stoer",
                    List.of("rtol", "atol", "initialStep", "minStep", "maxStep", "maxOrder")),
            Map.entry("adams-bashforth", List.of("steps", "rtol", "atol")),
            Map.entry("adams-moulton", List.of("steps", "rtol", "atol")),
            Map.entry("radau-iia-5", List.of("rtol", "atol", "initialStep", "minStep", "maxStep")),
            Map.entry("rosenbrock", List.of("rtol", "atol", "initialStep", "minStep", "maxStep")),
            Map.entry("bdf", List.of("rtol", "atol", "initialStep", "minStep", "maxStep")),
            Map.entry("auto", List.of("rtol", "atol", "initialStep", "minStep", "maxStep")));

    static java.util.stream.Stream<String> names() {
        return PARAMETER_NAMES.keySet().stream().sorted();
    }

    @Test
    void serviceLoaderFindsEveryBuiltInByName() {
        assertEquals(PARAMETER_NAMES.keySet(), Integrators.providers().keySet());
    }

    @ParameterizedTest
    @MethodSource("names")
    void eachProviderDocumentsItsParametersAndCreatesAnIntegratorOfItsName(String name) {
        IntegratorProvider provider = Integrators.providers().get(name);
        assertFalse(provider.description().isBlank());
        assertEquals(PARAMETER_NAMES.get(name), List.copyOf(provider.parameters().keySet()), "in a stable order");
        provider.parameters().values().forEach(doc -> assertFalse(doc.isBlank()));
        Parameters minimal = provider.parameters().containsKey("step") ? Parameters.of(Map.of("step", 0.1))
                : Parameters.empty();
        FlowIntegrator integrator = provider.create(minimal);
        assertEquals(name, integrator.name());
        assertTrue(integrator.toString().startsWith(name + "("), integrator.toString());
    }

    @Test
    void integratorsPrintAsConfigured() {
        assertEquals("rk4(step=0.01)", Integrators.create("rk4", Parameters.of(Map.of("step", 0.01))).toString());
        assertEquals("euler(step=0.5)", Integrators.create("euler", Parameters.of(Map.of("step", "0.5"))).toString());
        assertEquals("dormand-prince-54(rtol=1.0E-6, atol=1.0E-9, initialStep=auto, minStep=0.0, maxStep=Infinity)",
                Integrators.create("dormand-prince-54", Parameters.empty()).toString());
        assertEquals("dormand-prince-54(rtol=0.001, atol=1.0E-4, initialStep=0.1, minStep=0.01, maxStep=1.0)",
                Integrators.create("dormand-prince-54", Parameters.of(Map.of("rtol", 1e-3, "atol", "1e-4",
                        "initialStep", 0.1, "minStep", 0.01, "maxStep", 1))).toString());
        assertEquals("dormand-prince-853(rtol=1.0E-6, atol=1.0E-9, initialStep=auto, minStep=0.0, maxStep=Infinity)",
                Integrators.create("dormand-prince-853", Parameters.empty()).toString());
        assertEquals("gragg-bulirsch-stoer(rtol=1.0E-8, atol=1.0E-10, initialStep=auto, minStep=0.0, maxStep=Infinity,"
                + " maxOrder=18)", Integrators.create("gragg-bulirsch-stoer",
                Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-10))).toString());
        assertEquals("adams-moulton(steps=5, rtol=1.0E-6, atol=1.0E-9)",
                Integrators.create("adams-moulton", Parameters.of(Map.of("steps", 5))).toString());
    }

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
                Arguments.of("euler", Map.of("step", -0.1), "euler: step must be > 0 and finite, got -0.1"),
                Arguments.of("euler", Map.of("step", 0), "euler: step must be > 0 and finite, got 0"),
                Arguments.of("rk4", Map.of("step", Double.NaN), "rk4: step must be > 0 and finite, got NaN"),
                Arguments.of("rk4", Map.of("step", "Infinity"), "rk4: step must be > 0 and finite, got Infinity"),
                Arguments.of("euler", Map.of(), "euler: parameter 'step' is required (the fixed step size h, > 0 and"
                        + " finite)"),
                Arguments.of("euler", Map.of("step", "fast"), "euler: parameter 'step' must be a number, got 'fast'"),
                Arguments.of("euler", Map.of("step", 0.1, "stepp", 1),
                        "euler: unknown parameter 'stepp'; known parameters: [step]"),
                Arguments.of("dormand-prince-54", Map.of("rtol", 1), "dormand-prince-54: rtol must be > 0 and < 1,"
                        + " got 1"),
                Arguments.of("dormand-prince-54", Map.of("rtol", 0), "dormand-prince-54: rtol must be > 0 and < 1,"
                        + " got 0"),
                Arguments.of("dormand-prince-54", Map.of("atol", 0), "dormand-prince-54: atol must be > 0 and finite,"
                        + " got 0"),
                Arguments.of("dormand-prince-54", Map.of("minStep", -1), "dormand-prince-54: minStep must be >= 0 and"
                        + " finite, got -1"),
                Arguments.of("dormand-prince-54", Map.of("maxStep", 0), "dormand-prince-54: maxStep must be > 0"
                        + " (Infinity for no bound), got 0"),
                Arguments.of("dormand-prince-54", Map.of("minStep", 0.5, "maxStep", 0.1),
                        "dormand-prince-54: maxStep must be >= minStep = 0.5, got 0.1"),
                Arguments.of("dormand-prince-54", Map.of("initialStep", 2, "maxStep", 1),
                        "dormand-prince-54: initialStep must be in [minStep, maxStep] = [0.0, 1.0], got 2"),
                Arguments.of("dormand-prince-853", Map.of("rtol", -1e-6), "dormand-prince-853: rtol must be > 0 and"
                        + " < 1, got -1.0E-6"),
                Arguments.of("gragg-bulirsch-stoer", Map.of("order", 8), "gragg-bulirsch-stoer: unknown parameter"
                        + " 'order'; known parameters: [atol, initialStep, maxOrder, maxStep, minStep, rtol]"),
                Arguments.of("adams-bashforth", Map.of("steps", 1), "adams-bashforth: steps must be an integer in"
                        + " [2, 7], got 1"),
                Arguments.of("adams-moulton", Map.of("steps", 2.5), "adams-moulton: parameter 'steps' must be an"
                        + " integer, got 2.5"));
    }

    @ParameterizedTest
    @MethodSource("invalidParameters")
    void invalidParametersAreRejectedNamingIntegratorParameterValueAndRange(String name, Map<String, ?> values,
                                                                             String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Integrators.create(name, Parameters.of(values)));
        assertEquals(message, e.getMessage());
    }
}
