package org.lcnflow.api;

/**
 * The service interface that creates a {@link FlowIntegrator} by name; list implementations in
 * {@code META-INF/services/org.lcnflow.api.IntegratorProvider}.
 */
public interface IntegratorProvider extends PluginProvider<FlowIntegrator> {

    /**
     * {@inheritDoc}
     */
    @Override
    FlowIntegrator create(Parameters parameters);
}
