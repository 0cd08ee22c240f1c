package org.lcnflow.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.testing.TestLosses;
import org.lcnflow.core.testing.TestProviders;

class PluginRegistryTest {

    @TempDir
    Path folder;

    /** A class loader that sees the test classes plus a services file listing {@code classes}. */
    private ClassLoader withServices(String... classes) throws IOException {
        Path services = folder.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(LossProvider.class.getName()), String.join("\n", classes) + "\n");
        return new URLClassLoader(new URL[] {folder.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void findsProvidersByServiceLoaderAndCreatesByName() throws IOException {
        PluginRegistry registry = PluginRegistry.load(withServices(TestProviders.Square.class.getName()));
        assertTrue(registry.lossNames().contains("test-square"));
        assertSame(TestLosses.SQUARE, registry.loss("test-square", Parameters.empty()));
        assertInstanceOf(TestProviders.Square.class, registry.lossProvider("test-square"));
        assertEquals(registry.lossNames(), registry.lossProviders().keySet());
    }

    @Test
    void twoProvidersWithOneNameAreAnErrorNamingBoth() throws IOException {
        ClassLoader loader = withServices(TestProviders.Square.class.getName(),
                TestProviders.SquareAgain.class.getName());
        PluginException e = assertThrows(PluginException.class, () -> PluginRegistry.load(loader));
        assertTrue(e.getMessage().startsWith("loss 'test-square' is provided twice: by "
                + TestProviders.Square.class.getName() + " (from "), e.getMessage());
        assertTrue(e.getMessage().contains(" and by " + TestProviders.SquareAgain.class.getName() + " (from "),
                e.getMessage());
        PluginException direct = assertThrows(PluginException.class, () -> PluginRegistry.of(
                List.of(new TestProviders.Square(), new TestProviders.SquareAgain()), List.of(), List.of()));
        assertTrue(direct.getMessage().startsWith("loss 'test-square' is provided twice"));
    }

    @Test
    void unknownNameListsTheNamesThatExistAndSuggestsTheClosest() {
        PluginRegistry registry = PluginRegistry.of(List.of(new TestProviders.Square()), List.of(), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.loss("test-sqare", Parameters.empty()));
        assertEquals("unknown loss 'test-sqare'; available losses: test-square; did you mean 'test-square'?",
                e.getMessage());
        assertEquals("unknown integrator 'rk4'; available integrators: none", assertThrows(
                IllegalArgumentException.class, () -> registry.integrator("rk4", Parameters.empty())).getMessage());
        assertEquals("unknown data source 'csv'; available data sources: none", assertThrows(
                IllegalArgumentException.class, () -> registry.dataSource("csv", Parameters.empty())).getMessage());
    }

    @Test
    void aProviderThatThrowsInItsConstructorIsNamed() throws IOException {
        ClassLoader loader = withServices(TestProviders.Throwing.class.getName());
        PluginException e = assertThrows(PluginException.class, () -> PluginRegistry.load(loader));
        assertTrue(e.getMessage().startsWith("LossProvider " + TestProviders.Throwing.class.getName() + " (from "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("failed to instantiate: java.lang.IllegalStateException: license file missing"),
                e.getMessage());
    }

    @Test
    void aListedClassThatDoesNotExistIsNamed() throws IOException {
        ClassLoader loader = withServices("com.example.NoSuchLoss");
        PluginException e = assertThrows(PluginException.class, () -> PluginRegistry.load(loader));
        assertTrue(e.getMessage().startsWith("cannot load a LossProvider listed in META-INF/services/"
                + LossProvider.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("com.example.NoSuchLoss"), e.getMessage());
    }

    @Test
    void parameterErrorsOfTheProviderPassThrough() {
        PluginRegistry registry = PluginRegistry.of(List.of(new TestProviders.Square()), List.of(), List.of());
        assertEquals("test-square: unknown parameter 'p'; it takes no parameters", assertThrows(
                IllegalArgumentException.class, () -> registry.loss("test-square", Parameters.of(Map.of("p", 2))))
                .getMessage());
    }

    @Test
    void suggestionsUseEditDistance() {
        assertEquals(3, Names.distance("kitten", "sitting"));
        assertEquals(1, Names.distance("cvs", "csv"));
        assertEquals(List.of("csv"), Names.closest("cvs", List.of("csv", "npy", "synthetic")));
        assertEquals(List.of("rk4"), Names.closest("RK4", List.of("rk4", "euler")));
        assertEquals(List.of(), Names.closest("midpoint", List.of("rk4", "euler")));
    }
}
