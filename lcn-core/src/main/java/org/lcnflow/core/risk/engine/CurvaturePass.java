package org.lcnflow.core.risk.engine;

import java.util.Arrays;
import org.lcnflow.api.SeparableLoss;

/**
 * The function-space Hessian of a separable loss, {@code H_v = sum_{i, j} phi''(r_ij) p_ij p_ij^T}, with
 * {@code p_ij} the stride-{@code s_v} input patch of width {@code k_v} behind output {@code j} of sample
 * {@code i} and {@code r_ij = v . p_ij - y_ij}: one pass over the {@link SampleBlocks}. For each block and group of
 * {@value #ROWS} output rows it forms the residuals and weights {@code phi''(r)} of all the block's lanes at once
 * ({@link SeparableLoss#phiSeconds}), then adds
 * {@code phi'' x_n x_q} into one accumulator per entry {@code (n, q >= n)} and lane: every loop runs over the
 * lanes with no dependence from one lane to the next, so the JIT vectorizes them (a symmetric rank-{@code lanes}
 * update, level-3 work), and the accumulators are summed over the lanes at the end, in a fixed order (so the result
 * depends on nothing but the data and {@code v}). Costs {@code O(m d_N k_v^2)}; allocates nothing with a
 * {@link Work}. Stateless.
 */
public final class CurvaturePass {

    /**
     * Output rows per sweep of the accumulators: three rows' terms per load and store of an accumulator, and at most
     * seven arrays in a loop (HotSpot 17's superword gives up on more).
     */
    static final int ROWS = 3;

    private CurvaturePass() {
    }

    /** {@code sums[i] += sum_{r < rows} scaled[r][i] x[(j0 + r) s + q][i]}, the rows' terms added in a fixed order. */
    private static void accumulate(double[] sums, double[][] scaled, double[][] x, int j0, int rows, int stride, int q,
                                   int lanes) {
        double[] s0 = scaled[0];
        double[] x0 = x[j0 * stride + q];
        if (rows == 3) {
            double[] s1 = scaled[1];
            double[] s2 = scaled[2];
            double[] x1 = x[(j0 + 1) * stride + q];
            double[] x2 = x[(j0 + 2) * stride + q];
            for (int i = 0; i < lanes; i++) {
                sums[i] += (s0[i] * x0[i] + s1[i] * x1[i]) + s2[i] * x2[i];
            }
        } else if (rows == 2) {
            double[] s1 = scaled[1];
            double[] x1 = x[(j0 + 1) * stride + q];
            for (int i = 0; i < lanes; i++) {
                sums[i] += s0[i] * x0[i] + s1[i] * x1[i];
            }
        } else {
            for (int i = 0; i < lanes; i++) {
                sums[i] += s0[i] * x0[i];
            }
        }
    }

    /** The work space of the pass for one data set: weights, a scaled row and the per-lane accumulators. */
    public static final class Work {
        private final int lanes;
        private final int width;
        /** The weights {@code phi''(r)} of three output rows; in the row-group layout, of every block and row group. */
        private final double[][] weight;
        private final double[][] scaled;
        /**
         * One row per entry {@code (n, q >= n)}: HotSpot 17 vectorizes {@code acc[p][lane]}, not {@code acc[o + lane]};
         * {@value RowGroups#WIDTH} long in the row-group layout, else {@code lanes}.
         */
        private final double[][] accumulators;
        /** In the row-group layout: the lane-sum work space of each thread; else null. */
        private final double[][] fold;
        /** For the last block when it is a tail: its weights, one tap's scaled patch and one entry's products. */
        private final double[] tailWeights;
        private final double[] tailScaled;
        private final double[] tailProduct;
        /**
         * With the Vector API kernels on blocks of lanes ({@link VectorKernels#curvatureTile}): {@code [n][q][lane]}
         * accumulators, the weights of {@link DataPass#BATCH_ROWS} rows as a panel, four taps' scaled panels and the
         * filter as a batch of one; else null.
         */
        private final double[][][] tileAccumulators;
        private final double[] weightPanel;
        private final double[][] scaledPanels;
        private final double[][] weightHolder;
        private final double[][] filterHolder;

        /** Per thread of the row-group layout: the weights times one tap's window, one tap's scaled tail, products. */
        private final double[][] slotScaled;
        private final double[][] slotTailScaled;
        private final double[][] slotTailProduct;
        private final double[][][] slotWeights;
        private final double[][] slotTailWeights;
        private final double[][][] slotAccumulators;
        /** The taps of the row-group layout over threads, or null (one thread). */
        private final ChunkPool.Job job;
        /** The pass being computed, for the threads of {@link #job}. */
        private SampleBlocks data;
        private SeparableLoss loss;
        private double[] v;
        private double[] hv;
        /** Counts the passes; {@code slotPass[slot]} is the pass whose weights the slot holds. */
        private long pass;
        private final long[] slotPass;

        /** @param data the data the pass will run over, on the caller's thread alone */
        public Work(SampleBlocks data) {
            this(data, 1);
        }

        /**
         * @param data    the data the pass will run over
         * @param threads the most threads, {@code >= 1}: in the row-group layout the taps {@code n} (each its entries
         *                {@code (n, q >= n)}) are spread over the caller's thread and the shared pool's idle workers;
         *                the result does not depend on it
         */
        public Work(SampleBlocks data, int threads) {
            this(data, threads, VectorSupport.enabled());
        }

        /**
         * @param data    the data the pass will run over
         * @param threads the most threads, {@code >= 1} (see {@link #Work(SampleBlocks, int)})
         * @param vector  whether blocks of lanes use the Vector API kernels (where {@link VectorSupport#enabled()}); the
         *                two paths agree to rounding
         */
        public Work(SampleBlocks data, int threads, boolean vector) {
            boolean tiles = vector && VectorSupport.enabled() && data.rowGroups == null;
            int panel = DataPass.BATCH_ROWS * data.lanes;
            this.tileAccumulators = tiles ? new double[data.width][data.width][data.lanes] : null;
            this.weightPanel = tiles ? new double[panel] : null;
            this.scaledPanels = tiles ? new double[4][panel] : null;
            this.weightHolder = tiles ? new double[][] {weightPanel} : null;
            this.filterHolder = tiles ? new double[1][] : null;
            this.lanes = data.lanes;
            this.width = data.width;
            boolean grouped = data.rowGroups != null;
            int length = grouped ? RowGroups.WIDTH : lanes;
            int rows = grouped ? data.blockCount * data.rowGroups.groupCount : ROWS;
            this.weight = new double[rows][length];
            this.scaled = new double[grouped ? 1 : ROWS][length];
            this.accumulators = tiles ? new double[0][] : new double[width * (width + 1) / 2][length];
            int slots = grouped && width > 1 ? PointTasks.threads(threads) : 1;
            this.fold = grouped ? new double[slots][RowGroups.LANES] : null;
            int tail = data.tailTargets != null ? data.tailTargets.length : 0;
            this.tailWeights = new double[tail];
            this.tailScaled = new double[tail];
            this.tailProduct = new double[tail];
            this.slotScaled = new double[slots][];
            this.slotTailScaled = new double[slots][];
            this.slotTailProduct = new double[slots][];
            for (int i = 0; i < slots; i++) {
                slotScaled[i] = i == 0 ? scaled[0] : new double[length];
                slotTailScaled[i] = i == 0 ? tailScaled : new double[tail];
                slotTailProduct[i] = i == 0 ? tailProduct : new double[tail];
            }
            this.job = slots > 1 ? ChunkPool.shared().job(this::tap, width, slots) : null;
            this.slotPass = new long[slots];
            this.slotWeights = new double[slots][][];
            this.slotTailWeights = new double[slots][];
            this.slotAccumulators = new double[slots][][];
            for (int i = 0; i < slots; i++) {
                slotWeights[i] = i == 0 ? weight : new double[rows][length];
                slotTailWeights[i] = i == 0 ? tailWeights : new double[tail];
                slotAccumulators[i] = i == 0 ? accumulators : new double[accumulators.length][length];
            }
        }

        /**
         * Tap {@code n} of the current pass: its entries {@code (n, q >= n)} of {@code H_v}, after this slot's own
         * weights of the pass (each thread computes them in its own cache: handing them over between cores would cost
         * more than computing them).
         */
        private void tap(int n, int slot) {
            if (slotPass[slot] != pass) {
                weights(data, loss, v, this, slot);
                slotPass[slot] = pass;
            }
            grouped(data, n, hv, this, slot);
        }
    }

    /**
     * As {@link #curvature(SampleBlocks, SeparableLoss, double[], double[], Work)} with a work space of its own.
     *
     * @param data the data in blocks
     * @param loss the loss, with {@code phi''}
     * @param v    the final filter, length {@code k_v}
     * @param hv   receives {@code H_v}, row-major {@code k_v x k_v} (symmetric)
     */
    public static void curvature(SampleBlocks data, SeparableLoss loss, double[] v, double[] hv) {
        curvature(data, loss, v, hv, new Work(data));
    }

    /**
     * @param data the data in blocks
     * @param loss the loss, with {@code phi''}
     * @param v    the final filter, length {@code k_v}
     * @param hv   receives {@code H_v}, row-major {@code k_v x k_v} (symmetric)
     * @param work a work space made for {@code data}
     */
    public static void curvature(SampleBlocks data, SeparableLoss loss, double[] v, double[] hv, Work work) {
        if (work.width != data.width || work.lanes != data.lanes) {
            throw new IllegalArgumentException("the work space was made for other data");
        }
        if (data.rowGroups == null) {
            if (work.tileAccumulators != null) {
                tiled(data, loss, v, hv, work);
            } else {
                for (double[] row : work.accumulators) {
                    Arrays.fill(row, 0.0);
                }
                blocked(data, loss, v, hv, work);
            }
            if (data.tailPatches != null) {
                tail(data, loss, v, hv, work);
            }
            return;
        }
        if (work.job != null) {
            work.data = data;
            work.loss = loss;
            work.v = v;
            work.hv = hv;
            work.pass++;
            try {
                work.job.run();
            } finally {
                work.data = null;
                work.loss = null;
                work.v = null;
                work.hv = null;
            }
        } else {
            weights(data, loss, v, work, 0);
            for (int n = 0; n < data.width; n++) {
                grouped(data, n, hv, work, 0);
            }
        }
    }

    /**
     * The weights {@code phi''(r)} of every block and row group of a small problem in the {@link RowGroups} layout,
     * each over all its {@value RowGroups#WIDTH} positions at once (padding lanes get weight zero: their
     * {@code phi''(0)} may be infinite), and those of the tail over its patches.
     */
    private static void weights(SampleBlocks data, SeparableLoss loss, double[] v, Work work, int slot) {
        RowGroups rg = data.rowGroups;
        double[][] weights = work.slotWeights[slot];
        int blocks = data.tailPatches != null ? data.blockCount - 1 : data.blockCount;
        int groups = rg.groupCount;
        for (int b = 0; b < blocks; b++) {
            int valid = data.lanes(b);
            for (int c = 0; c < groups; c++) {
                double[] z = weights[b * groups + c];
                int length = rg.length(c);
                rg.residuals(z, rg.targets[b][c], b, c, v, length);
                loss.phiSeconds(z, length);
                if (valid < RowGroups.LANES) {
                    for (int row = 0; row < length; row += RowGroups.LANES) {
                        Arrays.fill(z, row + valid, row + RowGroups.LANES, 0.0);
                    }
                }
            }
        }
        if (data.tailPatches != null) {
            data.tailResiduals(v, work.slotTailWeights[slot]);
            loss.phiSeconds(work.slotTailWeights[slot], data.tailTargets.length);
        }
    }

    /**
     * The entries {@code (n, q >= n)} of {@code H_v} from the {@link #weights}: per block and row group the weights
     * times the window of tap {@code n} ({@code phi'' x_n}) and that times the window of {@code q}, added into the
     * entry's accumulator (every loop {@value RowGroups#WIDTH} long; a block's lanes alone would leave most of each
     * loop to the JIT's scalar pre- and post-loops), across all blocks; then each entry's rows and lanes summed in a
     * fixed order and the tail's terms added (products over its patches, summed in a fixed order). Taps write
     * disjoint entries, so they may run on different threads ({@code slot} names the work space).
     */
    private static void grouped(SampleBlocks data, int n, double[] hv, Work work, int slot) {
        RowGroups rg = data.rowGroups;
        int width = data.width;
        double[][] acc = work.slotAccumulators[slot];
        double[][] weights = work.slotWeights[slot];
        double[] s = work.slotScaled[slot];
        int[] group = rg.groupOfTap;
        int[] place = rg.placeOfTap;
        int blocks = data.tailPatches != null ? data.blockCount - 1 : data.blockCount;
        int groups = rg.groupCount;
        int first = n * width - n * (n - 1) / 2; // the entries (n', q >= n') of the taps n' < n come first
        for (int entry = first; entry < first + width - n; entry++) {
            Arrays.fill(acc[entry], 0.0);
        }
        for (int b = 0; b < blocks; b++) {
            for (int c = 0; c < groups; c++) {
                int length = rg.length(c);
                double[][] windows = rg.windows[b][c];
                RowGroups.scale(s, weights[b * groups + c], windows[group[n]], place[n], length);
                int entry = first;
                for (int q = n; q < width; q++) {
                    RowGroups.correlate1(acc[entry++], s, windows[group[q]], place[q], length);
                }
            }
        }
        double[] fold = work.fold[slot];
        double[][] patches = data.tailPatches;
        double[] scaled = work.slotTailScaled[slot];
        double[] product = work.slotTailProduct[slot];
        int count = patches != null ? data.tailTargets.length : 0;
        if (patches != null) {
            double[] w = work.slotTailWeights[slot];
            double[] pn = patches[n];
            for (int q = 0; q < count; q++) {
                scaled[q] = w[q] * pn[q];
            }
        }
        int entry = first;
        for (int q = n; q < width; q++) {
            double sum = RowGroups.sum(acc[entry++], RowGroups.LANES, fold);
            if (patches != null) {
                double[] pq = patches[q];
                for (int i = 0; i < count; i++) {
                    product[i] = scaled[i] * pq[i];
                }
                sum = sum + RowGroups.inOrder(product, count);
            }
            hv[n * width + q] = sum;
            hv[q * width + n] = sum;
        }
    }

    /** The blocks in the layout of {@link SampleBlocks}, three output rows per sweep of the accumulators. */
    private static void blocked(SampleBlocks data, SeparableLoss loss, double[] v, double[] hv, Work work) {
        int width = data.width;
        int stride = data.stride;
        double[][] weight = work.weight;
        double[][] scaled = work.scaled;
        double[][] acc = work.accumulators;
        int stripe = work.lanes;
        int outputs = data.outputDimension;
        int blocks = data.tailPatches != null ? data.blockCount - 1 : data.blockCount;
        for (int b = 0; b < blocks; b++) {
            double[][] x = data.inputs[b];
            double[][] y = data.targets[b];
            int lanes = data.lanes(b);
            for (int j0 = 0; j0 < outputs; j0 += ROWS) {
                int rows = Math.min(ROWS, outputs - j0);
                for (int r = 0; r < rows; r++) {
                    double[] w = weight[r];
                    double[] target = y[j0 + r];
                    int start = (j0 + r) * stride;
                    for (int lane = 0; lane < lanes; lane++) {
                        w[lane] = -target[lane];
                    }
                    for (int n = 0; n < width; n++) {
                        double vn = v[n];
                        double[] row = x[start + n];
                        for (int lane = 0; lane < lanes; lane++) {
                            w[lane] += vn * row[lane];
                        }
                    }
                    loss.phiSeconds(w, lanes);
                }
                int pair = 0;
                for (int n = 0; n < width; n++) {
                    for (int r = 0; r < rows; r++) {
                        double[] w = weight[r];
                        double[] sr = scaled[r];
                        double[] rowN = x[(j0 + r) * stride + n];
                        for (int lane = 0; lane < lanes; lane++) {
                            sr[lane] = w[lane] * rowN[lane];
                        }
                    }
                    for (int q = n; q < width; q++) {
                        accumulate(acc[pair++], scaled, x, j0, rows, stride, q, lanes);
                    }
                }
            }
        }
        int pair = 0;
        for (int n = 0; n < width; n++) {
            for (int q = n; q < width; q++) {
                store(hv, width, n, q, acc[pair++], stripe);
            }
        }
    }

    /**
     * The blocks on {@link VectorKernels}: per block and {@link DataPass#BATCH_ROWS} output rows, the residuals and their
     * weights {@code phi''(r)} as a panel, then for every tap {@code n} its scaled panel {@code phi'' x_n} correlated
     * with the inputs at the taps {@code q >= n} ({@link VectorKernels#curvatureTile}), one fused multiply-add per term,
     * the rows in order; the lanes summed at the end, in order.
     */
    private static void tiled(SampleBlocks data, SeparableLoss loss, double[] v, double[] hv, Work work) {
        final int width = data.width;
        final int stride = data.stride;
        final int lanes = data.lanes;
        final int outputs = data.outputDimension;
        final double[][][] acc = work.tileAccumulators;
        final double[] w = work.weightPanel;
        for (double[][] rows : acc) {
            for (double[] row : rows) {
                Arrays.fill(row, 0.0);
            }
        }
        work.filterHolder[0] = v;
        try {
            int blocks = data.tailPatches != null ? data.blockCount - 1 : data.blockCount;
            for (int b = 0; b < blocks; b++) {
                double[][] x = data.inputs[b];
                double[][] y = data.targets[b];
                int valid = data.lanes(b);
                for (int j0 = 0; j0 < outputs; j0 += DataPass.BATCH_ROWS) {
                    int rows = Math.min(DataPass.BATCH_ROWS, outputs - j0);
                    VectorKernels.residualsBatch(work.weightHolder, y, x, j0, rows, stride, work.filterHolder, 0, 1,
                            width, lanes);
                    loss.phiSeconds(w, rows * lanes);
                    if (valid < lanes) {
                        VectorKernels.clearPadding(w, rows, valid, lanes);
                    }
                    VectorKernels.curvatureTile(acc, w, work.scaledPanels, x, j0, rows, stride, width, lanes);
                }
            }
        } finally {
            work.filterHolder[0] = null;
        }
        for (int n = 0; n < width; n++) {
            for (int q = n; q < width; q++) {
                store(hv, width, n, q, acc[n][q], lanes);
            }
        }
    }

    /** {@code H[n][q] = H[q][n] =} the sum of an entry's accumulators over the lanes, in lane order. */
    private static void store(double[] hv, int width, int n, int q, double[] sums, int lanes) {
        double sum = 0.0;
        for (int lane = 0; lane < lanes; lane++) {
            sum += sums[lane];
        }
        hv[n * width + q] = sum;
        hv[q * width + n] = sum;
    }

    /**
     * Adds the last block's terms when it is a tail with {@link SampleBlocks#tailPatches}: its weights over all its
     * residuals at once, then per entry the products and their sum in a fixed order (the lanes' loops of a block
     * would be a few iterations long).
     */
    private static void tail(SampleBlocks data, SeparableLoss loss, double[] v, double[] hv, Work work) {
        int width = data.width;
        double[][] patches = data.tailPatches;
        int count = data.tailTargets.length;
        double[] w = work.tailWeights;
        double[] scaled = work.tailScaled;
        double[] product = work.tailProduct;
        data.tailResiduals(v, w);
        loss.phiSeconds(w, count);
        for (int n = 0; n < width; n++) {
            double[] pn = patches[n];
            for (int q = 0; q < count; q++) {
                scaled[q] = w[q] * pn[q];
            }
            for (int m = n; m < width; m++) {
                double[] pm = patches[m];
                for (int q = 0; q < count; q++) {
                    product[q] = scaled[q] * pm[q];
                }
                double sum = hv[n * width + m] + RowGroups.inOrder(product, count);
                hv[n * width + m] = sum;
                hv[m * width + n] = sum;
            }
        }
    }
}
