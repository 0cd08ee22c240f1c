package org.lcnflow.examples.standalone;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.api.StopReason;
import org.lcnflow.core.LcnModule;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.flow.GradientFlow;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.risk.GradientPath;

/**
 * Trains an LCN (d0 = 27, widths 3, 3, 2, strides 1, 2, 1) with the host's own {@link WeightedSquareLoss}
 * on synthetic teacher data: the plugins come from one Guice injector made here, at the program's edge
 * ({@link LcnModule}); the integrator is the built-in {@code dormand-prince-54}, found by name. Prints the
 * path the risk took and the result, and fails (an exception, so a non-zero exit) unless the risk took the
 * quadratic form and the run reached its gradient tolerance.
 */
public final class StandaloneTraining {

    private StandaloneTraining() {
    }

    /** @param args none */
    public static void main(String[] args) {
        Injector injector = Guice.createInjector(new LcnModule(PluginRegistry.load()));
        PluginRegistry plugins = injector.getInstance(PluginRegistry.class);

        Architecture architecture = Architecture.of(27, new int[] {3, 3, 2}, new int[] {1, 2, 1});
        Dataset data = plugins.dataSource("synthetic", Parameters.empty().with("m", 200).with("seed", 11)
                .with("noise", 0.05)).load(architecture);
        WeightedSquareLoss loss = new WeightedSquareLoss(0.5);
        FlowIntegrator integrator = plugins.integrator("dormand-prince-54",
                Parameters.empty().with("rtol", 1e-10).with("atol", 1e-12));

        EmpiricalRisk risk = EmpiricalRisk.of(architecture, data, loss);
        System.out.println("risk of " + loss + ": path " + risk.path());
        if (risk.path() != GradientPath.QUADRATIC_FORM) {
            throw new IllegalStateException("a QuadraticLoss should take the quadratic form, took " + risk.path());
        }

        GradientFlow flow = GradientFlow.builder()
                .architecture(architecture)
                .data(data)
                .loss(loss)
                .integrator(integrator)
                .randomInitialFilters(3, 0.5)
                .stop(new StopCondition(1000.0, 1e-5, 1_000_000))
                .build();
        FlowRun run = flow.run();
        FlowResult result = run.result();
        System.out.println("flow path " + flow.risk().path() + ", " + integrator.name() + ": " + result.stopReason()
                + " at t = " + result.time() + " after " + result.steps() + " steps, " + result.evaluations()
                + " gradient evaluations");
        System.out.println("loss " + result.value() + ", gradient norm " + result.gradientNorm()
                + ", balancedness drift " + run.diagnostics().balancedness().largestDrift());
        System.out.println("end point: " + run.diagnostics().endPoint().verdict());
        if (result.stopReason() != StopReason.GRADIENT_TOLERANCE) {
            throw new IllegalStateException("the run did not reach its gradient tolerance: " + result);
        }
    }
}
