package org.lcnflow.bench;

import java.util.concurrent.TimeUnit;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.StopCondition;
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
 * A whole flow from the problem's initial filters to {@link Problem#FLOW_TIME} with each integrator (at
 * the settings of {@link Problem#integrator}), on the fastest path (the quadratic form's setup is outside
 * the measurement; {@link SetupBenchmark} times it). The integrator runs on the risk directly with no
 * observer, as SciPy's {@code solve_ivp} does in the peer comparison; {@code GradientFlow.run} adds the
 * trajectory and diagnostics on top.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx8g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FlowBenchmark {

    @Param({"small", "medium", "large"})
    public String problem;

    @Param({"square", "pseudo-huber"})
    public String loss;

    @Param({"euler", "rk4", "dormand-prince-54", "dormand-prince-853", "gragg-bulirsch-stoer", "adams-bashforth",
            "adams-moulton"})
    public String integrator;

    @Param({"2"})
    public int threads;

    private EmpiricalRisk risk;
    private FlowIntegrator flowIntegrator;
    private double[] w0;
    private final StopCondition stop = StopCondition.atTime(Problem.FLOW_TIME);

    @Setup
    public void setUp() {
        Problem p = Problem.of(problem);
        risk = EmpiricalRisk.of(p.architecture(), p.data(), Problem.loss(loss), RiskOptions.automatic()
                .withThreads(threads));
        flowIntegrator = Problem.integrator(integrator);
        w0 = p.initialFilters();
    }

    @Benchmark
    public FlowResult flow() {
        return flowIntegrator.integrate(risk, w0, stop, FlowObserver.NONE);
    }
}
