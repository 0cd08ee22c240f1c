package org.lcnflow.core.data;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.lcnflow.api.DataSource;
import org.lcnflow.api.DataSourceProvider;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.PluginProvider;
import org.lcnflow.testkit.ProviderContract;

/** Every built-in data source provider meets the provider contract, bad parameters included. */
class DataSourceProviderContractTest {

    private abstract static class DataSourceProviderContract extends ProviderContract<DataSource> {
        @Override
        protected Class<? extends PluginProvider<DataSource>> serviceType() {
            return DataSourceProvider.class;
        }
    }

    private abstract static class Files extends DataSourceProviderContract {
        @Override
        protected Parameters validParameters() {
            return Parameters.of(Map.of("x", "x.file", "y", "y.file"));
        }

        @Override
        protected Map<Parameters, List<String>> badParameters() {
            return Map.of(Parameters.of(Map.of("x", "x.file")), List.of("'y'", "required"),
                    Parameters.of(Map.of("y", "y.file", "x", " ")), List.of("'x'", "required"));
        }
    }

    @Nested
    class Csv extends Files {
        @Override
        protected PluginProvider<DataSource> provider() {
            return new FileDataSourceProviders.Csv();
        }
    }

    @Nested
    class Npy extends Files {
        @Override
        protected PluginProvider<DataSource> provider() {
            return new FileDataSourceProviders.Npy();
        }
    }

    @Nested
    class Synthetic extends DataSourceProviderContract {
        @Override
        protected PluginProvider<DataSource> provider() {
            return new SyntheticDataSource.Provider();
        }

        @Override
        protected Map<Parameters, List<String>> badParameters() {
            return Map.of(Parameters.of(Map.of("m", 0)), List.of("m must be an integer >= 1, got 0"),
                    Parameters.of(Map.of("m", 2.5)), List.of("'m'", "integer", "2.5"),
                    Parameters.of(Map.of("noise", -1)), List.of("noise", ">= 0", "-1"),
                    Parameters.of(Map.of("outliers", 2)), List.of("outliers", "[0, 1]"),
                    Parameters.of(Map.of("outlierScale", Double.NaN)), List.of("outlierScale", "NaN"),
                    Parameters.of(Map.of("teacherScale", 0)), List.of("teacherScale", "> 0"));
        }
    }
}
