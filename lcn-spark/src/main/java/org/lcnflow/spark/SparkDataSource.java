package org.lcnflow.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.DataSource;
import org.lcnflow.api.DataSourceProvider;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.RiskSource;
import org.lcnflow.core.flow.TrainingRisk;
import org.lcnflow.core.risk.RiskOptions;

/**
 * The data source {@code "spark"}: samples that Spark reads (Parquet, CSV, JSON, ORC, ...; a file, a folder or a URI
 * such as {@code hdfs://} or {@code s3a://}), trained on where they are. As a {@link RiskSource} it gives the run a
 * {@link DistributedRisk} over them (cached in the executors once, one distributed pass per evaluation, one in all for
 * a quadratic loss), so {@code lcn train} runs the flow on the driver and its checks from sums over the chunks.
 * {@link #load} brings the samples into memory instead, for the commands that need them there ({@code lcn landscape},
 * {@code compare}, {@code evaluate}).
 *
 * <p>In a run configuration: {@code "data": {"source": "spark", "path": "train.parquet"}}, with {@code format}
 * (default {@code parquet}), the columns {@code inputs} and {@code targets} (default {@code x} and {@code y}: arrays of
 * doubles, ML vectors, or text of numbers separated by spaces or semicolons, as in a CSV file), {@code header} (CSV:
 * whether the first line names the columns, default true), {@code master} (default {@code spark.master} as
 * spark-submit sets it, else {@code local[*]}; an active session is used as it is), {@code partitions} and
 * {@code chunkSamples} ({@link DistributedRisk.Options}). Immutable.
 */
public final class SparkDataSource implements RiskSource {

    private final String path;
    private final String format;
    private final String inputs;
    private final String targets;
    private final boolean header;
    private final String master;
    private final int partitions;
    private final int chunkSamples;

    private SparkDataSource(Parameters p) {
        p.requireOnly(NAME, PARAMETERS.keySet());
        this.path = p.getString("path", null);
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(NAME + ": parameter 'path' (the data's file, folder or URI) is required");
        }
        this.format = p.getString("format", "parquet");
        if (format.isBlank()) {
            throw new IllegalArgumentException(NAME + ": parameter 'format' must name a format Spark reads, e.g."
                    + " parquet, csv, json, orc");
        }
        this.inputs = column(p, "inputs", "x");
        this.targets = column(p, "targets", "y");
        this.header = p.getBoolean("header", true);
        this.master = p.getString("master", null);
        long parts = p.getLong("partitions", 0);
        if (parts < 0 || parts > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(NAME + ": parameter 'partitions' must be >= 0 (0: the data's own), got "
                    + parts);
        }
        this.partitions = (int) parts;
        long chunk = p.getLong("chunkSamples", DistributedRisk.Options.DEFAULT_CHUNK_SAMPLES);
        if (chunk < 1 || chunk > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(NAME + ": parameter 'chunkSamples' must be >= 1, got " + chunk);
        }
        this.chunkSamples = (int) chunk;
    }

    private static String column(Parameters p, String key, String fallback) {
        String name = p.getString(key, fallback);
        if (name.isBlank()) {
            throw new IllegalArgumentException(NAME + ": parameter '" + key + "' must name a column");
        }
        return name;
    }

    /** The source's name in a run configuration. */
    public static final String NAME = "spark";

    private static final Map<String, String> PARAMETERS = new LinkedHashMap<>();

    static {
        PARAMETERS.put("path", "the data: a file, a folder or a URI Spark reads (hdfs://, s3a://, ...); relative to the"
                + " configuration file; required");
        PARAMETERS.put("format", "what Spark reads it as: parquet, csv, json, orc, ...; default parquet");
        PARAMETERS.put("inputs", "the inputs' column: arrays of d0 doubles, ML vectors or text of numbers; default x");
        PARAMETERS.put("targets", "the targets' column, as the inputs'; default y");
        PARAMETERS.put("header", "csv: whether the first line names the columns; default true");
        PARAMETERS.put("master", "Spark's master, e.g. local[*], spark://host:7077, yarn; default spark.master, else"
                + " local[*]");
        PARAMETERS.put("partitions", "partitions the chunks are cached in; default 0: the data's own");
        PARAMETERS.put("chunkSamples", "consecutive samples per chunk (the unit of the sums); default "
                + DistributedRisk.Options.DEFAULT_CHUNK_SAMPLES);
    }

    /**
     * @param spec    the run: its architecture and loss (resolved by name on every executor)
     * @param options not used: each chunk is evaluated by lcn-core's exact data pass on one executor thread
     * @return the distributed risk over the data, cached
     * @throws IllegalArgumentException for a master that cannot be reached, data that cannot be read, a missing
     *                                  column, a row of the wrong length or with a non-finite value, naming it
     */
    @Override
    public TrainingRisk risk(FlowSpec spec, RiskOptions options) {
        org.apache.spark.sql.Dataset<Row> data = read();
        try {
            return DistributedRisk.of(spec.architecture(), data, spec.loss().name(), spec.loss().parameters(),
                    new DistributedRisk.Options(inputs, targets, partitions, chunkSamples));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the samples into memory (on the driver), checked as the distributed risk checks them.
     *
     * @throws IllegalArgumentException as {@link #risk}
     */
    @Override
    public Dataset load(Architecture architecture) {
        org.apache.spark.sql.Dataset<Row> data = read();
        try {
            LcnParams.requireSamples(data.schema(), inputs, "inputs");
            LcnParams.requireSamples(data.schema(), targets, "targets");
            List<Row> rows = Sessions.spark(() -> data.select(inputs, targets).collectAsList());
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("the data have no rows: at least one sample is needed");
            }
            double[][] x = new double[rows.size()][];
            double[][] y = new double[rows.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = DistributedRisk.values(rows.get(i), 0, inputs, architecture.inputDimension(), i, "inputs");
                y[i] = DistributedRisk.values(rows.get(i), 1, targets, architecture.outputDimension(), i, "targets");
            }
            return new Dataset(x, y);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where() + ": " + e.getMessage(), e);
        }
    }

    private org.apache.spark.sql.Dataset<Row> read() {
        SparkSession session = Sessions.session(master, "lcn-flow");
        DataFrameReader reader = session.read().format(format);
        if (format.equalsIgnoreCase("csv")) {
            reader = reader.option("header", header);
        }
        try {
            return reader.load(path);
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's terms, though nothing declares it
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    .replaceAll("\\s*SQLSTATE: \\w+\\s*$", "").trim();
            throw new IllegalArgumentException(where() + ": cannot read the data: " + reason, e);
        }
    }

    private String where() {
        return "data source '" + NAME + "' (" + format + " at " + path + ")";
    }

    @Override
    public String toString() {
        return where();
    }

    /** Finds {@link SparkDataSource} by its name, {@code spark}. */
    public static final class Provider implements DataSourceProvider {

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "samples Spark reads (Parquet, CSV, JSON, ...), trained on where they are: a distributed risk"
                    + " (lcn-spark)";
        }

        @Override
        public Map<String, String> parameters() {
            return PARAMETERS;
        }

        @Override
        public DataSource create(Parameters parameters) {
            return new SparkDataSource(parameters);
        }
    }
}
