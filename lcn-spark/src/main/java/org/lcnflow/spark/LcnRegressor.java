package org.lcnflow.spark;

import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.flow.GradientFlow;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * An LCN as a Spark ML {@code Estimator}: {@link #fit} runs the gradient flow (eq. (1.4)) of the empirical risk over
 * the data set ({@link DistributedRisk}: one distributed pass per evaluation, or one in all for a quadratic loss) from
 * seeded filters, with the named integrator and stop rule, as lcn-core's {@code GradientFlow} (so with every check of
 * the theory on the run: loss decrease, balancedness, the boundedness bound, the end point's verdict, from sums over
 * the chunks), and returns an {@link LcnRegressionModel}, the network {@code x -> V x} with its filters and the run's
 * diagnostics. Params: the architecture ({@code widths},
 * {@code strides}; {@code d_0} from the data), {@code loss} and {@code lossParameters} (JSON), {@code integrator} and
 * {@code integratorParameters} (JSON), the stop rule ({@code tMax}, {@code gradientTolerance}, {@code maxSteps}), the
 * initialization ({@code seed}, {@code scale}), the columns ({@code featuresCol}, {@code labelCol},
 * {@code predictionCol}; arrays of doubles or ML vectors) and the chunking ({@code chunkSamples},
 * {@code partitions}). Saveable and loadable ({@code DefaultParamsWritable}), usable in a {@code Pipeline}.
 */
public class LcnRegressor extends Estimator<LcnRegressionModel> implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    /** The run's trajectory keeps about this many points (its diagnostics watch every step). */
    private static final int RECORDED_POINTS = 1000;

    private final String uid;
    private final IntArrayParam widths;
    private final IntArrayParam strides;
    private final Param<String> loss;
    private final Param<String> lossParameters;
    private final Param<String> integrator;
    private final Param<String> integratorParameters;
    private final DoubleParam tMax;
    private final DoubleParam gradientTolerance;
    private final LongParam maxSteps;
    private final LongParam seed;
    private final DoubleParam scale;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final IntParam chunkSamples;
    private final IntParam partitions;

    /** With a random uid. */
    public LcnRegressor() {
        this(Identifiable.randomUID("lcnRegressor"));
    }

    /** @param uid the stage's uid (the params are made after it is set: each copies it) */
    public LcnRegressor(String uid) {
        this.uid = uid;
        widths = new IntArrayParam(this, "widths", "the layers' filter widths k_i, each >= 1");
        strides = new IntArrayParam(this, "strides", "the layers' strides s_i, each >= 1");
        loss = new Param<>(this, "loss", "the loss's provider name, e.g. square, pseudo-huber");
        lossParameters = new Param<>(this, "lossParameters", "the loss's parameters as a JSON object");
        integrator = new Param<>(this, "integrator", "the integrator's provider name, e.g. auto, radau-iia-5");
        integratorParameters = new Param<>(this, "integratorParameters",
                "the integrator's parameters as a JSON object");
        tMax = new DoubleParam(this, "tMax", "the flow's end time, > 0");
        gradientTolerance = new DoubleParam(this, "gradientTolerance",
                "stop once ||grad L|| is at most this (0: never)");
        maxSteps = new LongParam(this, "maxSteps", "the most accepted steps, >= 1");
        seed = new LongParam(this, "seed", "the seed of the initial filters");
        scale = new DoubleParam(this, "scale", "the initial filters' standard deviation, > 0");
        featuresCol = new Param<>(this, "featuresCol", "the inputs' column: array of doubles or ML vector");
        labelCol = new Param<>(this, "labelCol", "the targets' column: array of doubles or ML vector");
        predictionCol = new Param<>(this, "predictionCol", "the outputs' column V x");
        chunkSamples = new IntParam(this, "chunkSamples", "samples per chunk of the distributed risk, >= 1");
        partitions = new IntParam(this, "partitions", "partitions of the cached chunks, 0 for the data's own");
        setDefault(loss, "square");
        setDefault(lossParameters, "{}");
        setDefault(integrator, "auto");
        setDefault(integratorParameters, "{}");
        setDefault(tMax, 100.0);
        setDefault(gradientTolerance, 1e-8);
        setDefault(maxSteps, 1_000_000L);
        setDefault(seed, 1L);
        setDefault(scale, 0.5);
        setDefault(featuresCol, "x");
        setDefault(labelCol, "y");
        setDefault(predictionCol, "prediction");
        setDefault(chunkSamples, DistributedRisk.Options.DEFAULT_CHUNK_SAMPLES);
        setDefault(partitions, 0);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @return the param */
    public IntArrayParam widths() {
        return widths;
    }

    /** @return the param */
    public IntArrayParam strides() {
        return strides;
    }

    /** @return the param */
    public Param<String> loss() {
        return loss;
    }

    /** @return the param */
    public Param<String> lossParameters() {
        return lossParameters;
    }

    /** @return the param */
    public Param<String> integrator() {
        return integrator;
    }

    /** @return the param */
    public Param<String> integratorParameters() {
        return integratorParameters;
    }

    /** @return the param */
    public DoubleParam tMax() {
        return tMax;
    }

    /** @return the param */
    public DoubleParam gradientTolerance() {
        return gradientTolerance;
    }

    /** @return the param */
    public LongParam maxSteps() {
        return maxSteps;
    }

    /** @return the param */
    public LongParam seed() {
        return seed;
    }

    /** @return the param */
    public DoubleParam scale() {
        return scale;
    }

    /** @return the param */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** @return the param */
    public Param<String> labelCol() {
        return labelCol;
    }

    /** @return the param */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** @return the param */
    public IntParam chunkSamples() {
        return chunkSamples;
    }

    /** @return the param */
    public IntParam partitions() {
        return partitions;
    }

    /**
     * @param w the widths
     * @param s the strides
     * @return this, with that architecture (the input dimension comes from the data)
     */
    public LcnRegressor setArchitecture(int[] w, int[] s) {
        set(widths, w);
        set(strides, s);
        return this;
    }

    /**
     * @param name       the loss's provider name
     * @param parameters its parameters as a JSON object
     * @return this
     */
    public LcnRegressor setLoss(String name, String parameters) {
        set(loss, name);
        set(lossParameters, parameters);
        return this;
    }

    /**
     * @param name       the integrator's provider name
     * @param parameters its parameters as a JSON object
     * @return this
     */
    public LcnRegressor setIntegrator(String name, String parameters) {
        set(integrator, name);
        set(integratorParameters, parameters);
        return this;
    }

    /**
     * @param t         the end time
     * @param tolerance the gradient tolerance
     * @param steps     the most steps
     * @return this
     */
    public LcnRegressor setStop(double t, double tolerance, long steps) {
        set(tMax, t);
        set(gradientTolerance, tolerance);
        set(maxSteps, steps);
        return this;
    }

    /**
     * @param features   the inputs' column
     * @param label      the targets' column
     * @param prediction the outputs' column
     * @return this
     */
    public LcnRegressor setColumns(String features, String label, String prediction) {
        set(featuresCol, features);
        set(labelCol, label);
        set(predictionCol, prediction);
        return this;
    }

    /**
     * @param count samples per chunk of the distributed risk
     * @return this
     */
    public LcnRegressor setChunkSamples(int count) {
        set(chunkSamples, count);
        return this;
    }

    /**
     * Runs the flow on the data and returns the trained network.
     *
     * @throws IllegalArgumentException for bad params or data, naming them
     */
    @Override
    public LcnRegressionModel fit(org.apache.spark.sql.Dataset<?> dataset) {
        transformSchema(dataset.schema());
        if (!isDefined(widths) || !isDefined(strides)) {
            throw new IllegalArgumentException("LcnRegressor needs its architecture: setArchitecture(widths, strides)");
        }
        String features = $(featuresCol);
        Row first = dataset.select(features).first();
        Object x = first.get(0);
        int inputDimension = x instanceof Vector ? ((Vector) x).size() : first.getList(0).size();
        Architecture architecture = Architecture.of(inputDimension, $(widths), $(strides));
        PluginRegistry registry = PluginRegistry.load();
        FlowIntegrator flowIntegrator = registry.integrator($(integrator),
                LcnParams.parameters($(integratorParameters), integratorParameters));
        StopCondition stop = new StopCondition((Double) $(tMax), (Double) $(gradientTolerance), (Long) $(maxSteps));
        double[] w0 = new Initialization.Seeded((Long) $(seed), (Double) $(scale)).filters(architecture);
        FlowRun run;
        try (DistributedRisk risk = DistributedRisk.of(architecture, dataset.toDF(), $(loss),
                LcnParams.parameters($(lossParameters), lossParameters), new DistributedRisk.Options(features,
                        $(labelCol), (Integer) $(partitions), (Integer) $(chunkSamples)))) {
            run = GradientFlow.builder().risk(risk).integrator(flowIntegrator).initialFilters(w0).stop(stop)
                    .recordEvery(Double.isFinite(stop.tMax()) ? stop.tMax() / RECORDED_POINTS : 0.0).build().run();
        }
        LcnRegressionModel model = new LcnRegressionModel(uid);
        model.setTrained(architecture, run);
        model.setColumns(features, $(predictionCol));
        return copyValues(model.setParent(this), ParamMap.empty());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        LcnParams.isVector(schema, $(featuresCol), "inputs");
        LcnParams.isVector(schema, $(labelCol), "targets");
        return LcnRegressionModel.withPrediction(schema, $(featuresCol), $(predictionCol));
    }

    @Override
    public LcnRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** @return the reader of a saved regressor */
    public static MLReader<LcnRegressor> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * @param path where it was saved
     * @return the saved regressor
     */
    public static LcnRegressor load(String path) {
        return read().load(path);
    }

    /** @return the params as set or defaulted, for messages */
    @Override
    public String toString() {
        return "LcnRegressor(" + uid + ", " + Map.of("loss", $(loss), "integrator", $(integrator)) + ")";
    }
}
