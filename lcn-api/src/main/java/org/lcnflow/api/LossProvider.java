package org.lcnflow.api;

/**
 * The service interface that creates a {@link Loss} by name; list implementations in
 * {@code META-INF/services/org.lcnflow.api.LossProvider}.
 */
public interface LossProvider extends PluginProvider<Loss> {

    /**
     * {@inheritDoc}
     */
    @Override
    Loss create(Parameters parameters);
}
