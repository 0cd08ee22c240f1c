package org.lcnflow.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;

/**
 * One Spark session in {@code local[2]} for all of this module's tests (starting one costs seconds), stopped when the
 * test JVM ends; and data sets as data frames.
 */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("lcn-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            SparkSession started = session;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return session;
    }

    /** The schema of a data set: {@code x} and {@code y} as arrays of doubles. */
    static StructType arraySchema() {
        return new StructType()
                .add("x", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("y", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    }

    /**
     * @param data       in-memory samples
     * @param partitions the data frame's partitions
     * @return them as a data frame with array columns {@code x}, {@code y}, in their order
     */
    static org.apache.spark.sql.Dataset<Row> frame(Dataset data, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.sampleCount(); i++) {
            rows.add(RowFactory.create(data.inputs()[i], data.targets()[i]));
        }
        // parallelize keeps the rows' order (repartition would shuffle them: another order, other chunks)
        JavaSparkContext context = JavaSparkContext.fromSparkContext(session().sparkContext());
        return session().createDataFrame(context.parallelize(rows, partitions), arraySchema());
    }

    static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    /** @return {@code m} samples with Gaussian inputs and targets from a random teacher plus noise and outliers */
    static Dataset teacherData(Architecture a, int m, long seed) {
        Random random = new Random(seed);
        double[] v = new double[a.finalWidth()];
        for (int n = 0; n < v.length; n++) {
            v[n] = random.nextGaussian();
        }
        double[][] x = new double[m][a.inputDimension()];
        double[][] y = new double[m][a.outputDimension()];
        for (int i = 0; i < m; i++) {
            for (int t = 0; t < x[i].length; t++) {
                x[i][t] = random.nextGaussian();
            }
            for (int j = 0; j < y[i].length; j++) {
                double z = 0;
                for (int n = 0; n < v.length; n++) {
                    z += v[n] * x[i][j * a.finalStride() + n];
                }
                y[i][j] = z + 0.05 * random.nextGaussian() + (random.nextInt(10) == 0 ? 5 * random.nextGaussian() : 0);
            }
        }
        return new Dataset(x, y);
    }
}
