package org.lcnflow.examples.embedding;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.lcnflow.api.DataSource;
import org.lcnflow.api.DataSourceProvider;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Parameters;

/**
 * A data source provider over a host's in-memory {@link Dataset}, so that a run described by names
 * ({@code FlowSpec}) can refer to the host's own data by a name of the host's choosing. Takes no
 * parameters; the data source checks that the data fit the run's architecture. Immutable.
 */
public final class InMemoryDataSourceProvider implements DataSourceProvider {

    private final String name;
    private final Dataset data;

    /**
     * @param name the name runs refer to the data by, e.g. {@code host-readings}
     * @param data the host's data
     */
    public InMemoryDataSourceProvider(String name, Dataset data) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.data = Objects.requireNonNull(data, "data is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "the host program's data, in memory (" + data + ")";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of();
    }

    @Override
    public DataSource create(Parameters parameters) {
        Objects.requireNonNull(parameters, "parameters is null").requireOnly(name, Set.of());
        return architecture -> {
            data.requireFits(architecture);
            return data;
        };
    }
}
