package org.lcnflow.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.testing.TestLosses;
import org.lcnflow.core.testing.TestProviders;

class LcnModuleTest {

    private static PluginRegistry discovered() {
        return PluginRegistry.of(List.of(new TestProviders.Square()), List.of(), List.of(
                new org.lcnflow.core.data.SyntheticDataSource.Provider()));
    }

    @Test
    void publishesDiscoveredProvidersTheRegistryAndTheRunner() {
        Injector injector = Guice.createInjector(new LcnModule(discovered()));
        Map<String, LossProvider> losses = injector.getInstance(Key.get(new TypeLiteral<Map<String, LossProvider>>() {
        }));
        assertEquals(List.of("test-square"), List.copyOf(losses.keySet()));
        PluginRegistry registry = injector.getInstance(PluginRegistry.class);
        assertSame(registry, injector.getInstance(PluginRegistry.class), "one registry per injector");
        assertEquals(java.util.Set.of("test-square"), registry.lossNames());
        assertEquals(java.util.Set.of("synthetic"), registry.dataSourceNames());
        FlowRunner runner = injector.getInstance(FlowRunner.class);
        assertSame(registry, runner.registry());
        assertSame(runner, injector.getInstance(FlowRunner.class));
    }

    @Test
    void aUserModuleAddsAProviderUnderANewNameWithAPlainBinding() {
        LossProvider renamed = new TestProviders.SquareAgain();
        Injector injector = Guice.createInjector(new LcnModule(discovered()), new AbstractModule() {
            @Override
            protected void configure() {
                LcnModule.losses(binder()).addBinding("host-square").toInstance(renamed);
            }
        });
        PluginRegistry registry = injector.getInstance(PluginRegistry.class);
        assertEquals(java.util.Set.of("host-square", "test-square"), registry.lossNames());
        assertSame(renamed, registry.lossProvider("host-square"));
        assertSame(TestLosses.SQUARE, registry.loss("host-square", Parameters.empty()));
    }

    @Test
    void aNameBoundTwiceFailsAtInjectorCreationNamingBothSources() {
        CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(
                new LcnModule(discovered()), new ClashingModule()));
        String message = e.getMessage();
        assertTrue(message.contains("test-square"), message);
        assertTrue(message.contains("LcnModule"), "names the built-in's source: " + message);
        assertTrue(message.contains("ClashingModule"), "names the user's source: " + message);
    }

    @Test
    void aUserModuleOverridesABuiltInByName() {
        LossProvider replacement = new TestProviders.SquareAgain();
        Injector injector = Guice.createInjector(new LcnModule(discovered()), new AbstractModule() {
            @Override
            protected void configure() {
                LcnModule.lossOverrides(binder()).addBinding("test-square").toInstance(replacement);
            }
        });
        assertSame(replacement, injector.getInstance(PluginRegistry.class).lossProvider("test-square"));
        assertEquals(java.util.Set.of("test-square"), injector.getInstance(PluginRegistry.class).lossNames());
    }

    @Test
    void overridingOneNameTwiceFailsNamingBothSources() {
        CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(
                new LcnModule(discovered()), new OverridingModule(), new OverridingModule()));
        assertTrue(e.getMessage().contains("test-square"), e.getMessage());
        assertTrue(e.getMessage().contains("OverridingModule"), e.getMessage());
    }

    @Test
    void worksWithoutGuiceThroughPlainConstructors() {
        FlowRunner runner = new FlowRunner(discovered());
        assertSame(TestLosses.SQUARE, runner.registry().loss("test-square", Parameters.empty()));
    }

    private static final class OverridingModule extends AbstractModule {
        @Override
        protected void configure() {
            LcnModule.lossOverrides(binder()).addBinding("test-square").toInstance(new TestProviders.SquareAgain());
        }
    }

    private static final class ClashingModule extends AbstractModule {
        @Override
        protected void configure() {
            LcnModule.losses(binder()).addBinding("test-square").toInstance(new TestProviders.SquareAgain());
        }
    }
}
