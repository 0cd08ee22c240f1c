package org.lcnflow.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;

/**
 * Issue 17's measurement (not a test; {@code lcn-spark/run-parquet-flows.sh} runs it): {@code m} samples (default
 * 10^6) with {@code d_0 = 257} written as Parquet, then on {@code local[2]} the square-loss flow (one pass of
 * statistics) and a pseudo-Huber flow (one pass per evaluation) on the {@link DistributedRisk} read from the Parquet
 * files, against the in-process {@link EmpiricalRisk} on the same samples (made by the same generator, row by row):
 * wall times, evaluations, the end points' agreement, and Spark's time per evaluation. Prints a Markdown table.
 */
public final class ParquetFlows {

    private static final Architecture ARCHITECTURE = Architecture.of(257, new int[] {5, 5, 5}, new int[] {1, 2, 2});
    private static final long SEED = 17;

    private ParquetFlows() {
    }

    /** @param args the output folder (default lcn-spark/target/parquet-flows) */
    public static void main(String[] args) throws Exception {
        int m = Integer.getInteger("m", 1_000_000);
        Path dir = Path.of(args.length > 0 ? args[0] : "lcn-spark/target/parquet-flows");
        Files.createDirectories(dir);
        Path parquet = dir.resolve("samples.parquet");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("lcn parquet flows")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        try {
            long t0 = System.nanoTime();
            if (!Files.exists(parquet.resolve("_SUCCESS"))) {
                final double[] teacher = teacher();
                spark.range(m).select(
                        functions.udf((UDF1<Long, double[]>) ParquetFlows::input,
                                DataTypes.createArrayType(DataTypes.DoubleType, false)).apply(functions.col("id"))
                                .as("x"),
                        functions.udf((UDF1<Long, double[]>) id -> target(teacher, id),
                                DataTypes.createArrayType(DataTypes.DoubleType, false)).apply(functions.col("id"))
                                .as("y"))
                        .write().mode("overwrite").parquet(parquet.toString());
            }
            double write = seconds(t0);
            org.apache.spark.sql.Dataset<Row> data = spark.read().parquet(parquet.toString());
            StringBuilder table = new StringBuilder();
            table.append(String.format(Locale.ROOT, "Parquet: %d samples, d0 = 257, widths 5,5,5, strides 1,2,2"
                    + " (d_N = %d, k_v = %d), written in %.1f s%n%n", m, ARCHITECTURE.outputDimension(),
                    ARCHITECTURE.finalWidth(), write));
            table.append("| flow | engine | setup | flow wall | evaluations | passes | per evaluation | end loss |\n");
            table.append("|---|---|---|---|---|---|---|---|\n");
            Dataset local = inMemory(m);
            PluginRegistry registry = PluginRegistry.load();
            double[] w0 = new Initialization.Seeded(1, 0.5).filters(ARCHITECTURE);
            flow(table, "square, auto to |grad| < 1e-6", data, local, registry, "square", Parameters.empty(),
                    registry.integrator("auto", Parameters.of(Map.of("rtol", 1e-8, "atol", 1e-10))),
                    new StopCondition(100, 1e-6, 100_000), w0);
            // the risk is a sum over samples: the Hessian grows like m d_N, and RK4 is stable below 2.8 / lambda_max
            double step = 0.2 / (2.0 * ARCHITECTURE.outputDimension() * m);
            flow(table, "pseudo-huber, rk4 10 steps", data, local, registry, "pseudo-huber",
                    Parameters.of(Map.of("delta", 1.0)),
                    registry.integrator("rk4", Parameters.of(Map.of("step", step))),
                    StopCondition.atTime(10 * step), w0);
            System.out.print(table);
            Files.writeString(dir.resolve("report-spark.md"), table);
        } finally {
            spark.stop();
        }
    }

    private static void flow(StringBuilder table, String name, org.apache.spark.sql.Dataset<Row> data, Dataset local,
                             PluginRegistry registry, String loss, Parameters parameters, FlowIntegrator integrator,
                             StopCondition stop, double[] w0) {
        long t0 = System.nanoTime();
        EmpiricalRisk inProcess = EmpiricalRisk.of(ARCHITECTURE, local, registry.loss(loss, parameters));
        double setupLocal = seconds(t0);
        t0 = System.nanoTime();
        FlowResult a = integrator.integrate(inProcess, w0, stop, FlowObserver.NONE);
        double wallLocal = seconds(t0);
        t0 = System.nanoTime();
        try (DistributedRisk risk = DistributedRisk.of(ARCHITECTURE, data, loss, parameters,
                DistributedRisk.Options.defaults())) {
            double setupSpark = seconds(t0);
            t0 = System.nanoTime();
            FlowResult b = integrator.integrate(risk, w0, stop, FlowObserver.NONE);
            double wallSpark = seconds(t0);
            table.append(String.format(Locale.ROOT, "| %s | in process | %.2f s | %.3f s | %d | - | %.4f s | %.12g |%n",
                    name, setupLocal, wallLocal, a.evaluations(), wallLocal / a.evaluations(), a.value()));
            table.append(String.format(Locale.ROOT, "| %s | Spark local[2], %d chunks | %.2f s | %.3f s | %d | %d |"
                    + " %.4f s | %.12g |%n", name, risk.chunkCount(), setupSpark, wallSpark, b.evaluations(),
                    risk.passes(), wallSpark / b.evaluations(), b.value()));
            double distance = 0;
            for (int i = 0; i < w0.length; i++) {
                distance = Math.max(distance, Math.abs(a.parameters()[i] - b.parameters()[i]));
            }
            table.append(String.format(Locale.ROOT, "| | end points differ by %.1e (max entry), losses by %.1e"
                    + " (relative) | | | | | | |%n", distance, Math.abs(a.value() - b.value()) / a.value()));
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) * 1e-9;
    }

    private static double[] teacher() {
        Random random = new Random(SEED);
        double[] v = new double[ARCHITECTURE.finalWidth()];
        for (int n = 0; n < v.length; n++) {
            v[n] = random.nextGaussian() / Math.sqrt(v.length);
        }
        return v;
    }

    /** Sample {@code id}'s input, from a generator seeded by the index alone. */
    static double[] input(long id) {
        Random random = new Random(SEED * 1_000_003L + id);
        double[] x = new double[ARCHITECTURE.inputDimension()];
        for (int t = 0; t < x.length; t++) {
            x[t] = random.nextGaussian();
        }
        return x;
    }

    /** Sample {@code id}'s target: the teacher's output plus noise and, for one sample in ten, an outlier. */
    static double[] target(double[] v, long id) {
        double[] x = input(id);
        Random random = new Random(SEED * 7_000_003L + id);
        boolean outlier = random.nextInt(10) == 0;
        int stride = ARCHITECTURE.finalStride();
        double[] y = new double[ARCHITECTURE.outputDimension()];
        for (int j = 0; j < y.length; j++) {
            double z = 0;
            for (int n = 0; n < v.length; n++) {
                z += v[n] * x[j * stride + n];
            }
            y[j] = z + 0.05 * random.nextGaussian() + (outlier ? 5 * random.nextGaussian() : 0);
        }
        return y;
    }

    private static Dataset inMemory(int m) {
        double[] v = teacher();
        double[][] x = new double[m][];
        double[][] y = new double[m][];
        for (int i = 0; i < m; i++) {
            x[i] = input(i);
            y[i] = target(v, i);
        }
        return new Dataset(x, y);
    }
}
