package org.lcnflow.core;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import java.util.Map;
import java.util.Objects;
import org.lcnflow.api.DataSourceProvider;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.LossProvider;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * Guice wiring: publishes every discovered provider through {@link MapBinder}s
 * ({@code Map<String, LossProvider>}, {@code Map<String, IntegratorProvider>},
 * {@code Map<String, DataSourceProvider>}), and from those maps the {@link PluginRegistry} and the
 * {@link FlowRunner}. Discovery happens before the module is built (pass {@link PluginRegistry#load()});
 * the module itself does no I/O.
 *
 * <p>A user module adds a provider with {@code LcnModule.losses(binder()).addBinding("name").toInstance(p)}
 * (or {@link #integrators}, {@link #dataSources}); a name bound twice fails at injector creation, and
 * Guice's message names both bindings' sources. To replace a provider of the same name, bind it through
 * {@link #lossOverrides} (or {@link #integratorOverrides}, {@link #dataSourceOverrides}): an override wins
 * over the plain binding, and a name overridden twice fails the same way.
 */
public final class LcnModule extends AbstractModule {

    private final PluginRegistry discovered;

    /**
     * @param discovered the providers found before the injector is made, e.g. {@link PluginRegistry#load()}
     */
    public LcnModule(PluginRegistry discovered) {
        this.discovered = Objects.requireNonNull(discovered, "discovered is null");
    }

    /**
     * @param binder a module's binder
     * @return the map binder of loss providers by name
     */
    public static MapBinder<String, LossProvider> losses(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, LossProvider.class);
    }

    /**
     * @param binder a module's binder
     * @return the map binder of integrator providers by name
     */
    public static MapBinder<String, IntegratorProvider> integrators(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, IntegratorProvider.class);
    }

    /**
     * @param binder a module's binder
     * @return the map binder of data source providers by name
     */
    public static MapBinder<String, DataSourceProvider> dataSources(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, DataSourceProvider.class);
    }

    /**
     * @param binder a module's binder
     * @return the map binder of loss providers that replace those bound under the same name
     */
    public static MapBinder<String, LossProvider> lossOverrides(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, LossProvider.class, PluginOverride.class);
    }

    /**
     * @param binder a module's binder
     * @return the map binder of integrator providers that replace those bound under the same name
     */
    public static MapBinder<String, IntegratorProvider> integratorOverrides(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, IntegratorProvider.class, PluginOverride.class);
    }

    /**
     * @param binder a module's binder
     * @return the map binder of data source providers that replace those bound under the same name
     */
    public static MapBinder<String, DataSourceProvider> dataSourceOverrides(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, DataSourceProvider.class, PluginOverride.class);
    }

    @Override
    protected void configure() {
        lossOverrides(binder());
        integratorOverrides(binder());
        dataSourceOverrides(binder());
        MapBinder<String, LossProvider> losses = losses(binder());
        discovered.lossProviders().forEach((name, provider) -> losses.addBinding(name).toInstance(provider));
        MapBinder<String, IntegratorProvider> integrators = integrators(binder());
        discovered.integratorProviders().forEach((name, provider) -> integrators.addBinding(name).toInstance(provider));
        MapBinder<String, DataSourceProvider> dataSources = dataSources(binder());
        discovered.dataSourceProviders().forEach((name, provider) -> dataSources.addBinding(name).toInstance(provider));
        bind(FlowRunner.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    PluginRegistry registry(Map<String, LossProvider> losses, Map<String, IntegratorProvider> integrators,
                            Map<String, DataSourceProvider> dataSources,
                            @PluginOverride Map<String, LossProvider> lossOverrides,
                            @PluginOverride Map<String, IntegratorProvider> integratorOverrides,
                            @PluginOverride Map<String, DataSourceProvider> dataSourceOverrides) {
        return PluginRegistry.ofNamed(merged(losses, lossOverrides), merged(integrators, integratorOverrides),
                merged(dataSources, dataSourceOverrides));
    }

    private static <P> Map<String, P> merged(Map<String, P> bound, Map<String, P> overrides) {
        Map<String, P> all = new java.util.TreeMap<>(bound);
        all.putAll(overrides);
        return all;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LcnModule && discovered == ((LcnModule) other).discovered;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(discovered);
    }
}
