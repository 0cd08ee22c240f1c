package org.lcnflow.examples.cauchy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;

/** The plugin's services file lists both providers; they create validated losses from parameters. */
class ProvidersTest {

    private static Map<String, LossProvider> discovered() {
        Map<String, LossProvider> byName = new TreeMap<>();
        for (LossProvider provider : ServiceLoader.load(LossProvider.class, ProvidersTest.class.getClassLoader())) {
            byName.put(provider.name(), provider);
        }
        return byName;
    }

    @Test
    void serviceLoaderFindsBothProvidersOfThisJar() {
        Map<String, LossProvider> providers = discovered();
        assertEquals(List.of("cauchy", "welsch"), new ArrayList<>(providers.keySet()));
        assertTrue(providers.get("cauchy") instanceof CauchyLossProvider);
        assertTrue(providers.get("welsch") instanceof WelschLossProvider);
    }

    @Test
    void defaultsAndGivenScales() {
        assertEquals(new CauchyLoss(1.0), new CauchyLossProvider().create(Parameters.empty()));
        assertEquals("cauchy(c=1.0)", new CauchyLossProvider().create(Parameters.empty()).toString());
        assertEquals(new CauchyLoss(0.5), new CauchyLossProvider().create(Parameters.of(Map.of("c", "0.5"))));
        assertEquals(new WelschLoss(2.0), new WelschLossProvider().create(Parameters.of(Map.of("c", 2))));
        assertEquals("welsch(c=1.0)", new WelschLossProvider().create(Parameters.empty()).toString());
    }

    @Test
    void describesItsOneParameterWithDefaultAndRange() {
        for (LossProvider provider : discovered().values()) {
            assertEquals(List.of("c"), new ArrayList<>(provider.parameters().keySet()));
            assertTrue(provider.parameters().get("c").endsWith("; default 1; > 0, finite"), provider.name());
            assertTrue(provider.description().endsWith("(example plugin)"), provider.description());
        }
    }

    @Test
    void badParametersNameTheLossTheParameterAndTheValue() {
        LossProvider cauchy = new CauchyLossProvider();
        assertEquals("cauchy: c must be > 0 and finite, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> cauchy.create(Parameters.of(Map.of("c", 0)))).getMessage());
        assertEquals("cauchy: c must be > 0 and finite, got Infinity", assertThrows(IllegalArgumentException.class,
                () -> cauchy.create(Parameters.of(Map.of("c", "Infinity")))).getMessage());
        assertEquals("cauchy: parameter 'c' must be a number, got 'wide'", assertThrows(IllegalArgumentException.class,
                () -> cauchy.create(Parameters.of(Map.of("c", "wide")))).getMessage());
        assertEquals("cauchy: unknown parameter 'delta'; known parameters: [c]", assertThrows(
                IllegalArgumentException.class, () -> cauchy.create(Parameters.of(Map.of("delta", 1)))).getMessage());
        assertEquals("welsch: c must be > 0 and finite, got -2.0", assertThrows(IllegalArgumentException.class,
                () -> new WelschLossProvider().create(Parameters.of(Map.of("c", -2.0)))).getMessage());
    }
}
