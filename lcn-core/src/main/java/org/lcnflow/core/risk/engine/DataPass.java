package org.lcnflow.core.risk.engine;

import java.util.Arrays;
import org.lcnflow.api.Loss;
import org.lcnflow.api.SeparableLoss;

/**
 * One pass over the data per evaluation, through the final filter: for every block of
 * {@link SampleBlocks#lanes} samples, {@code Z = conv(X, v)}, then {@code G = dloss/dZ} (for a separable
 * loss {@code phi'(Z - Y)}, lane by lane), then {@code dL/dv = corr(X, G)}. Every inner loop runs over the
 * lanes of rows with a common index, so that the JIT can vectorize it (JDK 17's C2 does not for every loop of
 * this layout: see {@link RowGroups} for what it refuses). Below {@value SampleBlocks#WIDE_FROM} samples a
 * separable loss runs on the {@link RowGroups} layout instead, whose loops are four times as long. A separable
 * loss is evaluated through its bulk form {@link SeparableLoss#phiAndPrime}, with the block's bound on the
 * residuals ({@link SampleBlocks#residualBound}). With the Vector API ({@link VectorSupport}) a separable loss
 * on the wide blocks runs on {@link VectorKernels} instead, a single filter as a batch of one
 * ({@link #evaluate(double[][], double[][], double[], int)}): the same chains for a filter alone and in a batch.
 *
 * <p><b>Fixed chunking.</b> A block is a chunk. Each block's value and {@code dL/dv} are summed in lane
 * order into the block's own slot, and the slots are added in block order. Which thread computes which
 * block does not matter, so the result is bit for bit the same with any number of threads. Passes of at
 * least {@link #PARALLEL_MULTIPLY_ADDS} multiply-adds are split over the {@link ChunkPool}; smaller ones
 * run on the caller's thread alone, and those in the {@link RowGroups} layout then sum the lanes of all full
 * blocks at once (see {@code groupedPass}): a fixed order too, chosen by the data's size, not the threads.
 *
 * <p>Allocates nothing per evaluation. Not thread-safe: one per thread (each has its own work space).
 */
public final class DataPass {

    /** Below this many multiply-adds per pass, threads cost more than they save. */
    static final double PARALLEL_MULTIPLY_ADDS = 1 << 18;

    private final SampleBlocks data;
    private final Loss loss;
    private final SeparableLoss separable;
    /** The row-group layout for a separable loss on a small problem, else null. */
    private final RowGroups groups;
    private final int width;
    private final int outputDimension;
    private final int stride;
    private final double[] blockValues;
    private final double[] blockGradients;
    private final Scratch[] scratch;
    private final ChunkPool.Job job;
    private final int threads;
    /**
     * Whether a pass accumulates the full blocks' lanes across blocks ({@code groupedPass}): for the row-group layout
     * below {@link #PARALLEL_MULTIPLY_ADDS}, which always runs on one thread. Decided by the data's size alone, so the
     * order of the sums, and the bits, do not depend on the number of threads.
     */
    private final boolean acrossBlocks;
    /** Whether the blocks of a separable loss run on {@link VectorKernels} ({@link VectorSupport}). */
    private final boolean vector;

    /** The filters of the current batch ({@link #evaluate(double[][], double[][], double[], int)}), their count and norms. */
    private double[][] batchFilters;
    private int batchCount;
    /** Whether the current batch wants the gradients, not the values alone. */
    private boolean batchGradients;
    private double[] batchNorms = new double[0];
    /** Per filter of a batch: each block's value, and its {@code dL/dv} in the block's row. */
    private double[][] batchBlockValues = new double[0][];
    private double[][] batchBlockGradients = new double[0][];
    private BatchScratch[] batchScratch;
    private final ChunkPool.Job batchJob;
    /** A single pass's filter, gradient and value as a batch of one. */
    private final double[][] oneFilter = new double[1][];
    private final double[][] oneGradient = new double[1][];
    private final double[] oneValue = new double[1];

    /** The final filter of the current evaluation, read by every thread that helps. */
    private double[] filter;
    /** {@code ||v||_1} of the current evaluation: with the data it bounds the residuals of each block. */
    private double filterNorm;
    private boolean withGradient;

    /**
     * @param data    the data
     * @param loss    the loss
     * @param threads the most threads to use, {@code >= 1}; the results do not depend on it
     */
    public DataPass(SampleBlocks data, Loss loss, int threads) {
        this(data, loss, threads, VectorSupport.enabled());
    }

    /**
     * @param data    the data
     * @param loss    the loss
     * @param threads the most threads to use, {@code >= 1}; the results do not depend on it
     * @param vector  whether the blocks of a separable loss use the Vector API kernels (where
     *                {@link VectorSupport#enabled()})
     */
    public DataPass(SampleBlocks data, Loss loss, int threads, boolean vector) {
        this.vector = vector && VectorSupport.enabled();
        this.data = data;
        this.loss = loss;
        this.separable = loss instanceof SeparableLoss ? (SeparableLoss) loss : null;
        this.groups = separable != null ? data.rowGroups : null;
        this.width = data.width;
        this.outputDimension = data.outputDimension;
        this.stride = data.stride;
        this.blockValues = new double[data.blockCount];
        this.blockGradients = new double[data.blockCount * width];
        boolean parallel = threads > 1 && data.blockCount > 1 && data.multiplyAdds() >= PARALLEL_MULTIPLY_ADDS
                && ChunkPool.shared().workerCount() > 0; // the pool starts only when it is needed
        this.threads = parallel ? Math.min(threads, Math.min(data.blockCount, ChunkPool.shared().workerCount() + 1))
                : 1;
        this.acrossBlocks = groups != null && data.multiplyAdds() < PARALLEL_MULTIPLY_ADDS;
        this.scratch = new Scratch[this.threads];
        int tail = data.tailTargets != null ? data.tailTargets.length : 0;
        // where every pass is a batch, a thread's scratch serves the tail block alone, and no pass runs block()
        boolean batched = batches();
        for (int i = 0; i < this.threads; i++) {
            scratch[i] = groups != null ? new Scratch(groups, width, tail)
                    : batched ? new Scratch(0, 0, 0, tail) : new Scratch(outputDimension, width, data.lanes, tail);
        }
        this.job = parallel && !batched ? ChunkPool.shared().job(this::block, data.blockCount, this.threads) : null;
        this.batchJob = parallel && batched ? ChunkPool.shared().job(this::batchBlock, data.blockCount, this.threads)
                : null;
        this.batchScratch = new BatchScratch[this.threads];
    }

    /**
     * @return whether {@link #evaluate(double[][], double[][], double[], int)} serves many filters with one pass: a
     *         separable loss on blocks of the wide layout with the Vector API kernels; elsewhere it evaluates the
     *         filters one after the other (the same bits either way)
     */
    public boolean batches() {
        return vector && separable != null && groups == null && !acrossBlocks;
    }

    /**
     * Several final filters in one pass over the data (each block's inputs loaded once for all of them, four filters at
     * a time sharing each input vector): for every filter exactly the bits {@link #evaluate(double[], double[])} gives
     * it alone, since its sums are the same chains in the same order. Allocates only at the first batch of a size.
     *
     * @param filters   the final filters, {@code count} of them, each of length {@code k_v}
     * @param gradients receive {@code dL/dv} of each
     * @param values    receive {@code L} of each
     * @param count     how many
     */
    public void evaluate(double[][] filters, double[][] gradients, double[] values, int count) {
        if (!batches()) {
            for (int f = 0; f < count; f++) {
                values[f] = evaluate(filters[f], gradients[f]);
            }
            return;
        }
        batch(filters, gradients, values, count);
    }

    /** The batched pass over the blocks; {@code gradients} null for the values alone. */
    private void batch(double[][] filters, double[][] gradients, double[] values, int count) {
        if (batchNorms.length < count) {
            batchNorms = new double[count];
            batchBlockValues = new double[count][data.blockCount];
            batchBlockGradients = new double[count][data.blockCount * width];
        }
        for (int f = 0; f < count; f++) {
            double norm = 0.0;
            for (double vn : filters[f]) {
                norm += Math.abs(vn);
            }
            batchNorms[f] = norm;
        }
        batchFilters = filters;
        batchCount = count;
        batchGradients = gradients != null;
        try {
            if (batchJob != null) {
                batchJob.run();
            } else {
                for (int b = 0; b < data.blockCount; b++) {
                    batchBlock(b, 0);
                }
            }
        } finally {
            batchFilters = null;
        }
        for (int f = 0; f < count; f++) {
            double value = 0.0;
            double[] blocks = batchBlockValues[f];
            for (int b = 0; b < data.blockCount; b++) {
                value += blocks[b];
            }
            values[f] = value;
            if (gradients == null) {
                continue;
            }
            double[] gradient = gradients[f];
            double[] rows = batchBlockGradients[f];
            Arrays.fill(gradient, 0.0);
            for (int b = 0; b < data.blockCount; b++) {
                int base = b * width;
                for (int n = 0; n < width; n++) {
                    gradient[n] += rows[base + n];
                }
            }
        }
    }

    /** Block {@code b} for every filter of the batch: as {@link #block} makes it for each alone. */
    private void batchBlock(int b, int slot) {
        final int count = batchCount;
        final double[][] filters = batchFilters;
        final boolean gradient = batchGradients;
        if (data.tailPatches != null && b == data.blockCount - 1) {
            // the tail's own kernel, filter by filter (its results go through the single pass's slots of this block)
            Scratch s = scratch[slot];
            for (int f = 0; f < count; f++) {
                tailBlock(b, s, filters[f], batchNorms[f], gradient);
                batchBlockValues[f][b] = blockValues[b];
                if (gradient) {
                    System.arraycopy(blockGradients, b * width, batchBlockGradients[f], b * width, width);
                }
            }
            return;
        }
        BatchScratch s = batchScratch[slot];
        if (s == null) {
            s = new BatchScratch(BATCH_GROUP, width, data.lanes);
            batchScratch[slot] = s;
        }
        final double[][] x = data.inputs[b];
        final double[][] y = data.targets[b];
        final int lanes = data.lanes;
        final int valid = data.lanes(b);
        final int base = b * width;
        // a few filters at a time, so that their work space stays in the caches with the block's inputs
        for (int from = 0; from < count; from += BATCH_GROUP) {
            final int group = Math.min(BATCH_GROUP, count - from);
            for (int f = 0; f < group; f++) {
                Arrays.fill(s.values[f], 0.0);
                if (gradient) {
                    for (double[] an : s.accumulators[f]) {
                        Arrays.fill(an, 0.0);
                    }
                }
            }
            for (int j0 = 0; j0 < outputDimension; j0 += BATCH_ROWS) {
                final int rows = Math.min(BATCH_ROWS, outputDimension - j0);
                final int length = rows * lanes;
                VectorKernels.residualsBatch(s.z, y, x, j0, rows, stride, filters, from, group, width, lanes);
                for (int f = 0; f < group; f++) {
                    // the loss of all the rows' residuals at once, its values then added to each lane's row by row
                    Arrays.fill(s.phi, 0, length, 0.0);
                    separable.phiAndPrime(s.z[f], s.phi, length, data.residualBound(batchNorms[from + f], b));
                    VectorKernels.addRows(s.values[f], s.phi, rows, lanes);
                    if (gradient && valid < lanes) {
                        VectorKernels.clearPadding(s.z[f], rows, valid, lanes);
                    }
                }
                if (gradient) {
                    VectorKernels.accumulateBatch(s.accumulators, s.z, x, j0, rows, stride, group, width, lanes);
                }
            }
            for (int f = 0; f < group; f++) {
                final double[] values = s.values[f];
                double value = 0.0;
                for (int i = 0; i < valid; i++) {
                    value += values[i];
                }
                batchBlockValues[from + f][b] = value;
                if (!gradient) {
                    continue;
                }
                final double[][] acc = s.accumulators[f];
                for (int n = 0; n < width; n++) {
                    final double[] an = acc[n];
                    double sum = 0.0;
                    for (int i = 0; i < lanes; i++) {
                        sum += an[i];
                    }
                    batchBlockGradients[from + f][base + n] = sum;
                }
            }
        }
    }

    /** Filters of a batch that share the block's work at a time (the kernels' four, twice). */
    static final int BATCH_GROUP = 8;

    /**
     * Output rows of a batch's filters whose residuals are made before they are correlated with the inputs: the
     * accumulators of four filters and four taps stay in registers across as many rows.
     */
    static final int BATCH_ROWS = 16;

    /** The work space of one thread for a batch of filters. */
    private static final class BatchScratch {
        /** Per filter: the residuals, then their derivatives, of {@link #BATCH_ROWS} rows as panels ({@link VectorKernels}). */
        final double[][] z;
        /** The loss values of one filter's panel. */
        final double[] phi;
        final double[][][] accumulators;
        final double[][] values;

        BatchScratch(int count, int width, int lanes) {
            z = new double[count][BATCH_ROWS * lanes];
            phi = new double[BATCH_ROWS * lanes];
            accumulators = new double[count][width][lanes];
            values = new double[count][lanes];
        }
    }

    /** @return the number of threads a pass uses */
    public int threads() {
        return threads;
    }

    /**
     * @param v        the final filter, length {@code k_v}
     * @param gradient receives {@code dL/dv}, length {@code k_v}; null for the value alone
     * @return {@code L = sum_i loss(V x_i, y_i)}
     */
    public double evaluate(double[] v, double[] gradient) {
        if (batches()) {
            // a batch of one: the kernels of many filters serve one as well, with the same chains
            oneFilter[0] = v;
            oneGradient[0] = gradient;
            try {
                batch(oneFilter, gradient != null ? oneGradient : null, oneValue, 1);
            } finally {
                oneFilter[0] = null;
                oneGradient[0] = null;
            }
            return oneValue[0];
        }
        filter = v;
        double norm = 0.0;
        for (double vn : v) {
            norm += Math.abs(vn);
        }
        filterNorm = norm;
        withGradient = gradient != null;
        if (acrossBlocks) {
            try {
                return groupedPass(v, gradient);
            } finally {
                filter = null;
            }
        }
        try {
            if (job != null) {
                job.run();
            } else {
                for (int b = 0; b < data.blockCount; b++) {
                    block(b, 0);
                }
            }
        } finally {
            filter = null;
        }
        double value = 0.0;
        for (int b = 0; b < data.blockCount; b++) {
            value += blockValues[b];
        }
        if (gradient != null) {
            Arrays.fill(gradient, 0.0);
            for (int b = 0; b < data.blockCount; b++) {
                int base = b * width;
                for (int n = 0; n < width; n++) {
                    gradient[n] += blockGradients[base + n];
                }
            }
        }
        return value;
    }

    /** Block {@code b}: its value into {@code blockValues[b]}, its {@code dL/dv} into its row of {@code blockGradients}. */
    private void block(int b, int slot) {
        final Scratch s = scratch[slot];
        final double[] v = filter;
        final double[][] x = data.inputs[b];
        final double[][] z = s.z;
        final int lanes = data.lanes;
        final int valid = data.lanes(b);
        final boolean gradient = withGradient;
        final double[][] acc = s.accumulators;
        double value;
        if (separable != null && data.tailPatches != null && b == data.blockCount - 1) {
            tailBlock(b, s, v, filterNorm, gradient);
            return;
        }
        if (groups != null) {
            groupedBlock(b, s, v, valid, gradient);
            return;
        }
        if (separable != null) {
            value = separableBlock(b, s, v, x, z, valid, gradient);
        } else {
            for (int j = 0; j < outputDimension; j++) {
                forward(z[j], x, j * stride, v, width, lanes);
            }
            value = nonSeparable(b, z, valid, gradient, s);
            if (gradient) {
                for (int n = 0; n < width; n++) {
                    correlate(acc[n], z, x, n, stride, outputDimension, lanes);
                }
            }
        }
        blockValues[b] = value;
        if (!gradient) {
            return;
        }
        final int base = b * width;
        for (int n = 0; n < width; n++) {
            final double[] an = acc[n];
            double sum = 0.0;
            for (int i = 0; i < lanes; i++) {
                sum += an[i];
            }
            blockGradients[base + n] = sum;
        }
    }

    /**
     * The last block when it has few samples and {@link SampleBlocks#tailPatches} (at most
     * {@code 1 / }{@link SampleBlocks#TAIL_FRACTION} of its lanes used), over its used lanes only: the vector kernels
     * would do the work of a whole block for its padding. The residuals ({@link SampleBlocks#tailResiduals}) go through
     * the loss's bulk form at once (with the block's residual bound, like every other block); then the value is
     * summed and each {@code dL/dv_n} formed as products and their sum, in a fixed order. Writes the block's value
     * and {@code dL/dv}.
     */
    private void tailBlock(int b, Scratch s, double[] v, double norm, boolean gradient) {
        final double[] r = s.tailResiduals;
        final double[] phis = s.tailValues;
        final int count = data.tailTargets.length;
        final double[][] patches = data.tailPatches;
        data.tailResiduals(v, r);
        Arrays.fill(phis, 0, count, 0.0);
        separable.phiAndPrime(r, phis, count, data.residualBound(norm, b));
        blockValues[b] = RowGroups.inOrder(phis, count);
        if (!gradient) {
            return;
        }
        final int base = b * width;
        for (int n = 0; n < width; n++) {
            final double[] p = patches[n];
            for (int q = 0; q < count; q++) {
                phis[q] = r[q] * p[q];
            }
            blockGradients[base + n] = RowGroups.inOrder(phis, count);
        }
    }

    /**
     * A block of a small problem in the {@link RowGroups} layout: per pair of row groups (in one array, the
     * second from position 256 on) the forward pass, the residual derivatives and their correlation with the
     * groups' windows, while these are in the first-level cache, each one sweep for the pair; an odd last group
     * alone; then the lane sums, in a fixed order. Writes the block's value and {@code dL/dv}.
     */
    private void groupedBlock(int b, Scratch s, double[] v, int valid, boolean gradient) {
        clear(s, gradient);
        groupedSweep(b, s, v, valid, gradient);
        blockValues[b] = groupedValue(s, valid);
        if (gradient) {
            final int base = b * width;
            for (int n = 0; n < width; n++) {
                blockGradients[base + n] = RowGroups.sum(s.accumulators[n], RowGroups.LANES, s.column);
            }
        }
    }

    /**
     * A pass over a small problem's blocks on the caller's thread alone (it never has enough work for more): the
     * full blocks add their loss values and correlations into one set of lane accumulators, summed over the lanes
     * once at the end instead of once per block; a last block with padding runs on its own ({@link #tailBlock} or
     * {@link #groupedBlock}) and is added after. The order of every sum is fixed by the data's size alone.
     */
    private double groupedPass(double[] v, double[] gradient) {
        final Scratch s = scratch[0];
        final boolean wanted = gradient != null;
        int full = data.blockCount;
        if (data.lanes(full - 1) < RowGroups.LANES) {
            full--;
        }
        clear(s, wanted);
        for (int b = 0; b < full; b++) {
            groupedSweep(b, s, v, RowGroups.LANES, wanted);
        }
        double value = groupedValue(s, RowGroups.LANES);
        if (wanted) {
            for (int n = 0; n < width; n++) {
                gradient[n] = RowGroups.sum(s.accumulators[n], RowGroups.LANES, s.column);
            }
        }
        if (full < data.blockCount) {
            block(full, 0);
            value += blockValues[full];
            if (wanted) {
                for (int n = 0; n < width; n++) {
                    gradient[n] += blockGradients[full * width + n];
                }
            }
        }
        return value;
    }

    private static void clear(Scratch s, boolean gradient) {
        Arrays.fill(s.values, 0.0);
        if (gradient) {
            for (double[] a : s.accumulators) {
                Arrays.fill(a, 0.0);
            }
        }
    }

    /** @return the sum of the loss values accumulated in {@code s.values}, over the first {@code valid} lanes */
    private static double groupedValue(Scratch s, int valid) {
        final double[] values = s.values;
        for (int w = 0; w < RowGroups.WIDTH; w++) {
            values[w] += values[w + RowGroups.WIDTH]; // the same lane, four rows on
        }
        return RowGroups.sum(values, valid, s.column);
    }

    /**
     * Adds block {@code b}'s loss values into {@code s.values} and, with the gradient, its correlations into
     * {@code s.accumulators}: per pair of row groups (in one array, the second from position 256 on) the forward
     * pass, the residual derivatives and their correlation with the groups' windows, while these are in the
     * first-level cache, each one sweep for the pair; an odd last group alone.
     */
    private void groupedSweep(int b, Scratch s, double[] v, int valid, boolean gradient) {
        final RowGroups rg = groups;
        final double bound = data.residualBound(filterNorm, b);
        final double[] values = s.values;
        final double[][] acc = s.accumulators;
        final double[] z = s.z[0];
        int c = 0;
        for (; c + 1 < rg.groupCount; c += 2) {
            final int length = RowGroups.WIDTH + rg.length(c + 1);
            rg.residualsPair(z, b, c, v);
            separable.phiAndPrime(z, values, length, bound);
            if (gradient) {
                clearPadding(z, length, valid);
                rg.correlatePair(acc, z, b, c);
            }
        }
        if (c < rg.groupCount) {
            final int n = rg.length(c);
            rg.residuals(z, rg.targets[b][c], b, c, v, n);
            separable.phiAndPrime(z, values, n, bound);
            if (gradient) {
                clearPadding(z, n, valid);
                rg.correlate(acc, z, b, c, n);
            }
        }
    }

    /**
     * Zeroes the padding lanes ({@code valid} and on, in every row) of the first {@code length} values of
     * {@code z}, and the positions from {@code length} to the end of a pair of row groups: they carry no gradient.
     */
    private static void clearPadding(double[] z, int length, int valid) {
        if (valid < RowGroups.LANES) {
            for (int row = 0; row < length; row += RowGroups.LANES) {
                Arrays.fill(z, row + valid, row + RowGroups.LANES, 0.0);
            }
        }
        if (length > RowGroups.WIDTH && length < 2 * RowGroups.WIDTH) {
            Arrays.fill(z, length, 2 * RowGroups.WIDTH, 0.0);
        }
    }

    /**
     * One sweep over the rows of a block for a separable loss: four output rows at a time, their residual
     * derivatives, and at once their contribution to every {@code dL/dv_n}, while the input rows they
     * touch are still in the first-level cache. The loss by its bulk form, with the block's residual bound.
     */
    private double separableBlock(int b, Scratch s, double[] v, double[][] x, double[][] z, int valid,
                                  boolean gradient) {
        final SeparableLoss f = separable;
        final double[][] y = data.targets[b];
        final double bound = data.residualBound(filterNorm, b);
        final double[] values = s.values;
        final double[][] acc = s.accumulators;
        final int lanes = data.lanes;
        Arrays.fill(values, 0.0);
        if (gradient) {
            for (double[] an : acc) {
                Arrays.fill(an, 0.0);
            }
        }
        for (int j0 = 0; j0 < outputDimension; j0 += 4) {
            final int rows = Math.min(4, outputDimension - j0);
            for (int j = j0; j < j0 + rows; j++) {
                final double[] zj = z[j];
                final double[] yj = y[j];
                forward(zj, x, j * stride, v, width, lanes);
                for (int i = 0; i < lanes; i++) {
                    zj[i] -= yj[i];
                }
                f.phiAndPrime(zj, values, lanes, bound);
                if (gradient && valid < lanes) {
                    Arrays.fill(zj, valid, lanes, 0.0); // padding lanes carry no gradient
                }
            }
            if (gradient) {
                accumulate(acc, z, x, j0, rows, stride, width, lanes);
            }
        }
        double value = 0.0;
        for (int i = 0; i < valid; i++) {
            value += values[i];
        }
        return value;
    }

    /** {@code acc[n][i] += sum_{j0 <= j < j0 + rows} g[j][i] x[j s + n][i]} for every tap {@code n}. */
    private static void accumulate(double[][] acc, double[][] g, double[][] x, int j0, int rows, int stride,
                                   int width, int lanes) {
        if (rows == 4) {
            final double[] g0 = g[j0];
            final double[] g1 = g[j0 + 1];
            final double[] g2 = g[j0 + 2];
            final double[] g3 = g[j0 + 3];
            for (int n = 0; n < width; n++) {
                final double[] an = acc[n];
                final double[] x0 = x[j0 * stride + n];
                final double[] x1 = x[(j0 + 1) * stride + n];
                final double[] x2 = x[(j0 + 2) * stride + n];
                final double[] x3 = x[(j0 + 3) * stride + n];
                for (int i = 0; i < lanes; i++) {
                    an[i] += (g0[i] * x0[i] + g1[i] * x1[i]) + (g2[i] * x2[i] + g3[i] * x3[i]);
                }
            }
            return;
        }
        for (int j = j0; j < j0 + rows; j++) {
            final double[] gj = g[j];
            for (int n = 0; n < width; n++) {
                final double[] an = acc[n];
                final double[] xj = x[j * stride + n];
                for (int i = 0; i < lanes; i++) {
                    an[i] += gj[i] * xj[i];
                }
            }
        }
    }

    /** Value and (into {@code z}) gradient of a loss that is not separable, sample by sample. */
    private double nonSeparable(int b, double[][] z, int valid, boolean gradient, Scratch s) {
        double value = 0.0;
        for (int i = 0; i < valid; i++) {
            for (int j = 0; j < outputDimension; j++) {
                s.column[j] = z[j][i];
            }
            double[] target = data.targetRows[b * data.lanes + i];
            value += loss.value(s.column, target);
            if (gradient) {
                loss.gradient(s.column, target, s.columnGradient);
                for (int j = 0; j < outputDimension; j++) {
                    z[j][i] = s.columnGradient[j];
                }
            }
        }
        return value;
    }

    /** {@code z[i] = sum_n v_n x[t0 + n][i]}, four filter taps per sweep over the lanes. */
    static void forward(double[] z, double[][] x, int t0, double[] v, int width, int lanes) {
        int n;
        if (width >= 4) {
            final double[] x0 = x[t0];
            final double[] x1 = x[t0 + 1];
            final double[] x2 = x[t0 + 2];
            final double[] x3 = x[t0 + 3];
            final double v0 = v[0];
            final double v1 = v[1];
            final double v2 = v[2];
            final double v3 = v[3];
            for (int i = 0; i < lanes; i++) {
                z[i] = (v0 * x0[i] + v1 * x1[i]) + (v2 * x2[i] + v3 * x3[i]);
            }
            n = 4;
        } else {
            final double[] x0 = x[t0];
            final double v0 = v[0];
            for (int i = 0; i < lanes; i++) {
                z[i] = v0 * x0[i];
            }
            n = 1;
        }
        for (; n + 3 < width; n += 4) {
            final double[] x0 = x[t0 + n];
            final double[] x1 = x[t0 + n + 1];
            final double[] x2 = x[t0 + n + 2];
            final double[] x3 = x[t0 + n + 3];
            final double v0 = v[n];
            final double v1 = v[n + 1];
            final double v2 = v[n + 2];
            final double v3 = v[n + 3];
            for (int i = 0; i < lanes; i++) {
                z[i] += (v0 * x0[i] + v1 * x1[i]) + (v2 * x2[i] + v3 * x3[i]);
            }
        }
        for (; n < width; n++) {
            final double[] x0 = x[t0 + n];
            final double v0 = v[n];
            for (int i = 0; i < lanes; i++) {
                z[i] += v0 * x0[i];
            }
        }
    }

    /**
     * {@code acc[i] = sum_j g[j][i] x[j s + n][i]}, lane by lane, four rows per sweep: the lane sums of
     * {@code acc} are then {@code sum_j g_j x_{j s + n}} over the block.
     */
    static void correlate(double[] acc, double[][] g, double[][] x, int n, int stride, int rows, int lanes) {
        int j;
        if (rows >= 4) {
            final double[] g0 = g[0];
            final double[] g1 = g[1];
            final double[] g2 = g[2];
            final double[] g3 = g[3];
            final double[] x0 = x[n];
            final double[] x1 = x[stride + n];
            final double[] x2 = x[2 * stride + n];
            final double[] x3 = x[3 * stride + n];
            for (int i = 0; i < lanes; i++) {
                acc[i] = (g0[i] * x0[i] + g1[i] * x1[i]) + (g2[i] * x2[i] + g3[i] * x3[i]);
            }
            j = 4;
        } else {
            final double[] g0 = g[0];
            final double[] x0 = x[n];
            for (int i = 0; i < lanes; i++) {
                acc[i] = g0[i] * x0[i];
            }
            j = 1;
        }
        for (; j + 3 < rows; j += 4) {
            final double[] g0 = g[j];
            final double[] g1 = g[j + 1];
            final double[] g2 = g[j + 2];
            final double[] g3 = g[j + 3];
            final double[] x0 = x[j * stride + n];
            final double[] x1 = x[(j + 1) * stride + n];
            final double[] x2 = x[(j + 2) * stride + n];
            final double[] x3 = x[(j + 3) * stride + n];
            for (int i = 0; i < lanes; i++) {
                acc[i] += (g0[i] * x0[i] + g1[i] * x1[i]) + (g2[i] * x2[i] + g3[i] * x3[i]);
            }
        }
        for (; j < rows; j++) {
            final double[] g0 = g[j];
            final double[] x0 = x[j * stride + n];
            for (int i = 0; i < lanes; i++) {
                acc[i] += g0[i] * x0[i];
            }
        }
    }

    /** The work space of one thread. */
    private static final class Scratch {
        final double[][] z;
        final double[][] accumulators;
        final double[] values;
        final double[] column;
        final double[] columnGradient;
        /** The residuals, then their derivatives, of the tail block ({@code tailBlock}), row by row. */
        final double[] tailResiduals;
        /** The loss values, then the products, of the tail block. */
        final double[] tailValues;

        Scratch(int outputDimension, int width, int lanes, int tail) {
            tailResiduals = new double[tail];
            tailValues = new double[tail];
            z = new double[outputDimension][lanes];
            accumulators = new double[width][lanes];
            values = new double[lanes];
            column = new double[outputDimension];
            columnGradient = new double[outputDimension];
        }

        /** For the row-group kernels: {@code z} for one row group, {@code column} is the lane-sum work space. */
        Scratch(RowGroups groups, int width, int tail) {
            tailResiduals = new double[tail];
            tailValues = new double[tail];
            z = new double[1][2 * RowGroups.WIDTH];
            accumulators = new double[width][RowGroups.WIDTH];
            values = new double[2 * RowGroups.WIDTH];
            column = new double[RowGroups.LANES];
            columnGradient = null;
        }
    }
}
