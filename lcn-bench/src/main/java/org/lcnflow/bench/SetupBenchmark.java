package org.lcnflow.bench;

import java.util.concurrent.TimeUnit;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.core.risk.EmpiricalRisk;
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

/**
 * The one-time cost of the quadratic form for the square loss: {@code EmpiricalRisk.of}, which lays the
 * data out in sample blocks, sweeps it once for the Gram matrix, solves for the least-squares filter and
 * makes one pass at it (see {@code QuadraticForm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx8g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class SetupBenchmark {

    @Param({"small", "medium", "large"})
    public String problem;

    @Param({"2"})
    public int threads;

    private Architecture architecture;
    private Dataset data;

    @Setup
    public void setUp() {
        Problem p = Problem.of(problem);
        architecture = p.architecture();
        data = p.data();
    }

    @Benchmark
    public EmpiricalRisk quadraticFormSetup() {
        return EmpiricalRisk.of(architecture, data, Problem.loss("square"), RiskOptions.automatic().withThreads(threads));
    }
}
