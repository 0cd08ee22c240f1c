package org.lcnflow.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lcnflow.api.Loss;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;

/** The five providers are found by {@link ServiceLoader}, create validated losses and describe their parameters. */
class LossProvidersTest {

    private static Map<String, LossProvider> providers() {
        Map<String, LossProvider> byName = new TreeMap<>();
        for (LossProvider provider : ServiceLoader.load(LossProvider.class)) {
            assertEquals(null, byName.put(provider.name(), provider), "duplicate provider " + provider.name());
        }
        return byName;
    }

    private static Loss create(String name, Map<String, ?> parameters) {
        return providers().get(name).create(Parameters.of(parameters));
    }

    @Test
    void serviceLoaderFindsAllFiveByName() {
        assertEquals(List.of("generalized-huber", "log-cosh", "lp", "pseudo-huber", "square"),
                new ArrayList<>(providers().keySet()));
    }

    @Test
    void defaultsAreThoseOfTheIssue() {
        Map<String, String> printed = new TreeMap<>();
        providers().forEach((name, provider) -> printed.put(name, provider.create(Parameters.empty()).toString()));
        assertEquals(Map.of("square", "square()", "lp", "lp(p=2.0)", "pseudo-huber", "pseudo-huber(delta=1.0)",
                "generalized-huber", "generalized-huber(alpha=1.0, beta=0.0)", "log-cosh", "log-cosh(alpha=1.0)"), printed);
        assertEquals(new LpLoss(2.0), create("lp", Map.of()));
        assertEquals(SquareLoss.instance(), create("square", Map.of()));
    }

    @Test
    void createdLossesEqualDirectlyConstructedOnes() {
        assertEquals(new PseudoHuberLoss(0.7), create("pseudo-huber", Map.of("delta", 0.7)));
        assertEquals("pseudo-huber(delta=0.7)", create("pseudo-huber", Map.of("delta", "0.7")).toString());
        assertEquals(new LpLoss(4.0), create("lp", Map.of("p", 4)));
        Map<String, Object> gh = new LinkedHashMap<>();
        gh.put("beta", "-0.5");
        gh.put("alpha", 3L);
        assertEquals(new GeneralizedHuberLoss(3.0, -0.5), create("generalized-huber", gh));
        assertEquals("generalized-huber(alpha=3.0, beta=-0.5)", create("generalized-huber", gh).toString());
        assertEquals(new LogCoshLoss(2.5), create("log-cosh", Map.of("alpha", 2.5)));
        assertNotEquals(new LogCoshLoss(2.5), new LogCoshLoss(2.0));
        assertEquals(new LogCoshLoss(2.5).hashCode(), new LogCoshLoss(2.5).hashCode());
        assertEquals("generalized-huber(alpha=1.0, beta=0.0)", new GeneralizedHuberLoss(1.0, -0.0).toString());
    }

    @Test
    void parameterDescriptionsGiveMeaningDefaultAndRangeInStableOrder() {
        Map<String, LossProvider> providers = providers();
        assertEquals(List.of(), new ArrayList<>(providers.get("square").parameters().keySet()));
        assertEquals(List.of("p"), new ArrayList<>(providers.get("lp").parameters().keySet()));
        assertEquals(List.of("delta"), new ArrayList<>(providers.get("pseudo-huber").parameters().keySet()));
        assertEquals(List.of("alpha", "beta"), new ArrayList<>(providers.get("generalized-huber").parameters().keySet()));
        assertEquals(List.of("alpha"), new ArrayList<>(providers.get("log-cosh").parameters().keySet()));
        assertTrue(providers.get("lp").parameters().get("p").endsWith("; default 2; >= 1, finite"));
        assertTrue(providers.get("pseudo-huber").parameters().get("delta").endsWith("; default 1; > 0, finite"));
        assertTrue(providers.get("generalized-huber").parameters().get("alpha").endsWith("; default 1; > 0, finite"));
        assertTrue(providers.get("generalized-huber").parameters().get("beta").endsWith("; default 0; > -2, finite"));
        assertTrue(providers.get("log-cosh").parameters().get("alpha").endsWith("; default 1; > 0, finite"));
        for (LossProvider provider : providers.values()) {
            assertTrue(!provider.description().isBlank() && !provider.description().contains("\n"), provider.name());
        }
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("pseudo-huber", Map.of("delta", -1.0), "pseudo-huber: delta must be > 0, got -1.0"),
                Arguments.of("pseudo-huber", Map.of("delta", 0), "pseudo-huber: delta must be > 0, got 0.0"),
                Arguments.of("pseudo-huber", Map.of("delta", Double.NaN), "pseudo-huber: delta must be finite, got NaN"),
                Arguments.of("pseudo-huber", Map.of("delta", "wide"), "pseudo-huber: parameter 'delta' must be a number, got 'wide'"),
                Arguments.of("lp", Map.of("p", 0.5), "lp: p must be >= 1, got 0.5"),
                Arguments.of("lp", Map.of("p", "Infinity"), "lp: p must be finite, got Infinity"),
                Arguments.of("generalized-huber", Map.of("alpha", 0.0), "generalized-huber: alpha must be > 0, got 0.0"),
                Arguments.of("generalized-huber", Map.of("beta", -2), "generalized-huber: beta must be > -2, got -2.0"),
                Arguments.of("generalized-huber", Map.of("beta", Double.NEGATIVE_INFINITY),
                        "generalized-huber: beta must be finite, got -Infinity"),
                Arguments.of("log-cosh", Map.of("alpha", -0.5), "log-cosh: alpha must be > 0, got -0.5"),
                Arguments.of("log-cosh", Map.of("alpha", Double.POSITIVE_INFINITY), "log-cosh: alpha must be finite, got Infinity"),
                Arguments.of("pseudo-huber", Map.of("deltta", 1), "pseudo-huber: unknown parameter 'deltta'; known parameters: [delta]"),
                Arguments.of("square", Map.of("p", 2), "square: unknown parameter 'p'; it takes no parameters"),
                Arguments.of("generalized-huber", Map.of("alpha", 1, "gamma", 2, "eta", 3),
                        "generalized-huber: unknown parameters [eta, gamma]; known parameters: [alpha, beta]"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badValues")
    void badParametersAreRejectedNamingLossParameterValueAndRange(String name, Map<String, ?> parameters, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(name, parameters));
        assertEquals(message, e.getMessage());
    }

    @Test
    void directConstructionValidatesTheSameWay() {
        assertEquals("pseudo-huber: delta must be > 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new PseudoHuberLoss(-1.0)).getMessage());
        assertEquals("lp: p must be >= 1, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new LpLoss(0.0)).getMessage());
        assertEquals("generalized-huber: beta must be > -2, got -3.0",
                assertThrows(IllegalArgumentException.class, () -> new GeneralizedHuberLoss(1.0, -3.0)).getMessage());
        assertEquals("log-cosh: alpha must be finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new LogCoshLoss(Double.NaN)).getMessage());
    }
}
