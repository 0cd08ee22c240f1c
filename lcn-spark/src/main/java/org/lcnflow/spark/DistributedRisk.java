package org.lcnflow.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.HessianField;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.QuadraticLoss;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.core.endpoint.FinalFilterRisk;
import org.lcnflow.core.endpoint.PatchSums;
import org.lcnflow.core.flow.TrainingRisk;
import org.lcnflow.core.network.ChainHessian;
import org.lcnflow.core.network.PolynomialChain;
import org.lcnflow.core.risk.engine.QuadraticForm;
import org.lcnflow.core.theory.BoundednessBound;
import scala.Tuple2;

/**
 * The empirical risk {@code L(w) = sum_i loss(V x_i, y_i)} (eq. (1.3)) of an LCN over a Spark {@code Dataset}: a
 * {@link GradientField} whose every evaluation is one distributed pass, for data larger than one machine's memory.
 *
 * <p><b>Layout.</b> At construction the rows (columns {@code x} and {@code y}, each an array of doubles or an ML
 * vector; anything Spark reads: Parquet, CSV, ...) are numbered in the data's order, checked (lengths {@code d_0} and
 * {@code d_N}, finite values) and cut into chunks of {@link Options#chunkSamples()} consecutive samples, which are
 * spread over the partitions (consecutive chunks together) and cached in the executors once, never re-parsed. Each
 * chunk's risk is lcn-core's own data pass ({@code EmpiricalRisk} on its samples, built on the executor at its
 * first evaluation).
 *
 * <p><b>A quadratic loss</b> ({@link QuadraticLoss}: the square loss, {@code lp} with {@code p = 2}) makes one pass
 * for the whole flow, at construction: each chunk's sufficient statistics (lagged input products, {@code corr(X, Y)},
 * {@code ||Y||^2}; {@link QuadraticForm#statistics}), added in chunk order, give the quadratic form in the final
 * filter, which every evaluation then uses on the driver ({@link QuadraticForm#fromStatistics}: the gradient as
 * accurate as the statistics, the value to an absolute error of about {@code eps ||Y||^2}). The chunks stay cached
 * for the run's checks (below) until {@link #close()}.
 *
 * <p><b>An evaluation</b> of any other loss ships {@code w} to every chunk, which returns its value and gradient; the driver adds them in
 * chunk order. A chunk computes the same whichever partition holds it, so the value and gradient are the same bits
 * for any number of partitions of the same data; they agree with the in-process {@code EmpiricalRisk} on all the data
 * to rounding (the sums are grouped by chunk).
 *
 * <p><b>A run's checks.</b> As a {@link TrainingRisk} ({@code GradientFlow.builder().risk(distributedRisk)}) it also
 * gives what a run's diagnostics need from the data, from sums over the chunks added on the driver in chunk order (so
 * again the same bits for any partitioning): the boundedness bound (lcn-core's {@code BoundednessBound.InputGram}, one
 * pass for {@code X X^T}, one for {@code ||X^T (X X^T)^{-1}||_1}; the driver receives one {@code d_0 x d_0} matrix per
 * chunk) and the risk as a function of the final filter for the end point's analysis ({@link PatchSums}: one pass
 * per value, gradient or curvature, each a few {@code k_v}-sized numbers per chunk). {@link #analysisPasses()} counts
 * them apart from the flow's {@link #passes()}.
 *
 * <p>Not thread-safe (one evaluation at a time, one run at a time); {@link #close()} releases the cached chunks.
 */
public final class DistributedRisk implements HessianField, TrainingRisk, AutoCloseable {

    private final Architecture architecture;
    private final RiskSpec spec;
    private final JavaRDD<Chunk> chunks;
    private final long samples;
    private final int chunkCount;
    private final int partitions;
    private long passes;
    /** For a quadratic loss: the form from the one pass of statistics, else null; and its work space. */
    private final QuadraticForm form;
    private final PolynomialChain chain;
    private final double[] dv;
    private final double[] e;
    private final double[] product;
    /** The loss, resolved once on the driver (the executors resolve it by name). */
    private final Loss loss;
    /** The quadratic form's {@code H_v = 2 c A} and the chain rule's work space, made at the first Hessian. */
    private double[] formCurvature;
    private ChainHessian chainHessian;
    /** Passes for a run's checks, apart from the flow's. */
    private long analysisPasses;
    private BoundednessBound boundednessBound;

    /**
     * Where the data are and how they are cut. Immutable.
     *
     * @param inputColumn  the inputs' column (array of doubles or ML vector, length {@code d_0})
     * @param targetColumn the targets' column (length {@code d_N})
     * @param partitions   the partitions of the cached chunks, {@code >= 1}, or 0 for the data's own
     * @param chunkSamples samples per chunk, {@code >= 1}: the unit of the fixed chunking
     */
    public record Options(String inputColumn, String targetColumn, int partitions, int chunkSamples) {

        /** Samples per chunk by default: enough for the data pass's long loops, small enough to spread. */
        public static final int DEFAULT_CHUNK_SAMPLES = 4096;

        /** @throws IllegalArgumentException naming the bad value */
        public Options {
            Objects.requireNonNull(inputColumn, "inputColumn is null");
            Objects.requireNonNull(targetColumn, "targetColumn is null");
            if (partitions < 0) {
                throw new IllegalArgumentException("partitions must be >= 0 (0: the data's own), got " + partitions);
            }
            if (chunkSamples < 1) {
                throw new IllegalArgumentException("chunkSamples must be >= 1, got " + chunkSamples);
            }
        }

        /** @return columns {@code x} and {@code y}, the data's partitions, {@value #DEFAULT_CHUNK_SAMPLES} per chunk */
        public static Options defaults() {
            return new Options("x", "y", 0, DEFAULT_CHUNK_SAMPLES);
        }

        /**
         * @param inputs  the inputs' column
         * @param targets the targets' column
         * @return these options with those columns
         */
        public Options withColumns(String inputs, String targets) {
            return new Options(inputs, targets, partitions, chunkSamples);
        }

        /**
         * @param count the partitions, or 0 for the data's own
         * @return these options with that many partitions
         */
        public Options withPartitions(int count) {
            return new Options(inputColumn, targetColumn, count, chunkSamples);
        }

        /**
         * @param count samples per chunk
         * @return these options with that chunk size
         */
        public Options withChunkSamples(int count) {
            return new Options(inputColumn, targetColumn, partitions, count);
        }
    }

    private DistributedRisk(Architecture architecture, RiskSpec spec, JavaRDD<Chunk> chunks, long samples,
                            int chunkCount, int partitions, Loss loss, QuadraticForm form, long passes) {
        this.architecture = architecture;
        this.spec = spec;
        this.chunks = chunks;
        this.samples = samples;
        this.chunkCount = chunkCount;
        this.partitions = partitions;
        this.form = form;
        this.passes = passes;
        this.chain = new PolynomialChain(architecture);
        int k = architecture.finalWidth();
        this.dv = new double[k];
        this.e = new double[k];
        this.product = new double[k];
        this.loss = loss;
    }

    /**
     * Reads, checks, chunks and caches the data (two jobs: a count and the caching pass).
     *
     * @param architecture   the network
     * @param data           the samples, one per row
     * @param loss           the loss's provider name, e.g. {@code pseudo-huber}
     * @param lossParameters its parameters
     * @param options        the columns, partitions and chunk size
     * @return the risk, its chunks cached
     * @throws IllegalArgumentException for a missing column or one of another type, a row whose input or target has
     *                                  the wrong length or a value that is not finite (naming the row, in the data's
     *                                  order from 0), no rows, or an unknown loss
     */
    public static DistributedRisk of(Architecture architecture, org.apache.spark.sql.Dataset<Row> data, String loss,
                                     Parameters lossParameters, Options options) {
        Objects.requireNonNull(architecture, "architecture is null");
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(options, "options is null");
        RiskSpec spec = new RiskSpec(architecture, loss, Objects.requireNonNull(lossParameters,
                "lossParameters is null"));
        Loss resolved = spec.resolveLoss(); // an unknown loss fails here, on the driver
        StructType schema = data.schema();
        String x = options.inputColumn();
        String y = options.targetColumn();
        LcnParams.requireSamples(schema, x, "inputs");
        LcnParams.requireSamples(schema, y, "targets");
        JavaRDD<Row> rows = data.select(x, y).javaRDD();
        long count = Sessions.spark(rows::count);
        if (count == 0) {
            throw new IllegalArgumentException("the data have no rows: at least one sample is needed");
        }
        int size = options.chunkSamples();
        long chunkCount = (count + size - 1) / size;
        if (chunkCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(count + " samples in chunks of " + size + " are more than "
                    + Integer.MAX_VALUE + " chunks: raise chunkSamples");
        }
        int chunksTotal = (int) chunkCount;
        int parts = (int) Math.min(chunksTotal, options.partitions() > 0 ? options.partitions()
                : Math.max(1, rows.getNumPartitions()));
        int d0 = architecture.inputDimension();
        int dN = architecture.outputDimension();
        JavaPairRDD<Integer, Sample> keyed = rows.zipWithIndex().mapToPair(pair -> {
            long index = pair._2();
            Row row = pair._1();
            double[] input = values(row, 0, x, d0, index, "inputs");
            double[] target = values(row, 1, y, dN, index, "targets");
            return new Tuple2<>((int) (index / size), new Sample(index, input, target));
        });
        JavaRDD<Chunk> chunks = keyed.partitionBy(new ChunkRanges(chunksTotal, parts))
                .mapPartitions(DistributedRisk::toChunks, true);
        chunks.persist(StorageLevel.MEMORY_ONLY());
        long built = Sessions.spark(chunks::count);
        if (built != chunksTotal) {
            chunks.unpersist(false);
            throw new IllegalStateException("built " + built + " chunks of " + chunksTotal);
        }
        if (resolved instanceof QuadraticLoss) {
            // the normal equations: one pass of statistics for the whole flow, then the form on the driver
            List<Tuple2<Integer, QuadraticForm.Statistics>> collected = Sessions.spark(() -> chunks
                    .map(c -> new Tuple2<>(c.index, c.statistics(spec))).collect());
            QuadraticForm.Statistics[] byChunk = new QuadraticForm.Statistics[chunksTotal];
            for (Tuple2<Integer, QuadraticForm.Statistics> p : collected) {
                byChunk[p._1()] = p._2();
            }
            QuadraticForm.Statistics sum = byChunk[0];
            for (int c = 1; c < chunksTotal; c++) {
                sum.add(byChunk[c]);
            }
            QuadraticForm form = QuadraticForm.fromStatistics(sum, ((QuadraticLoss) resolved).coefficient());
            return new DistributedRisk(architecture, spec, chunks, count, chunksTotal, parts, resolved, form, 1);
        }
        return new DistributedRisk(architecture, spec, chunks, count, chunksTotal, parts, resolved, null, 0);
    }

    /** One checked sample with its place in the data's order. */
    private record Sample(long index, double[] input, double[] target) implements java.io.Serializable {
    }

    /** The chunks of one partition from its samples, each chunk's samples in the data's order. */
    private static Iterator<Chunk> toChunks(Iterator<Tuple2<Integer, Sample>> samples) {
        TreeMap<Integer, List<Sample>> byChunk = new TreeMap<>();
        while (samples.hasNext()) {
            Tuple2<Integer, Sample> s = samples.next();
            byChunk.computeIfAbsent(s._1(), k -> new ArrayList<>()).add(s._2());
        }
        List<Chunk> made = new ArrayList<>(byChunk.size());
        byChunk.forEach((index, list) -> {
            list.sort(Comparator.comparingLong(Sample::index));
            double[][] inputs = new double[list.size()][];
            double[][] targets = new double[list.size()][];
            for (int i = 0; i < list.size(); i++) {
                inputs[i] = list.get(i).input();
                targets[i] = list.get(i).target();
            }
            made.add(new Chunk(index, list.get(0).index(), inputs, targets));
        });
        return made.iterator();
    }

    /** Consecutive chunks to one partition: chunk {@code c} of {@code n} to partition {@code c p / n}. */
    private static final class ChunkRanges extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int chunks;
        private final int parts;

        ChunkRanges(int chunks, int parts) {
            this.chunks = chunks;
            this.parts = parts;
        }

        @Override
        public int numPartitions() {
            return parts;
        }

        @Override
        public int getPartition(Object key) {
            return (int) ((long) (Integer) key * parts / chunks);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ChunkRanges && ((ChunkRanges) other).chunks == chunks
                    && ((ChunkRanges) other).parts == parts;
        }

        @Override
        public int hashCode() {
            return 31 * chunks + parts;
        }
    }

    /** @return the column's values in the row (a vector, an array of doubles or text of numbers), checked */
    static double[] values(Row row, int field, String column, int length, long index, String what) {
        if (row.isNullAt(field)) {
            throw new IllegalArgumentException("row " + index + ": column '" + column + "' (the " + what
                    + ") is null");
        }
        Object value = row.get(field);
        double[] values;
        if (value instanceof Vector) {
            values = ((Vector) value).toArray();
        } else if (value instanceof String) {
            values = parse((String) value, column, index, what);
        } else {
            List<Object> list = row.getList(field);
            values = new double[list.size()];
            for (int i = 0; i < values.length; i++) {
                Object v = list.get(i);
                if (v == null) {
                    throw new IllegalArgumentException("row " + index + ": column '" + column + "' (the " + what
                            + ") has a null at position " + i);
                }
                values[i] = (Double) v;
            }
        }
        if (values.length != length) {
            throw new IllegalArgumentException("row " + index + ": column '" + column + "' (the " + what + ") has "
                    + values.length + " values, the architecture needs " + length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("row " + index + ": column '" + column + "' (the " + what
                        + ") has " + values[i] + " at position " + i + ": every value must be finite");
            }
        }
        return values;
    }

    private static double[] parse(String text, String column, long index, String what) {
        String trimmed = text.trim();
        String[] tokens = trimmed.isEmpty() ? new String[0] : trimmed.split("[\\s,;]+");
        double[] values = new double[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            try {
                values[i] = Double.parseDouble(tokens[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("row " + index + ": column '" + column + "' (the " + what
                        + ") has '" + tokens[i] + "' at position " + i + ", which is not a number");
            }
        }
        return values;
    }

    /** @return {@code sum k_i} */
    @Override
    public int dimension() {
        return architecture.parameterCount();
    }

    /**
     * One distributed pass: each chunk's value and gradient at {@code w}, added on the driver in chunk order.
     *
     * @throws IllegalArgumentException when {@code w} or {@code gradient} has the wrong length
     */
    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        int n = dimension();
        if (w.length != n || gradient.length != n) {
            throw new IllegalArgumentException("w and gradient must have length sum k_i = " + n + " for "
                    + architecture + ", got " + w.length + " and " + gradient.length);
        }
        if (form != null) {
            double[] v = chain.forward(w);
            double value = form.evaluate(v, dv, e, product);
            chain.backward(w, dv, gradient);
            return value;
        }
        double[] sum = pass(w, false);
        System.arraycopy(sum, 1, gradient, 0, n);
        return sum[0];
    }

    /**
     * One distributed pass: every chunk's {@code [L_c, dL_c/dw...]} (and with {@code hessian} its Hessian after),
     * added entry by entry on the driver in chunk order, so the same bits for any partitioning.
     */
    private double[] pass(double[] w, boolean hessian) {
        final RiskSpec s = spec;
        final double[] point = w.clone();
        List<Tuple2<Integer, double[]>> parts = Sessions.spark(() -> chunks
                .map(c -> new Tuple2<>(c.index, hessian ? c.evaluateWithHessian(s, point) : c.evaluate(s, point)))
                .collect());
        passes++;
        double[][] byChunk = new double[chunkCount][];
        for (Tuple2<Integer, double[]> p : parts) {
            byChunk[p._1()] = p._2();
        }
        double[] sum = new double[byChunk[0].length];
        for (double[] r : byChunk) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += r[j];
            }
        }
        return sum;
    }

    /** @return whether the loss is a {@link SeparableLoss}, whose {@code phi''} gives the Hessian */
    @Override
    public boolean hasHessian() {
        return loss instanceof SeparableLoss;
    }

    /**
     * The exact Hessian, as lcn-core's {@code EmpiricalRisk} computes it: for a quadratic loss from the form on the
     * driver (no pass), otherwise one distributed pass in which each chunk gives its value, gradient and Hessian,
     * added on the driver in chunk order (the same bits for any partitioning).
     *
     * @throws UnsupportedOperationException for a loss that is not separable
     */
    @Override
    public double valueGradientAndHessian(double[] w, double[] gradient, double[] hessian) {
        if (!(loss instanceof SeparableLoss)) {
            throw new UnsupportedOperationException("the Hessian needs the loss's phi'', but " + spec.lossName()
                    + " is not a SeparableLoss");
        }
        int n = dimension();
        if (w.length != n || gradient.length != n || hessian.length != n * n) {
            throw new IllegalArgumentException("w, gradient and hessian must have lengths " + n + ", " + n + " and "
                    + n * n + " for " + architecture + ", got " + w.length + ", " + gradient.length + " and "
                    + hessian.length);
        }
        if (form != null) {
            double value = valueAndGradient(w, gradient); // leaves dL/dv in dv
            if (formCurvature == null) {
                double twoC = 2.0 * ((QuadraticLoss) loss).coefficient();
                formCurvature = form.gram();
                for (int i = 0; i < formCurvature.length; i++) {
                    formCurvature[i] *= twoC;
                }
                chainHessian = new ChainHessian(architecture);
            }
            chainHessian.hessian(w, dv, formCurvature, hessian);
            return value;
        }
        double[] sum = pass(w, true);
        System.arraycopy(sum, 1, gradient, 0, n);
        System.arraycopy(sum, 1 + n, hessian, 0, n * n);
        return sum[0];
    }

    /**
     * @return the distributed passes so far: one per evaluation, or for a quadratic loss one in all (the statistics,
     *         at construction)
     */
    public long passes() {
        return passes;
    }

    /** @return the passes for a run's checks so far (the boundedness bound, the end point's analysis) */
    public long analysisPasses() {
        return analysisPasses;
    }

    /** @return the loss, resolved on the driver */
    @Override
    public Loss loss() {
        return loss;
    }

    /** @return this risk: a run evaluates it on the caller's thread, one run at a time */
    @Override
    public HessianField field() {
        return this;
    }

    /**
     * The bound's ingredients from two passes (the first time only): each chunk's Gram matrix {@code X X^T}, added in
     * chunk order, then each chunk's part of {@code ||X^T (X X^T)^{-1}||_1}.
     */
    @Override
    public BoundednessBound boundednessBound() {
        if (boundednessBound == null) {
            List<BoundednessBound.InputGram> grams = byChunk(Chunk::inputGram);
            BoundednessBound.InputGram gram = grams.get(0);
            for (int c = 1; c < grams.size(); c++) {
                gram = gram.add(grams.get(c));
            }
            double scale = gram.scale();
            boundednessBound = BoundednessBound.of(loss, gram, solve -> {
                double sum = 0.0;
                for (double part : byChunk(c -> c.solvedL1(solve, scale))) {
                    sum += part;
                }
                return sum;
            });
        }
        return boundednessBound;
    }

    /** @return the risk as a function of the final filter, each of its sums one pass over the chunks */
    @Override
    public FinalFilterRisk finalFilterRisk() {
        RiskSpec s = spec;
        return PatchSums.risk(new PatchSums.Source() {
            @Override
            public Architecture architecture() {
                return architecture;
            }

            @Override
            public Loss loss() {
                return loss;
            }

            @Override
            public double value(double[] v) {
                double[] point = v.clone();
                double sum = 0.0;
                for (double part : byChunk(c -> c.finalFilterValue(s, point))) {
                    sum += part;
                }
                return sum;
            }

            @Override
            public double[] gradient(double[] v) {
                double[] point = v.clone();
                double[] sum = new double[v.length];
                for (double[] part : byChunk(c -> c.finalFilterGradient(s, point))) {
                    for (int n = 0; n < sum.length; n++) {
                        sum[n] += part[n];
                    }
                }
                return sum;
            }

            @Override
            public PatchSums.Curvature curvature(double[] v) {
                double[] point = v.clone();
                List<PatchSums.Curvature> parts = byChunk(c -> c.curvature(s, point));
                PatchSums.Curvature sum = parts.get(0);
                for (int c = 1; c < parts.size(); c++) {
                    sum = sum.add(parts.get(c));
                }
                return sum;
            }

            @Override
            public PatchSums.Moments moments() {
                List<PatchSums.Moments> parts = byChunk(c -> c.moments(s));
                PatchSums.Moments sum = parts.get(0);
                for (int c = 1; c < parts.size(); c++) {
                    sum = sum.add(parts.get(c));
                }
                return sum;
            }
        });
    }

    /** @return one pass for a run's checks: every chunk's result, in chunk order */
    private <T> List<T> byChunk(org.apache.spark.api.java.function.Function<Chunk, T> work) {
        List<Tuple2<Integer, T>> parts = Sessions.spark(() -> chunks.map(c -> new Tuple2<>(c.index, work.call(c)))
                .collect());
        analysisPasses++;
        List<T> ordered = new ArrayList<>(java.util.Collections.nCopies(chunkCount, null));
        for (Tuple2<Integer, T> p : parts) {
            ordered.set(p._1(), p._2());
        }
        return ordered;
    }

    /** @return the number of samples {@code m} */
    @Override
    public long sampleCount() {
        return samples;
    }

    /** @return the number of chunks */
    public int chunkCount() {
        return chunkCount;
    }

    /** @return the partitions the chunks are cached in */
    public int partitions() {
        return partitions;
    }

    /** @return the architecture */
    @Override
    public Architecture architecture() {
        return architecture;
    }

    /** Releases the cached chunks. */
    @Override
    public void close() {
        chunks.unpersist(false);
    }

    @Override
    public String toString() {
        return "DistributedRisk(" + architecture + ", samples=" + samples + ", loss=" + spec.lossName() + ", chunks="
                + chunkCount + ", partitions=" + partitions + ")";
    }
}
