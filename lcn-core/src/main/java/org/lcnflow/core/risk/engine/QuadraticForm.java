package org.lcnflow.core.risk.engine;

import org.lcnflow.api.SeparableLoss;

/**
 * The risk of a quadratic loss {@code l(z, y) = c ||z - y||^2} as a quadratic form in the final filter,
 * precomputed once so that an evaluation never touches the data again.
 *
 * <p><b>The form.</b> With the Gram matrix {@code A = sum_p x_p x_p^T} of all stride-{@code s_v} patches
 * {@code x_p} of the inputs ({@code k_v x k_v}), {@code L(v) = c sum_p (x_p . v - y_p)^2}. Written about a
 * centre {@code v0}, with {@code e = v - v0}, this is exactly
 * <pre>
 *   L(v)     = c (S0 + 2 e . g0 + e . A e),   S0 = sum_p r_p^2,  g0 = sum_p r_p x_p = A v0 - b,
 *   dL/dv    = 2 c (g0 + A e),                r_p = x_p . v0 - y_p,
 * </pre>
 * for every {@code v0}. The centre is the least-squares filter ({@code A v0 = b}, by Cholesky, shifted
 * when {@code A} is singular), and {@code S0}, {@code g0} are computed by a {@link DataPass} at it: the
 * residuals themselves, not the difference of the large numbers {@code v.Av} and {@code 2 b.v} (the
 * textbook form {@code v.Av - 2 b.v + ||Y||^2}, that is {@code v0 = 0}). So the value has no cancellation
 * ({@code S0 <= L(v)}, {@code e.Ae = L(v) - S0} when {@code g0 = 0}), and near the centre the gradient is
 * as accurate as the data pass that gave {@code g0}.
 *
 * <p><b>Setup</b>, in {@code O(m d0 k_v)} rather than {@code O(m d_N k_v^2)}: the lagged products
 * {@code Q_l[t] = sum_i x_i[t] x_i[t + l]} (one sweep over the data), then the windows
 * {@code A[n][n + l] = sum_{j < d_N} Q_l[j s_v + n]}; {@code b = corr(X, Y)} in the same sweep. The sweep is
 * split into at most {@link #SETUP_CHUNKS} fixed chunks of whole sample blocks whose partial sums are
 * added in chunk order: the form does not depend on the number of threads.
 *
 * <p><b>Accuracy</b> ({@link #gradientErrorBound}): beyond the data pass at the centre, the form's
 * gradient carries the rounding of {@code A} (each entry a sum of {@code n_A} products, so off by at most
 * {@code gamma(n_A) sum_p |x_pn x_pn'| <= gamma(n_A) sqrt(A_nn A_n'n')}) and of the product
 * {@code A e} and the sums ({@code gamma(k_v + 3) (|A| |e| + |g0|)}), {@code gamma(n) = n u / (1 - n u)}:
 * <pre>
 *   |error of dL/dv_n| &lt;= 2c [gamma(n_A) sqrt(A_nn) sum_n' sqrt(A_n'n') |e_n'| + gamma(k_v + 3) ((|A||e|)_n + |g0_n|)]
 * </pre>
 * to first order in the unit roundoff {@code u}. It vanishes at the centre and grows with {@code |e|}: far
 * from the least-squares filter, where {@code dL/dv} is large but its pull-back {@code dL/dw} may be tiny
 * (a critical point of a non-filling architecture), {@code ||A|| ||e||} is the cancellation that
 * DESIGN.md warns of. Immutable and shared by every fork.
 */
public final class QuadraticForm {

    /** The setup sweep uses at most this many chunks (and so partial sums). */
    static final int SETUP_CHUNKS = 32;

    private static final double UNIT_ROUNDOFF = 0x1p-53;

    /** {@code phi(r) = r^2}: the data pass at the centre gives {@code S0} and {@code 2 g0}. */
    private static final SeparableLoss UNIT_SQUARE = new SeparableLoss() {
        @Override
        public double phi(double r) {
            return r * r;
        }

        @Override
        public double phiPrime(double r) {
            return 2.0 * r;
        }

        @Override
        public double phiSecond(double r) {
            return 2.0;
        }
    };

    private final double scale;
    private final int width;
    private final double[] gram;
    private final double[] center;
    private final double[] centerGradient;
    private final double centerSquares;
    private final double[] diagonalRoots;
    private final double gramError;
    private final double productError;
    private final double setupSeconds;

    private QuadraticForm(double scale, int width, double[] gram, double[] center, double[] centerGradient,
                          double centerSquares, double gramError, double setupSeconds) {
        this.scale = scale;
        this.width = width;
        this.gram = gram;
        this.center = center;
        this.centerGradient = centerGradient;
        this.centerSquares = centerSquares;
        this.diagonalRoots = new double[width];
        for (int n = 0; n < width; n++) {
            diagonalRoots[n] = Math.sqrt(gram[n * width + n]);
        }
        this.gramError = gramError;
        this.productError = gamma(width + 3);
        this.setupSeconds = setupSeconds;
    }

    /**
     * Builds the form about the least-squares filter.
     *
     * @param data    the data
     * @param scale   {@code c}: the loss is {@code c ||z - y||^2}
     * @param threads the most threads to use; the form does not depend on it
     * @return the form
     */
    public static QuadraticForm of(SampleBlocks data, double scale, int threads) {
        return about(data, scale, threads, null);
    }

    /**
     * @param centre the centre {@code v0}; null for the least-squares filter. {@code 0} gives the textbook
     *               form {@code c (||Y||^2 - 2 b.v + v.Av)}, whose cancellation the tests show.
     */
    public static QuadraticForm about(SampleBlocks data, double scale, int threads, double[] centre) {
        long start = System.nanoTime();
        int width = data.width;
        int d0 = data.inputDimension;
        int chunks = Math.min(SETUP_CHUNKS, data.blockCount);
        int blocksPerChunk = (data.blockCount + chunks - 1) / chunks;
        chunks = (data.blockCount + blocksPerChunk - 1) / blocksPerChunk;
        double[][] lagged = new double[chunks][width * d0];
        double[][] cross = new double[chunks][width];
        int slots = Math.max(1, Math.min(threads, chunks));
        double[][] accumulators = new double[slots][data.lanes];
        final int perChunk = blocksPerChunk;
        ChunkPool.Chunks sweep = (chunk, slot) -> {
            int end = Math.min(data.blockCount, (chunk + 1) * perChunk);
            for (int b = chunk * perChunk; b < end; b++) {
                sweepBlock(data, b, lagged[chunk], cross[chunk], accumulators[slot]);
            }
        };
        if (slots > 1 && ChunkPool.shared().workerCount() > 0) {
            ChunkPool.shared().job(sweep, chunks, slots).run();
        } else {
            for (int c = 0; c < chunks; c++) {
                sweep.run(c, 0);
            }
        }
        double[] q = lagged[0];
        double[] b = cross[0];
        for (int c = 1; c < chunks; c++) {
            for (int i = 0; i < q.length; i++) {
                q[i] += lagged[c][i];
            }
            for (int n = 0; n < width; n++) {
                b[n] += cross[c][n];
            }
        }
        double[] gram = new double[width * width];
        for (int n = 0; n < width; n++) {
            for (int l = 0; n + l < width; l++) {
                double sum = 0.0;
                int row = l * d0 + n;
                for (int j = 0; j < data.outputDimension; j++) {
                    sum += q[row + j * data.stride];
                }
                gram[n * width + n + l] = sum;
                gram[(n + l) * width + n] = sum;
            }
        }
        double[] center = centre == null ? leastSquares(gram, b, width) : centre.clone();
        double[] twiceGradient = new double[width];
        double squares = new DataPass(data, UNIT_SQUARE, threads).evaluate(center, twiceGradient);
        for (int n = 0; n < width; n++) {
            twiceGradient[n] *= 0.5;
        }
        // the terms of one entry of A: lanes / 4 per chain of a dot product and 2 to join the chains,
        // blocks, chunks, the window
        double gramError = gamma(data.lanes / 4 + 2 + blocksPerChunk + chunks + data.outputDimension);
        return new QuadraticForm(scale, width, gram, center, twiceGradient, squares, gramError,
                (System.nanoTime() - start) * 1e-9);
    }

    /**
     * The sufficient statistics of a quadratic loss over some samples, from one sweep over them: the lagged products
     * {@code Q_l[t] = sum_i x_i[t] x_i[t + l]}, {@code b = corr(X, Y)} and {@code sum ||y_i||^2}. Statistics of
     * disjoint sample sets add ({@link #add}); {@link QuadraticForm#fromStatistics} makes the form from their sum
     * without touching the samples again: the normal equations of one pass, for data that live elsewhere (e.g. in
     * the partitions of a cluster). Serializable, so that it can travel.
     */
    public static final class Statistics implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private final int inputDimension;
        private final int outputDimension;
        private final int stride;
        private final int width;
        private final double[] lagged;
        private final double[] cross;
        private double targetSquares;
        private long blocks;

        private Statistics(int inputDimension, int outputDimension, int stride, int width) {
            this.inputDimension = inputDimension;
            this.outputDimension = outputDimension;
            this.stride = stride;
            this.width = width;
            this.lagged = new double[width * inputDimension];
            this.cross = new double[width];
        }

        /**
         * Adds another sample set's statistics, entry by entry.
         *
         * @param other statistics of the same architecture
         * @return this
         * @throws IllegalArgumentException when the architectures differ
         */
        public Statistics add(Statistics other) {
            if (other.inputDimension != inputDimension || other.outputDimension != outputDimension
                    || other.stride != stride || other.width != width) {
                throw new IllegalArgumentException("statistics of another architecture");
            }
            for (int i = 0; i < lagged.length; i++) {
                lagged[i] += other.lagged[i];
            }
            for (int n = 0; n < width; n++) {
                cross[n] += other.cross[n];
            }
            targetSquares += other.targetSquares;
            blocks += other.blocks;
            return this;
        }

        /** @return {@code sum ||y_i||^2} */
        public double targetSquares() {
            return targetSquares;
        }
    }

    /**
     * @param data the samples
     * @return their statistics, from one sweep on the caller's thread
     */
    public static Statistics statistics(SampleBlocks data) {
        Statistics s = new Statistics(data.inputDimension, data.outputDimension, data.stride, data.width);
        double[] acc = new double[data.lanes];
        for (int b = 0; b < data.blockCount; b++) {
            sweepBlock(data, b, s.lagged, s.cross, acc);
            for (double[] row : data.targets[b]) {
                s.targetSquares += dot(row, row, data.lanes);
            }
        }
        s.blocks = data.blockCount;
        return s;
    }

    /**
     * The form from statistics alone (one pass over the data in all): the Gram matrix from the lagged products, the
     * least-squares centre {@code v0}, and at it {@code g0 = A v0 - b} and
     * {@code S0 = ||Y||^2 - 2 b.v0 + v0.A v0}. Unlike {@link #of}, which takes {@code S0} and {@code g0} from a data
     * pass at the centre, {@code S0} here carries the cancellation of the textbook form (an absolute error of about
     * {@code eps ||Y||^2}): the gradient is as accurate as {@code A} and {@code b}, the value to that absolute error.
     *
     * @param statistics the samples' statistics (summed over all of them)
     * @param scale      {@code c}: the loss is {@code c ||z - y||^2}
     * @return the form
     */
    public static QuadraticForm fromStatistics(Statistics statistics, double scale) {
        long start = System.nanoTime();
        int width = statistics.width;
        int d0 = statistics.inputDimension;
        double[] gram = new double[width * width];
        for (int n = 0; n < width; n++) {
            for (int l = 0; n + l < width; l++) {
                double sum = 0.0;
                int row = l * d0 + n;
                for (int j = 0; j < statistics.outputDimension; j++) {
                    sum += statistics.lagged[row + j * statistics.stride];
                }
                gram[n * width + n + l] = sum;
                gram[(n + l) * width + n] = sum;
            }
        }
        double[] b = statistics.cross;
        double[] center = leastSquares(gram, b, width);
        double[] g0 = new double[width];
        double quadratic = 0.0;
        double linear = 0.0;
        for (int n = 0; n < width; n++) {
            double av = 0.0;
            for (int q = 0; q < width; q++) {
                av += gram[n * width + q] * center[q];
            }
            g0[n] = av - b[n];
            quadratic += center[n] * av;
            linear += b[n] * center[n];
        }
        double squares = Math.max(0.0, statistics.targetSquares - 2 * linear + quadratic);
        double gramError = gamma((int) Math.min(Integer.MAX_VALUE / 2, SampleBlocks.WIDE_LANES / 4 + 2
                + statistics.blocks + statistics.outputDimension));
        return new QuadraticForm(scale, width, gram, center, g0, squares, gramError,
                (System.nanoTime() - start) * 1e-9);
    }

    /** Adds block {@code b}'s lagged products {@code Q_l[t]} and its {@code corr(X, Y)}. */
    private static void sweepBlock(SampleBlocks data, int b, double[] lagged, double[] cross, double[] acc) {
        double[][] x = data.inputs[b];
        int d0 = data.inputDimension;
        int width = data.width;
        for (int t = 0; t < d0; t++) {
            double[] xt = x[t];
            int lags = Math.min(width, d0 - t);
            for (int l = 0; l < lags; l++) {
                lagged[l * d0 + t] += dot(xt, x[t + l], data.lanes);
            }
        }
        for (int n = 0; n < width; n++) {
            DataPass.correlate(acc, data.targets[b], x, n, data.stride, data.outputDimension, data.lanes);
            double sum = 0.0;
            for (int i = 0; i < data.lanes; i++) {
                sum += acc[i];
            }
            cross[n] += sum;
        }
    }

    /** The dot product of two lane rows, in four chains. */
    private static double dot(double[] a, double[] b, int lanes) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int i = 0; i < lanes; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * A lower estimate of the 2-norm condition number of the Gram matrix, {@code (max L_ii / min L_ii)^2}
     * from its Cholesky factor (infinite when it does not factor). The value {@code c (S0 + 2 e.g0 + e.Ae)}
     * carries a relative rounding error of about {@code eps cond(A)}: where the centre interpolates the data
     * ({@code S0 ~ 0}) and {@code A} is ill-conditioned, {@code e.Ae} loses digits that no later step restores.
     *
     * @return the estimate
     */
    public double conditionEstimate() {
        double largest = 0.0;
        for (int n = 0; n < width; n++) {
            largest = Math.max(largest, gram[n * width + n]);
        }
        double[] l = new double[width * width];
        if (!(largest > 0) || !Double.isFinite(largest)
                || !cholesky(gram, 0.0, width, l, 4 * width * UNIT_ROUNDOFF * largest)) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0.0;
        double min = Double.POSITIVE_INFINITY;
        for (int n = 0; n < width; n++) {
            max = Math.max(max, l[n * width + n]);
            min = Math.min(min, l[n * width + n]);
        }
        return (max / min) * (max / min);
    }

    /**
     * Solves {@code (A + mu I) v = b} by Cholesky with the smallest {@code mu} in {@code 0, 1e-14 max A_nn,
     * 1e-12 max A_nn, ...} for which the factorization succeeds. Any solution serves as a centre; the
     * least-squares one makes the form most accurate.
     */
    static double[] leastSquares(double[] a, double[] b, int k) {
        double largest = 0.0;
        for (int n = 0; n < k; n++) {
            largest = Math.max(largest, a[n * k + n]);
        }
        double[] v = new double[k];
        if (!(largest > 0) || Double.isInfinite(largest)) {
            return v;
        }
        double[] l = new double[k * k];
        for (double shift = 0.0; shift <= largest; shift = shift == 0.0 ? 1e-14 * largest : 100 * shift) {
            if (cholesky(a, shift, k, l, 4 * k * UNIT_ROUNDOFF * largest)) {
                for (int i = 0; i < k; i++) {
                    double s = b[i];
                    for (int j = 0; j < i; j++) {
                        s -= l[i * k + j] * v[j];
                    }
                    v[i] = s / l[i * k + i];
                }
                for (int i = k - 1; i >= 0; i--) {
                    double s = v[i];
                    for (int j = i + 1; j < k; j++) {
                        s -= l[j * k + i] * v[j];
                    }
                    v[i] = s / l[i * k + i];
                }
                return v;
            }
        }
        return v;
    }

    private static boolean cholesky(double[] a, double shift, int k, double[] l, double smallest) {
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * k + j] + (i == j ? shift : 0.0);
                for (int p = 0; p < j; p++) {
                    s -= l[i * k + p] * l[j * k + p];
                }
                if (i == j) {
                    if (!(s > smallest)) {
                        return false;
                    }
                    l[i * k + i] = Math.sqrt(s);
                } else {
                    l[i * k + j] = s / l[j * k + j];
                }
            }
        }
        return true;
    }

    private static double gamma(int n) {
        return n * UNIT_ROUNDOFF / (1 - n * UNIT_ROUNDOFF);
    }

    /**
     * @param v        the final filter
     * @param gradient receives {@code dL/dv}; null for the value alone
     * @param e        work space, receives {@code v - v0}
     * @param product  work space, receives {@code A e}
     * @return {@code L(v)}
     */
    public double evaluate(double[] v, double[] gradient, double[] e, double[] product) {
        final int k = width;
        for (int n = 0; n < k; n++) {
            e[n] = v[n] - center[n];
        }
        double quadratic = 0.0;
        for (int n = 0; n < k; n++) {
            double sum = 0.0;
            int row = n * k;
            for (int p = 0; p < k; p++) {
                sum += gram[row + p] * e[p];
            }
            product[n] = sum;
            quadratic += e[n] * (2.0 * centerGradient[n] + sum);
        }
        if (gradient != null) {
            double twice = 2.0 * scale;
            for (int n = 0; n < k; n++) {
                gradient[n] = twice * (centerGradient[n] + product[n]);
            }
        }
        return scale * (centerSquares + quadratic);
    }

    /**
     * The bound of the class comment on the error of {@code dL/dv} at the last {@link #evaluate}'s filter.
     *
     * @param e     {@code v - v0}, as {@link #evaluate} left it
     * @param bound receives the bound, entry by entry
     */
    public void gradientErrorBound(double[] e, double[] bound) {
        final int k = width;
        double weighted = 0.0;
        for (int n = 0; n < k; n++) {
            weighted += diagonalRoots[n] * Math.abs(e[n]);
        }
        for (int n = 0; n < k; n++) {
            double absolute = Math.abs(centerGradient[n]);
            int row = n * k;
            for (int p = 0; p < k; p++) {
                absolute += Math.abs(gram[row + p]) * Math.abs(e[p]);
            }
            bound[n] = 2.0 * scale * (gramError * diagonalRoots[n] * weighted + productError * absolute)
                    * (1 + 1e-6);
        }
    }

    /** @return {@code c} */
    double scale() {
        return scale;
    }

    /** @return {@code k_v} */
    int width() {
        return width;
    }

    /** @return the centre {@code v0}, a copy */
    public double[] center() {
        return center.clone();
    }

    /** @return {@code g0 = sum_p r_p x_p} at the centre, as the data pass computed it, a copy */
    public double[] centerGradient() {
        return centerGradient.clone();
    }

    /** @return the Gram matrix {@code A}, row-major, a copy */
    public double[] gram() {
        return gram.clone();
    }

    /** @return the wall time the setup took, in seconds */
    public double setupSeconds() {
        return setupSeconds;
    }
}
