package org.lcnflow.bench;

import java.util.concurrent.TimeUnit;
import org.lcnflow.core.network.InitialFilters;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.risk.GradientPath;
import org.lcnflow.core.risk.RiskOptions;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Many flows in one pass (issue 18): the values and gradients of {@code batch} points of different runs (seeded
 * initial filters, as a landscape sweep's) on the same data, by {@code EmpiricalRisk.valuesAndGradients}, which gives
 * every point the bits of its own evaluation. {@code batch = 1} is one ordinary pass; the throughput is
 * {@code batch / time} filters per second. One thread ({@code threads}), as each batch of a sweep runs: the sweep's
 * batches take the cores. Medium and large problems, the square loss and pseudo-Huber through the data pass.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx8g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BatchedPassBenchmark {

    @Param({"medium"})
    public String problem;

    @Param({"pseudo-huber"})
    public String loss;

    @Param({"1", "4", "16", "64"})
    public int batch;

    @Param({"1"})
    public int threads;

    private EmpiricalRisk risk;
    private double[][] points;
    private double[][] gradients;
    private double[] values;

    @Setup
    public void setUp() {
        Problem p = Problem.of(problem);
        risk = EmpiricalRisk.of(p.architecture(), p.data(), Problem.loss(loss), RiskOptions.automatic()
                .withThreads(threads).withPath(GradientPath.DATA_PASS));
        points = new double[batch][];
        for (int i = 0; i < batch; i++) {
            points[i] = InitialFilters.gaussian(p.architecture(), 1000 + i, 0.5);
        }
        gradients = new double[batch][p.architecture().parameterCount()];
        values = new double[batch];
    }

    /** @return the last value; the gradients go to the black hole */
    @Benchmark
    public double valuesAndGradients(Blackhole blackhole) {
        if (batch == 1) {
            values[0] = risk.valueAndGradient(points[0], gradients[0]);
        } else {
            risk.valuesAndGradients(points, gradients, values, batch);
        }
        blackhole.consume(gradients);
        return values[batch - 1];
    }
}
