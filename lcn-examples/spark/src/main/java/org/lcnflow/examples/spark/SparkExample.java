package org.lcnflow.examples.spark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.endpoint.EndPoint;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.Component;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.sweep.Landscape;
import org.lcnflow.core.sweep.SweepEngineProvider;
import org.lcnflow.spark.LcnRegressionModel;
import org.lcnflow.spark.LcnRegressor;

/**
 * lcn-flow on Spark, two ways. First a landscape sweep through the {@code spark} engine (found by name, as
 * {@code lcn landscape --engine spark} finds it): 40 runs of a small filling problem from seeded initializations,
 * partitioned over the executors, every end point classified; the rows are the same as the in-process sweep's.
 * Then an LCN in a Spark ML {@code Pipeline}: {@code LcnRegressor} fits a strided network to a teacher's data with
 * outliers (pseudo-Huber loss, the {@code auto} integrator to the gradient tolerance), the model adds {@code V x} to
 * each row, is saved and loaded, and gives the same outputs.
 *
 * <p>{@code java ... SparkExample [master]} (default {@code local[*]}); with Maven:
 * {@code mvn -q -Prun -DskipTests -pl lcn-examples/spark -am package}.
 */
public final class SparkExample {

    private SparkExample() {
    }

    /** What the example found. */
    public record Outcome(Landscape.Result sweep, boolean sameAsInProcess, LcnRegressionModel model,
                          double largestDifferenceAfterLoading) {
    }

    /** @param args the master (optional) */
    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? args[0] : "local[*]", System.out);
    }

    /**
     * @param master the Spark master
     * @param out    where to print
     * @return what it found
     */
    public static Outcome run(String master, PrintStream out) throws Exception {
        SparkSession spark = SparkSession.builder().master(master).appName("lcn-flow example")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            return run(spark, out);
        } finally {
            spark.stop();
        }
    }

    private static Outcome run(SparkSession spark, PrintStream out) throws Exception {
        // 1. a landscape sweep on the executors
        FlowRunner runner = new FlowRunner(PluginRegistry.load());
        FlowSpec problem = new FlowSpec(Architecture.of(8, new int[] {3, 2, 3}, new int[] {1, 1, 1}),
                new Component("synthetic", Parameters.of(Map.of("m", 10, "seed", 8, "noise", 0.3))),
                new Component("square", Parameters.empty()),
                new Component("dormand-prince-54", Parameters.of(Map.of("rtol", 1e-7, "atol", 1e-9))),
                new Initialization.Seeded(0, 0.5), new StopCondition(200, 1e-5, 3000), 200);
        Dataset data = runner.loadData(problem);
        Landscape.Result onSpark = SweepEngineProvider.engine("spark", Map.of("partitions", "4"))
                .run(runner, problem, data, 100, 40, 0.5, Landscape.Listener.NONE);
        Landscape.Result inProcess = SweepEngineProvider.engine(SweepEngineProvider.THREADS, Map.of("threads", "2"))
                .run(runner, problem, data, 100, 40, 0.5, Landscape.Listener.NONE);
        boolean same = onSpark.rows().equals(inProcess.rows());
        out.println("landscape: 40 runs on Spark (4 partitions)");
        for (Map.Entry<EndPoint.Verdict, Integer> e : onSpark.counts().entrySet()) {
            out.printf("  %-26s %3d%n", e.getKey(), e.getValue());
        }
        out.println("  the same rows as the in-process sweep: " + same);

        // 2. an LCN in a Spark ML pipeline
        org.apache.spark.sql.Dataset<Row> training = teacherFrame(spark, 600, 3);
        LcnRegressor lcn = new LcnRegressor()
                .setArchitecture(new int[] {3, 3, 2}, new int[] {1, 2, 1})
                .setLoss("pseudo-huber", "{\"delta\": 0.5}")
                .setIntegrator("auto", "{\"rtol\": 1e-8, \"atol\": 1e-10}")
                .setStop(100, 1e-6, 1_000_000)
                .setChunkSamples(256);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {lcn}).fit(training);
        LcnRegressionModel model = (LcnRegressionModel) fitted.stages()[0];
        out.printf("pipeline: %s after %d steps, %d gradient evaluations; L = %.6f, |grad L| = %.2e%n",
                model.stopReason(), model.steps(), model.evaluations(), model.trainingLoss(), model.gradientNorm());
        out.println("  final filter " + java.util.Arrays.toString(model.finalFilter().coefficients()));
        out.println("  end point " + model.endPoint() + ": " + model.endPointReason());
        out.printf("  loss decreased at every step: %s; balancedness drift %.1e; boundedness bound held: %s%n",
                model.lossMonotone(), model.balancednessDrift(), model.boundednessHolds());
        List<Row> before = fitted.transform(training).select("prediction").limit(50).collectAsList();
        Path saved = Files.createTempDirectory("lcn-example-model");
        fitted.write().overwrite().save(saved.toString());
        PipelineModel loaded = PipelineModel.load(saved.toString());
        List<Row> after = loaded.transform(training).select("prediction").limit(50).collectAsList();
        double largest = 0;
        for (int i = 0; i < before.size(); i++) {
            List<Object> a = before.get(i).getList(0);
            List<Object> b = after.get(i).getList(0);
            for (int j = 0; j < a.size(); j++) {
                largest = Math.max(largest, Math.abs((Double) a.get(j) - (Double) b.get(j)));
            }
        }
        out.println("  saved to " + saved + " and loaded: largest difference of the outputs " + largest);
        return new Outcome(onSpark, same, model, largest);
    }

    /** {@code m} samples of a random strided teacher, with noise and 10% outliers, as array columns x and y. */
    static org.apache.spark.sql.Dataset<Row> teacherFrame(SparkSession spark, int m, long seed) {
        Architecture a = Architecture.of(27, new int[] {3, 3, 2}, new int[] {1, 2, 1});
        Random random = new Random(seed);
        double[] v = new double[a.finalWidth()];
        for (int n = 0; n < v.length; n++) {
            v[n] = random.nextGaussian();
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            double[] x = new double[a.inputDimension()];
            for (int t = 0; t < x.length; t++) {
                x[t] = random.nextGaussian();
            }
            double[] y = new double[a.outputDimension()];
            boolean outlier = random.nextInt(10) == 0;
            for (int j = 0; j < y.length; j++) {
                double z = 0;
                for (int n = 0; n < v.length; n++) {
                    z += v[n] * x[j * a.finalStride() + n];
                }
                y[j] = z + 0.05 * random.nextGaussian() + (outlier ? 20 * random.nextGaussian() : 0);
            }
            rows.add(RowFactory.create(boxed(x), boxed(y)));
        }
        StructType schema = new StructType()
                .add("x", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("y", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        return spark.createDataFrame(rows, schema);
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double d : values) {
            list.add(d);
        }
        return list;
    }
}
