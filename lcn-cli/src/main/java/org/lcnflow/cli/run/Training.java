package org.lcnflow.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.cli.config.RunConfig;
import org.lcnflow.cli.report.AtomicFiles;
import org.lcnflow.cli.report.Charts;
import org.lcnflow.cli.report.Reports;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.flow.GradientFlow;

/** One run from a configuration to its files: shared by train, compare and demo. */
public final class Training {

    private Training() {
    }

    /** A finished run and how long it took. */
    public record Outcome(FlowRun run, double wallSeconds) {
    }

    public static Outcome run(FlowRunner runner, FlowSpec spec, Dataset data, String task, boolean quiet) {
        GradientFlow flow = runner.prepare(spec, data);
        FlowObserver progress = Progress.of(task, spec.stop().tMax(), quiet);
        long start = System.nanoTime();
        FlowRun run = flow.run(progress);
        return new Outcome(run, (System.nanoTime() - start) * 1e-9);
    }

    /** Writes summary.json, trajectory.csv, loss.png and balancedness.png into {@code folder}. */
    public static void write(Path folder, RunConfig config, Outcome outcome, String title) {
        AtomicFiles.prepareFolder(folder);
        Reports.writeJson(folder.resolve("summary.json"), Reports.summary(config, outcome.run(), outcome.wallSeconds()));
        Reports.writeTrajectory(folder.resolve("trajectory.csv"), outcome.run().trajectory(),
                config.spec().architecture().depth());
        Charts.lossChart(folder.resolve("loss.png"), title, outcome.run().trajectory());
        Charts.balancednessChart(folder.resolve("balancedness.png"), "balancedness drift: " + title,
                outcome.run().trajectory());
    }

    public static void report(PrintWriter out, String title, Outcome outcome) {
        out.print(Reports.text(title, outcome.run(), outcome.wallSeconds()));
        out.flush();
    }
}
