package org.lcnflow.bench;

import java.util.concurrent.TimeUnit;
import org.lcnflow.api.Architecture;
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
 * Cost per gradient against the number of samples on the medium architecture: linear in {@code m} for a
 * pass over the data, flat for the quadratic form after its setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx8g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScalingBenchmark {

    @Param({"1000", "10000", "100000"})
    public int m;

    /** {@code square/auto} is the quadratic form; the others pass over the data. */
    @Param({"square/auto", "square/data-pass", "pseudo-huber/auto"})
    public String lossAndPath;

    @Param({"2"})
    public int threads;

    private EmpiricalRisk risk;
    private double[] w;
    private double[] gradient;

    @Setup
    public void setUp() {
        Problem p = Problem.MEDIUM;
        Architecture a = p.architecture();
        String[] parts = lossAndPath.split("/");
        RiskOptions options = RiskOptions.automatic().withThreads(threads);
        if (!parts[1].equals("auto")) {
            options = options.withPath(GradientPath.ofLabel(parts[1]));
        }
        risk = EmpiricalRisk.of(a, p.data(m), Problem.loss(parts[0]), options);
        w = p.initialFilters();
        gradient = new double[w.length];
    }

    @Benchmark
    public double valueAndGradient(Blackhole blackhole) {
        double value = risk.valueAndGradient(w, gradient);
        blackhole.consume(gradient);
        return value;
    }
}
