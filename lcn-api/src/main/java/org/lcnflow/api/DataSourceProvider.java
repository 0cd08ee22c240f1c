package org.lcnflow.api;

/**
 * The service interface that creates a {@link DataSource} by name; list implementations in
 * {@code META-INF/services/org.lcnflow.api.DataSourceProvider}.
 */
public interface DataSourceProvider extends PluginProvider<DataSource> {

    /**
     * {@inheritDoc}
     */
    @Override
    DataSource create(Parameters parameters);
}
