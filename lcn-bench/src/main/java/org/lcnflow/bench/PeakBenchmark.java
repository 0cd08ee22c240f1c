package org.lcnflow.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's floating-point peak as a JVM program reaches it: a dense {@code n x n} matrix product
 * ({@code 2 n^3} operations) with the loop order the JIT vectorizes (the inner loop an axpy over a row of
 * the result, four products per sweep, over blocks of 128 or all 512 columns), on one thread and on two
 * (halves of the rows), and EJML's {@code CommonOps_DDRM.mult} for reference; the report takes the best. GFLOP/s = {@code 2 n^3 / (time per operation)}; the report
 * of {@code run-peers.sh} sets the data pass's GFLOP/s against the best of these.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PeakBenchmark {

    @Param({"512"})
    public int n;

    /** Columns of {@code c} per sweep: the inner loop's trip count. */
    @Param({"128", "512"})
    public int block;

    private double[][] a;
    private double[][] b;
    private double[][] c;
    private DMatrixRMaj ea;
    private DMatrixRMaj eb;
    private DMatrixRMaj ec;

    @Setup
    public void setUp() {
        Random random = new Random(3);
        a = new double[n][n];
        b = new double[n][n];
        c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = random.nextGaussian();
                b[i][j] = random.nextGaussian();
            }
        }
        ea = new DMatrixRMaj(a);
        eb = new DMatrixRMaj(b);
        ec = new DMatrixRMaj(n, n);
    }

    @Benchmark
    public double[][] matmulOneThread() {
        multiplyRows(0, n);
        return c;
    }

    @Benchmark
    public double[][] matmulTwoThreads() {
        IntStream.range(0, 2).parallel().forEach(half -> multiplyRows(half * n / 2, (half + 1) * n / 2));
        return c;
    }

    @Benchmark
    public DMatrixRMaj ejmlOneThread() {
        CommonOps_DDRM.mult(ea, eb, ec);
        return ec;
    }

    /** Rows {@code [from, to)} of {@code c = a b}, in blocks of {@link #block} columns of {@code c}. */
    private void multiplyRows(int from, int to) {
        for (int j0 = 0; j0 < n; j0 += block) {
            final int j1 = Math.min(n, j0 + block);
            for (int i = from; i < to; i++) {
                final double[] ci = c[i];
                final double[] ai = a[i];
                for (int j = j0; j < j1; j++) {
                    ci[j] = 0;
                }
                int k = 0;
                for (; k + 3 < n; k += 4) {
                    final double a0 = ai[k];
                    final double a1 = ai[k + 1];
                    final double a2 = ai[k + 2];
                    final double a3 = ai[k + 3];
                    final double[] b0 = b[k];
                    final double[] b1 = b[k + 1];
                    final double[] b2 = b[k + 2];
                    final double[] b3 = b[k + 3];
                    for (int j = j0; j < j1; j++) {
                        ci[j] += (a0 * b0[j] + a1 * b1[j]) + (a2 * b2[j] + a3 * b3[j]);
                    }
                }
                for (; k < n; k++) {
                    final double ak = ai[k];
                    final double[] bk = b[k];
                    for (int j = j0; j < j1; j++) {
                        ci[j] += ak * bk[j];
                    }
                }
            }
        }
    }
}
