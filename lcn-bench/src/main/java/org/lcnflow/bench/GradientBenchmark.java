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
 * One evaluation of the empirical risk and its gradient ({@code valueAndGradient}) on the three problems,
 * for the square loss and pseudo-Huber, by each path: {@code auto} (the fastest: the quadratic form for
 * the square loss, after its setup, which {@link SetupBenchmark} times; the data pass for pseudo-Huber),
 * {@code data-pass} and {@code generic}. With {@code -prof gc} the allocation rate per operation is 0 B/op
 * in steady state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx8g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GradientBenchmark {

    @Param({"small", "medium", "large"})
    public String problem;

    @Param({"square", "pseudo-huber"})
    public String loss;

    @Param({"auto", "data-pass", "generic"})
    public String path;

    /**
     * The data pass's kernels: {@code vector} (the Vector API, where the JVM has {@code jdk.incubator.vector}; the
     * fork passes {@code --add-modules}) or {@code plain} (the Java loops C2 auto-vectorizes).
     */
    @Param({"vector", "plain"})
    public String kernels;

    /** Threads of one pass over the data; the results are the same for every value. */
    @Param({"2"})
    public int threads;

    private EmpiricalRisk risk;
    private double[] w;
    private double[] gradient;

    @Setup
    public void setUp() {
        Problem p = Problem.of(problem);
        Architecture a = p.architecture();
        RiskOptions options = RiskOptions.automatic().withThreads(threads).withVectorKernels(kernels.equals("vector"));
        if (kernels.equals("vector") && !options.vectorKernels()) {
            throw new IllegalStateException("kernels=vector, but this JVM has no jdk.incubator.vector");
        }
        if (!path.equals("auto")) {
            options = options.withPath(GradientPath.ofLabel(path));
        }
        risk = EmpiricalRisk.of(a, p.data(), Problem.loss(loss), options);
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
