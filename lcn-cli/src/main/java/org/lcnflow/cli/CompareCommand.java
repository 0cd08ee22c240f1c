package org.lcnflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowResult;
import org.lcnflow.cli.config.ComponentList;
import org.lcnflow.cli.config.ConfigReader;
import org.lcnflow.cli.config.RunConfig;
import org.lcnflow.cli.report.AtomicFiles;
import org.lcnflow.cli.report.Charts;
import org.lcnflow.cli.run.Training;
import org.lcnflow.cli.run.WorkPrecision;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.flow.Trajectory;
import org.lcnflow.core.plugin.Component;
import org.lcnflow.core.plugin.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lcn compare}: one problem under several integrators, or with {@code --work-precision} their
 * work-precision diagram over a ladder of tolerances ({@link WorkPrecision}).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run one problem under several integrators; print a table and write comparison.csv,"
                + " comparison.png and each run's files. With --work-precision, run each over a ladder of"
                + " tolerances and write work-precision.csv and work-precision.png.")
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The run configuration (JSON);"
            + " its integrator is replaced by each of --integrators.")
    Path config;

    @Option(names = "--integrators", required = true, paramLabel = "LIST",
            description = "Integrators with their parameters, e.g. euler(step=0.001),rk4(step=0.01),"
                    + "dormand-prince-54(rtol=1e-8)")
    String integrators;

    @Option(names = "--reference", paramLabel = "INTEGRATOR",
            defaultValue = "radau-iia-5(rtol=1e-13,atol=1e-13)",
            description = "Tight-tolerance run that distances are measured to (default: ${DEFAULT-VALUE});"
                    + " 'none' to skip.")
    String reference;

    @Option(names = "--work-precision", description = "Run every integrator over the --tolerances ladder"
            + " (rtol = tol, atol = 1e-3 tol) and draw error against cost instead of one run each.")
    boolean workPrecision;

    @Option(names = "--tolerances", paramLabel = "LIST", split = ",", defaultValue = "1e-4,1e-6,1e-8,1e-10",
            description = "The ladder of --work-precision (default: ${DEFAULT-VALUE}).")
    double[] tolerances;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "lcn-compare-out",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PluginRegistry registry = common.registry();
        RunConfig run = ConfigReader.read(config, registry);
        List<Component> chosen = ComponentList.parse("--integrators", integrators);
        for (Component c : chosen) {
            registry.integrator(c.name(), c.parameters());
        }
        Component referenceIntegrator = null;
        if (!reference.equals("none")) {
            List<Component> parsed = ComponentList.parse("--reference", reference);
            if (parsed.size() != 1) {
                throw new IllegalArgumentException("--reference: give one integrator or 'none', got " + reference);
            }
            referenceIntegrator = parsed.get(0);
            registry.integrator(referenceIntegrator.name(), referenceIntegrator.parameters());
        }
        if (workPrecision) {
            WorkPrecision.check(chosen, tolerances, registry);
            if (referenceIntegrator == null) {
                throw new IllegalArgumentException("--work-precision needs a --reference run to measure errors to");
            }
        }
        AtomicFiles.prepareFolder(out);
        FlowRunner runner = new FlowRunner(registry);
        Dataset data = runner.loadData(run.spec());
        if (workPrecision) {
            Training.Outcome ref = Training.run(runner, run.spec().withIntegrator(referenceIntegrator)
                    .withRecordEvery(0), data, "reference", common.quiet);
            List<WorkPrecision.Row> rows = WorkPrecision.run(runner, run.spec(), data, chosen, tolerances, ref,
                    common.quiet);
            WorkPrecision.write(out, rows, referenceIntegrator.toString());
            PrintWriter console = spec.commandLine().getOut();
            console.printf(Locale.ROOT, "reference %s: %s at t = %.6g, loss %.15g, |grad| %.3e, %d evaluations%n",
                    referenceIntegrator, ref.run().result().stopReason(), ref.run().result().time(),
                    ref.run().result().value(), ref.run().result().gradientNorm(), ref.run().result().evaluations());
            console.print(WorkPrecision.table(rows));
            console.println("files: " + out.toAbsolutePath().normalize());
            return 0;
        }
        double[] referenceEnd = null;
        double referenceLoss = Double.POSITIVE_INFINITY;
        if (referenceIntegrator != null) {
            FlowResult referenceResult = Training.run(runner, run.spec().withIntegrator(referenceIntegrator), data,
                    "reference", common.quiet).run().result();
            referenceEnd = referenceResult.parameters();
            referenceLoss = referenceResult.value();
        }
        List<Training.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            FlowSpec one = run.spec().withIntegrator(chosen.get(i));
            Training.Outcome outcome = Training.run(runner, one, data, chosen.get(i).name(), common.quiet);
            outcomes.add(outcome);
            RunConfig config = new RunConfig(run.file(), one, withIntegrator(run, chosen.get(i)));
            Training.write(out.resolve((i + 1) + "-" + chosen.get(i).name()), config, outcome,
                    run.spec().loss() + " with " + chosen.get(i));
        }
        writeTable(chosen, outcomes, referenceEnd, spec.commandLine().getOut());
        writeChart(chosen, outcomes, referenceLoss);
        spec.commandLine().getOut().println("files: " + out.toAbsolutePath().normalize());
        return 0;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode withIntegrator(RunConfig run, Component c) {
        com.fasterxml.jackson.databind.node.ObjectNode resolved = run.resolved().deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode integrator = resolved.putObject("integrator");
        integrator.put("name", c.name());
        for (String key : c.parameters().names()) {
            integrator.putPOJO(key, c.parameters().get(key));
        }
        return resolved;
    }

    private void writeTable(List<Component> chosen, List<Training.Outcome> outcomes, double[] reference,
                            PrintWriter console) {
        StringBuilder csv = new StringBuilder("integrator,stop_reason,time,loss,gradient_norm,steps,rejected_steps,"
                + "evaluations,hessians,factorizations,newton_iterations,wall_seconds,balancedness_drift,"
                + "distance_to_reference\n");
        console.printf(Locale.ROOT, "%-44s %-18s %14s %10s %9s %8s %11s %9s %10s %12s%n", "integrator", "stop",
                "loss", "|grad|", "steps", "rejected", "evaluations", "wall s", "drift", "distance");
        for (int i = 0; i < chosen.size(); i++) {
            FlowResult r = outcomes.get(i).run().result();
            double drift = outcomes.get(i).run().diagnostics().balancedness().largestDrift();
            String distance = reference == null ? "" : Double.toString(distance(r.parameters(), reference));
            String name = chosen.get(i).toString();
            csv.append('"').append(name).append('"').append(',').append(r.stopReason()).append(',').append(r.time())
                    .append(',').append(r.value()).append(',').append(r.gradientNorm()).append(',').append(r.steps())
                    .append(',').append(r.rejectedSteps()).append(',').append(r.evaluations()).append(',')
                    .append(r.solver().hessians() + r.solver().differenceHessians()).append(',')
                    .append(r.solver().factorizations()).append(',').append(r.solver().newtonIterations()).append(',')
                    .append(outcomes.get(i).wallSeconds()).append(',').append(drift).append(',').append(distance)
                    .append('\n');
            console.printf(Locale.ROOT, "%-44s %-18s %14.8g %10.3e %9d %8d %11d %9.3f %10.3e %12s%n", name,
                    r.stopReason(), r.value(), r.gradientNorm(), r.steps(), r.rejectedSteps(), r.evaluations(),
                    outcomes.get(i).wallSeconds(), drift, distance.isEmpty() ? "-"
                            : String.format(Locale.ROOT, "%.3e", Double.parseDouble(distance)));
        }
        AtomicFiles.writeString(out.resolve("comparison.csv"), csv.toString());
    }

    /**
     * Excess loss {@code L(w(t)) - L_best} against evaluations and wall time, on a log scale: with
     * {@code L_best} the lowest final loss of all runs (the reference's included) the curves show how fast
     * each integrator gets there, where plain losses would all lie on one plateau.
     */
    private void writeChart(List<Component> chosen, List<Training.Outcome> outcomes, double referenceLoss) {
        double best = referenceLoss;
        for (Training.Outcome outcome : outcomes) {
            best = Math.min(best, outcome.run().result().value());
        }
        String label = "L(w) - L_best, L_best = " + String.format(Locale.ROOT, "%.10g", best) + " (log scale)";
        XYChart byEvaluations = Charts.chart("excess loss against gradient evaluations", "gradient evaluations",
                label, true);
        XYChart byTime = Charts.chart("excess loss against wall time", "wall time [s]", label, true);
        for (int i = 0; i < chosen.size(); i++) {
            List<Trajectory.Point> points = outcomes.get(i).run().trajectory().points();
            double[] evaluations = new double[points.size()];
            double[] seconds = new double[points.size()];
            double[] loss = new double[points.size()];
            for (int k = 0; k < points.size(); k++) {
                evaluations[k] = points.get(k).evaluations();
                seconds[k] = points.get(k).seconds();
                loss[k] = points.get(k).loss() - best;
            }
            String name = (i + 1) + ": " + chosen.get(i);
            Charts.line(byEvaluations, name, evaluations, loss);
            Charts.line(byTime, name, seconds, loss);
        }
        Charts.save(out.resolve("comparison.png"), List.of(byEvaluations, byTime));
    }

    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }
}
