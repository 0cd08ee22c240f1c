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
 * The exact Hessian of the risk at one point through the data pass ({@code EmpiricalRisk.valueGradientAndHessian}:
 * a pass for the value and gradient, the curvature pass {@code H_v = sum phi''(r) p p^T} and the chain rule through
 * the layers), as the implicit integrators and the end-point analysis ask for it, on both kernels: {@code vector}
 * (the Vector API's tiles) and {@code plain} (the loops C2 vectorizes). One thread, as each run of a sweep.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx8g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HessianBenchmark {

    @Param({"medium", "large"})
    public String problem;

    @Param({"pseudo-huber"})
    public String loss;

    @Param({"vector", "plain"})
    public String kernels;

    @Param({"1"})
    public int threads;

    private EmpiricalRisk risk;
    private double[] point;
    private double[] gradient;
    private double[] hessian;

    @Setup
    public void setUp() {
        Problem p = Problem.of(problem);
        RiskOptions options = RiskOptions.automatic().withThreads(threads).withPath(GradientPath.DATA_PASS)
                .withVectorKernels(kernels.equals("vector"));
        if (kernels.equals("vector") && !options.vectorKernels()) {
            throw new IllegalStateException("kernels=vector, but this JVM has no jdk.incubator.vector");
        }
        risk = EmpiricalRisk.of(p.architecture(), p.data(), Problem.loss(loss), options);
        int n = p.architecture().parameterCount();
        point = InitialFilters.gaussian(p.architecture(), 1000, 0.5);
        gradient = new double[n];
        hessian = new double[n * n];
    }

    /** @return the value; the Hessian goes to the black hole */
    @Benchmark
    public double valueGradientAndHessian(Blackhole blackhole) {
        double value = risk.valueGradientAndHessian(point, gradient, hessian);
        blackhole.consume(hessian);
        return value;
    }
}
