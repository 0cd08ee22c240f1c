package org.lcnflow.examples.comparison;

import java.util.ArrayList;
import java.util.List;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.Component;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * Integrates one gradient flow, a strided three-layer LCN with the pseudo-Huber loss on synthetic data
 * from {@code t = 0} to {@value #T_MAX}, with fixed-step Euler and RK4 at two steps each, adaptive
 * Dormand-Prince 5(4) at three tolerances, Dormand-Prince 8(5,3) and Adams-Moulton, and compares each with
 * a reference solution (Dormand-Prince 8(5,3) at {@code rtol = 1e-12}): gradient evaluations, accepted and
 * rejected steps, wall time, final loss, balancedness drift (Lemma 3.3) and distance to the reference.
 *
 * <p>The problem is stiff enough that explicit methods are held by stability, not accuracy: Euler needs
 * {@code h < ~2e-3} and RK4 {@code h < ~3e-3}; the adaptive methods find such steps themselves. Run it with
 * {@code mvn -q -Prun -DskipTests -pl lcn-examples/integrator-comparison -am package}.
 */
public final class IntegratorComparison {

    /** The end time of every run. */
    static final double T_MAX = 1.0;

    /** The network: {@code d = (13, 11, 5, 4)}, {@code k = (3, 3, 2)}, strides {@code (1, 2, 1)}. */
    static final Architecture ARCHITECTURE = Architecture.of(13, new int[] {3, 3, 2}, new int[] {1, 2, 1});

    /** The reference solution's integrator. */
    static final Component REFERENCE = adaptive("dormand-prince-853", 1e-12);

    private IntegratorComparison() {
    }

    /**
     * Runs the comparison and prints the table.
     *
     * @param args none
     */
    public static void main(String[] args) {
        compare().print(System.out);
    }

    /** @return the compared configurations, in table order */
    static List<Component> configurations() {
        return List.of(fixed("euler", 1e-3), fixed("euler", 5e-4), fixed("rk4", 2e-3), fixed("rk4", 1e-3),
                adaptive("dormand-prince-54", 1e-4), adaptive("dormand-prince-54", 1e-6),
                adaptive("dormand-prince-54", 1e-8), adaptive("dormand-prince-853", 1e-8),
                adaptive("gragg-bulirsch-stoer", 1e-8), adaptive("adams-bashforth", 1e-8),
                adaptive("adams-moulton", 1e-8));
    }

    /** @return the problem, by names, with the reference integrator */
    static FlowSpec problem() {
        Component data = new Component("synthetic", Parameters.empty().with("m", 30).with("seed", 4).with("noise", 0.1));
        return new FlowSpec(ARCHITECTURE, data, Component.of("pseudo-huber"), REFERENCE,
                new Initialization.Seeded(11, 0.5), StopCondition.atTime(T_MAX), T_MAX);
    }

    /**
     * Runs the reference first (it also warms up the JIT), then every configuration, on the same data.
     *
     * @return the table
     */
    public static Comparison compare() {
        FlowRunner runner = new FlowRunner(PluginRegistry.load());
        FlowSpec problem = problem();
        Dataset data = runner.loadData(problem);
        FlowRun reference = runner.run(problem, data, FlowObserver.NONE);
        double[] wRef = reference.result().parameters();
        List<Comparison.Row> rows = new ArrayList<>();
        for (Component integrator : configurations()) {
            long start = System.nanoTime();
            FlowRun run = runner.run(problem.withIntegrator(integrator), data, FlowObserver.NONE);
            double seconds = (System.nanoTime() - start) * 1e-9;
            FlowResult result = run.result();
            rows.add(new Comparison.Row(integrator, result.evaluations(), result.steps(), result.rejectedSteps(),
                    seconds, result.value(), run.diagnostics().balancedness().largestDrift(),
                    distance(result.parameters(), wRef), result.stopReason()));
        }
        return new Comparison(problem, reference.trajectory().first().loss(), REFERENCE, reference.result(), rows);
    }

    private static Component fixed(String name, double step) {
        return new Component(name, Parameters.empty().with("step", step));
    }

    /** {@code atol = rtol / 100}: the parameters are of order 1. */
    private static Component adaptive(String name, double rtol) {
        return new Component(name, Parameters.empty().with("rtol", rtol).with("atol", rtol / 100));
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }
}
