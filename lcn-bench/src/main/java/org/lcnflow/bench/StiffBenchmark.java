package org.lcnflow.bench;

import java.util.concurrent.TimeUnit;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wall time of one whole stiff flow ({@link StiffProblem}, eq. (1.4) {@code dw/dt = -grad L(w)}) from
 * {@code w0} until {@code ||grad L|| <= 1e-8}, with each implicit integrator given the risk's exact Hessian,
 * against SciPy's {@code solve_ivp} with LSODA, BDF and Radau in {@code peers/peers.py}. The integrator runs on
 * the risk directly with no observer, as {@code solve_ivp} does.
 *
 * <p>{@link #integrator} lists every implicit method the issue names; a name whose provider is not registered
 * fails its setup with a message saying so (JMH then goes on with the next one). {@code run-peers.sh} passes
 * only the registered names, as {@code ExportProblems} lists them in {@code stiff-integrators.txt}. The setup
 * runs the flow once and fails unless it ended at the gradient tolerance; the tear-down checks the last
 * measured flow the same way, so a time is never reported for a flow that stopped for another reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx4g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StiffBenchmark {

    /** The implicit integrator, by provider name (see {@link StiffProblem#CANDIDATES}). */
    @Param({"rosenbrock", "radau-iia-5", "bdf", "auto"})
    public String integrator;

    /**
     * The risk's threads: 1 (NumPy's gradient on 200 samples is one thread too), 2 (one pass over 200 samples is
     * too small to split, but Radau's three stage gradients of a Newton iteration then run side by side).
     */
    @Param({"1", "2"})
    public int threads;

    private EmpiricalRisk risk;
    private FlowIntegrator flowIntegrator;
    private double[] w0;
    private final StopCondition stop = StiffProblem.stop();
    private FlowResult last;

    /**
     * Builds the risk and the integrator and runs the flow once.
     *
     * @throws IllegalStateException when the integrator is not registered or the flow does not end at the
     *                               gradient tolerance
     */
    @Setup(Level.Trial)
    public void setUp() {
        if (!StiffProblem.registeredIntegrators().contains(integrator)) {
            throw new IllegalStateException("StiffBenchmark: integrator '" + integrator + "' is not registered in"
                    + " this build (registered of " + StiffProblem.CANDIDATES + ": "
                    + StiffProblem.registeredIntegrators() + "); skipped");
        }
        risk = StiffProblem.risk(threads);
        flowIntegrator = StiffProblem.integrator(integrator);
        w0 = StiffProblem.initialFilters();
        last = flow();
        check(last);
    }

    /** The whole flow from {@code w0} to the gradient tolerance. */
    @Benchmark
    public FlowResult flow() {
        last = flowIntegrator.integrate(risk, w0, stop, FlowObserver.NONE);
        return last;
    }

    /** Fails the trial when the last measured flow did not end at the gradient tolerance. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (last != null) {
            check(last);
        }
    }

    private void check(FlowResult result) {
        if (result.stopReason() != StopReason.GRADIENT_TOLERANCE) {
            throw new IllegalStateException("StiffBenchmark: " + integrator + " stopped with " + result.stopReason()
                    + " at t = " + result.time() + ", |grad L| = " + result.gradientNorm() + " after "
                    + result.steps() + " steps, not at the gradient tolerance " + StiffProblem.GRADIENT_TOLERANCE);
        }
    }
}
