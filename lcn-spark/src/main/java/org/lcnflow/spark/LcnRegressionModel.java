package org.lcnflow.spark;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.BooleanParam;
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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.FlowResult;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.theory.Diagnostics;
import org.lcnflow.core.network.FinalFilter;

/**
 * A trained LCN as a Spark ML {@code Model}: {@link #transform} maps the input column to the network's output
 * {@code V x}, the valid stride-{@code s_v} convolution with the final filter (Prop. 2.1), into
 * {@code predictionCol} (an ML vector for vector input, an array of doubles for arrays). It keeps the architecture,
 * the layer filters ({@link #layerFilters()}), the final filter ({@link #finalFilter()}) and the run's diagnostics
 * ({@link #stopReason()}, {@link #trainingLoss()}, {@link #gradientNorm()}, {@link #steps()}, {@link #evaluations()},
 * {@link #time()}; and the theory's checks on the run: {@link #endPoint()} with {@link #endPointReason()} (saddle,
 * local or certified global minimum), {@link #lossMonotone()}, {@link #balancednessDrift()},
 * {@link #boundednessHolds()}), all as params, so that {@code DefaultParamsWritable} saves them and {@link #load} restores them.
 */
public class LcnRegressionModel extends Model<LcnRegressionModel> implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private final IntParam inputDimension;
    private final IntArrayParam widths;
    private final IntArrayParam strides;
    private final DoubleArrayParam filters;
    private final Param<String> stopReason;
    private final DoubleParam trainingLoss;
    private final DoubleParam gradientNorm;
    private final DoubleParam time;
    private final LongParam steps;
    private final LongParam evaluations;
    private final Param<String> endPoint;
    private final Param<String> endPointReason;
    private final BooleanParam lossMonotone;
    private final DoubleParam balancednessDrift;
    private final BooleanParam boundednessHolds;

    /** With a random uid (for a reader). */
    public LcnRegressionModel() {
        this(Identifiable.randomUID("lcnRegressionModel"));
    }

    /** @param uid the model's uid, as its estimator's */
    public LcnRegressionModel(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "the inputs' column: array of doubles or ML vector");
        predictionCol = new Param<>(this, "predictionCol", "the outputs' column V x");
        inputDimension = new IntParam(this, "inputDimension", "d_0, the length of an input");
        widths = new IntArrayParam(this, "widths", "the layers' filter widths k_i");
        strides = new IntArrayParam(this, "strides", "the layers' strides s_i");
        filters = new DoubleArrayParam(this, "layerFilters", "the trained layer filters, concatenated");
        stopReason = new Param<>(this, "stopReason", "why the flow stopped");
        trainingLoss = new DoubleParam(this, "trainingLoss", "L(w) at the end of the flow");
        gradientNorm = new DoubleParam(this, "gradientNorm", "||grad L(w)|| at the end of the flow");
        time = new DoubleParam(this, "time", "the flow's time t at its end");
        steps = new LongParam(this, "steps", "the accepted steps of the flow");
        evaluations = new LongParam(this, "evaluations", "the gradient evaluations of the flow");
        endPoint = new Param<>(this, "endPoint", "where the flow ended: the end point's verdict");
        endPointReason = new Param<>(this, "endPointReason", "why the end point has its verdict");
        lossMonotone = new BooleanParam(this, "lossMonotone", "whether L decreased at every accepted step");
        balancednessDrift = new DoubleParam(this, "balancednessDrift", "the largest relative drift of the"
                + " conserved ||w_(i+1)||^2 - ||w_i||^2 along the run (eq. (3.2))");
        boundednessHolds = new BooleanParam(this, "boundednessHolds", "whether ||v(t)||_1 stayed within the bound"
                + " of Lemma 3.6 at every accepted step (false also when the bound is not known)");
        setDefault(featuresCol, "x");
        setDefault(predictionCol, "prediction");
    }

    @Override
    public String uid() {
        return uid;
    }

    void setTrained(Architecture architecture, FlowRun run) {
        setTrained(architecture, run.result());
        Diagnostics d = run.diagnostics();
        set(endPoint, d.endPoint().verdict().name());
        set(endPointReason, d.endPoint().reason());
        set(lossMonotone, d.monotonicity().isMonotone());
        set(balancednessDrift, d.balancedness().largestRelativeDrift());
        set(boundednessHolds, d.boundedness().holds());
    }

    private void setTrained(Architecture architecture, FlowResult result) {
        set(inputDimension, architecture.inputDimension());
        set(widths, architecture.widths());
        set(strides, architecture.strides());
        set(filters, result.parameters());
        set(stopReason, result.stopReason().name());
        set(trainingLoss, result.value());
        set(gradientNorm, result.gradientNorm());
        set(time, result.time());
        set(steps, result.steps());
        set(evaluations, result.evaluations());
    }

    void setColumns(String features, String prediction) {
        set(featuresCol, features);
        set(predictionCol, prediction);
    }

    /** @return the param */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** @return the param */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** @return the param (Spark ML finds a stage's params by their public getters) */
    public DoubleArrayParam layerFiltersParam() {
        return filters;
    }

    /** @return the param */
    public IntParam inputDimensionParam() {
        return inputDimension;
    }

    /** @return the param */
    public IntArrayParam widthsParam() {
        return widths;
    }

    /** @return the param */
    public IntArrayParam stridesParam() {
        return strides;
    }

    /** @return the param */
    public Param<String> stopReasonParam() {
        return stopReason;
    }

    /** @return the param */
    public DoubleParam trainingLossParam() {
        return trainingLoss;
    }

    /** @return the param */
    public DoubleParam gradientNormParam() {
        return gradientNorm;
    }

    /** @return the param */
    public DoubleParam timeParam() {
        return time;
    }

    /** @return the param */
    public LongParam stepsParam() {
        return steps;
    }

    /** @return the param */
    public LongParam evaluationsParam() {
        return evaluations;
    }

    /** @return the param */
    public Param<String> endPointParam() {
        return endPoint;
    }

    /** @return the param */
    public Param<String> endPointReasonParam() {
        return endPointReason;
    }

    /** @return the param */
    public BooleanParam lossMonotoneParam() {
        return lossMonotone;
    }

    /** @return the param */
    public DoubleParam balancednessDriftParam() {
        return balancednessDrift;
    }

    /** @return the param */
    public BooleanParam boundednessHoldsParam() {
        return boundednessHolds;
    }

    /** @return where the flow ended, e.g. {@code GLOBAL_MINIMUM_CERTIFIED} or {@code STRICT_SADDLE} */
    public String endPoint() {
        return $(endPoint);
    }

    /** @return why the end point has its verdict */
    public String endPointReason() {
        return $(endPointReason);
    }

    /** @return whether the loss decreased at every accepted step (to rounding) */
    public boolean lossMonotone() {
        return (Boolean) $(lossMonotone);
    }

    /** @return the largest relative drift of the conserved balancedness along the run */
    public double balancednessDrift() {
        return (Double) $(balancednessDrift);
    }

    /** @return whether the final filter stayed within the bound of Lemma 3.6 at every accepted step */
    public boolean boundednessHolds() {
        return (Boolean) $(boundednessHolds);
    }

    /** @return the architecture */
    public Architecture architecture() {
        return Architecture.of((Integer) $(inputDimension), $(widths), $(strides));
    }

    /** @return the trained layer filters, concatenated (a copy) */
    public double[] layerFilters() {
        return $(filters).clone();
    }

    /** @return the final filter {@code v} of the trained network */
    public FinalFilter finalFilter() {
        return FinalFilter.of(architecture(), $(filters));
    }

    /** @return why the flow stopped, e.g. {@code GRADIENT_TOLERANCE} */
    public String stopReason() {
        return $(stopReason);
    }

    /** @return {@code L(w)} at the end of the flow */
    public double trainingLoss() {
        return (Double) $(trainingLoss);
    }

    /** @return {@code ||grad L(w)||} at the end of the flow */
    public double gradientNorm() {
        return (Double) $(gradientNorm);
    }

    /** @return the flow's end time */
    public double time() {
        return (Double) $(time);
    }

    /** @return the accepted steps */
    public long steps() {
        return (Long) $(steps);
    }

    /** @return the gradient evaluations */
    public long evaluations() {
        return (Long) $(evaluations);
    }

    /** @return {@code V x} of one input, as the model's {@link #transform} computes it */
    public double[] predict(double[] x) {
        return apply(finalFilter().coefficients(), architecture().finalStride(), architecture().outputDimension(), x);
    }

    private static double[] apply(double[] v, int stride, int outputs, double[] x) {
        double[] z = new double[outputs];
        for (int j = 0; j < outputs; j++) {
            double sum = 0.0;
            for (int n = 0; n < v.length; n++) {
                sum += v[n] * x[j * stride + n];
            }
            z[j] = sum;
        }
        return z;
    }

    @Override
    public org.apache.spark.sql.Dataset<Row> transform(org.apache.spark.sql.Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema());
        boolean vector = LcnParams.isVector(dataset.schema(), $(featuresCol), "inputs");
        Architecture a = architecture();
        final double[] v = finalFilter().coefficients();
        final int stride = a.finalStride();
        final int outputs = a.outputDimension();
        final int d0 = a.inputDimension();
        // the UDF captures plain values, not the model
        UserDefinedFunction network = functions.udf((UDF1<Vector, Vector>) x -> {
            if (x.size() != d0) {
                throw new IllegalArgumentException("an input has " + x.size() + " values, the network needs " + d0);
            }
            return Vectors.dense(apply(v, stride, outputs, x.toArray()));
        }, new VectorUDT());
        Column input = functions.col($(featuresCol));
        Column output = network.apply(vector ? input : org.apache.spark.ml.functions.array_to_vector(input));
        if (!vector) {
            output = org.apache.spark.ml.functions.vector_to_array(output, "float64");
        }
        org.apache.spark.sql.Dataset<Row> result = dataset.withColumn($(predictionCol), output);
        assert result.schema().size() == schema.size();
        return result;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return withPrediction(schema, $(featuresCol), $(predictionCol));
    }

    /** @return the schema with the prediction column added, of the input column's kind */
    static StructType withPrediction(StructType schema, String features, String prediction) {
        boolean vector = LcnParams.isVector(schema, features, "inputs");
        if (java.util.Arrays.asList(schema.fieldNames()).contains(prediction)) {
            throw new IllegalArgumentException("the data already have a column '" + prediction
                    + "': name the predictions' column otherwise (predictionCol)");
        }
        return schema.add(prediction, vector ? new VectorUDT()
                : DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    }

    @Override
    public LcnRegressionModel copy(ParamMap extra) {
        return copyValues(new LcnRegressionModel(uid), extra).setParent(parent());
    }

    /** @return the reader of a saved model */
    public static MLReader<LcnRegressionModel> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * @param path where it was saved
     * @return the saved model
     */
    public static LcnRegressionModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "LcnRegressionModel(" + uid + ", " + (isDefined(filters) ? architecture() + ", " + stopReason()
                : "untrained") + ")";
    }
}
