package org.lcnflow.core.data;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.lcnflow.api.DataSource;
import org.lcnflow.api.DataSourceProvider;
import org.lcnflow.api.Parameters;

/** The file data sources: {@code csv} and {@code npy}, each reading {@code x} and {@code y}. */
public final class FileDataSourceProviders {

    private FileDataSourceProviders() {
    }

    private static DataSource create(String name, Parameters parameters, Function<Path, double[][]> reader) {
        parameters.requireOnly(name, java.util.Set.of("x", "y"));
        return new MatrixFileDataSource(name, path(name, parameters, "x"), path(name, parameters, "y"), reader);
    }

    private static Path path(String name, Parameters parameters, String key) {
        String text = parameters.getString(key, null);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + ": parameter '" + key + "' (a file path) is required");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(name + ": parameter '" + key + "' is not a valid path: '" + text + "'");
        }
    }

    private static Map<String, String> describe(String what) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("x", "inputs, " + what + " with m rows of d0 values; required");
        p.put("y", "targets, " + what + " with m rows of dN values; required");
        return p;
    }

    /** {@code csv}: text files, comma or white-space separated, optional header line. */
    public static final class Csv implements DataSourceProvider {
        @Override
        public String name() {
            return "csv";
        }

        @Override
        public String description() {
            return "inputs and targets from text files, one sample per row, comma or white-space separated,"
                    + " optional header";
        }

        @Override
        public Map<String, String> parameters() {
            return describe("a CSV file");
        }

        @Override
        public DataSource create(Parameters parameters) {
            return FileDataSourceProviders.create(name(), parameters, CsvMatrixReader::read);
        }
    }

    /** {@code npy}: NumPy arrays, 2-D float64 or float32. */
    public static final class Npy implements DataSourceProvider {
        @Override
        public String name() {
            return "npy";
        }

        @Override
        public String description() {
            return "inputs and targets from NumPy .npy files, 2-D float64 or float32, C or Fortran order";
        }

        @Override
        public Map<String, String> parameters() {
            return describe("a .npy array");
        }

        @Override
        public DataSource create(Parameters parameters) {
            return FileDataSourceProviders.create(name(), parameters, NpyMatrixReader::read);
        }
    }
}
