package org.lcnflow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.IntegratorState;
import org.lcnflow.cli.config.ConfigReader;
import org.lcnflow.cli.config.RunConfig;
import org.lcnflow.cli.report.AtomicFiles;
import org.lcnflow.cli.run.CheckpointFiles;
import org.lcnflow.cli.run.Interrupts;
import org.lcnflow.cli.run.Progress;
import org.lcnflow.cli.run.Training;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.flow.Checkpoint;
import org.lcnflow.core.flow.FlowRun;
import org.lcnflow.core.flow.GradientFlow;
import org.lcnflow.core.plugin.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lcn train}: one run, optionally checkpointed and resumable. Ctrl-C (SIGINT) stops at the next
 * step, writes the checkpoint (for integrators that can save their state) and a summary with stop reason
 * CANCELLED, and exits 130.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an LCN by gradient flow as the configuration says; write summary.json, trajectory.csv,"
                + " loss.png and balancedness.png. Ctrl-C stops cleanly (exit code 130).")
final class TrainCommand implements Callable<Integer> {

    /** Exit code after Ctrl-C, as a shell reports a process ended by SIGINT. */
    static final int INTERRUPTED = 130;

    static final class Source {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The run configuration (JSON).")
        Path config;

        @Option(names = "--resume", required = true, paramLabel = "DIR",
                description = "Continue the checkpointed run in DIR (its checkpoint.json) exactly where it stopped.")
        Path resume;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: lcn-out, or the resumed run's folder).")
    Path out;

    @Option(names = "--checkpoint-every", paramLabel = "SECONDS",
            description = "Save the whole state to checkpoint.json every SECONDS of wall-clock time (every"
                    + " built-in integrator; a plugin integrator must hand over its state).")
    Double checkpointEvery;

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (checkpointEvery != null && !(checkpointEvery > 0) || checkpointEvery != null && checkpointEvery.isInfinite()) {
            throw new IllegalArgumentException("--checkpoint-every must be > 0 seconds and finite, got " + checkpointEvery);
        }
        PluginRegistry registry = common.registry();
        RunConfig run;
        Checkpoint resumeFrom = null;
        if (source.resume != null) {
            CheckpointFiles.Saved saved = CheckpointFiles.read(source.resume, registry);
            run = saved.config();
            resumeFrom = saved.checkpoint();
            if (out == null) {
                out = source.resume;
            }
        } else {
            run = ConfigReader.read(source.config, registry);
        }
        if (out == null) {
            out = Path.of("lcn-out");
        }
        AtomicFiles.prepareFolder(out);
        FlowRunner runner = new FlowRunner(registry);
        GradientFlow flow = runner.prepare(run.spec());
        AtomicBoolean interrupted = new AtomicBoolean();
        Interrupts.onSigint(() -> interrupted.set(true));
        FlowObserver progress = Progress.of("train", run.spec().stop().tMax(), common.quiet);
        FlowObserver observer = new Cancelling(progress, interrupted);
        boolean resumable = flow.integrator().isResumable();
        Checkpoint.Sink sink = checkpointEvery == null && !resumable ? Checkpoint.Sink.NONE
                : new Saver(out, run, checkpointEvery, interrupted);
        long start = System.nanoTime();
        FlowRun result = resumeFrom == null ? flow.run(observer, sink) : flow.resume(resumeFrom, observer, sink);
        Training.Outcome outcome = new Training.Outcome(result, resumeFrom == null
                ? (System.nanoTime() - start) * 1e-9 : result.trajectory().last().seconds());
        String title = run.spec().loss() + " with " + run.spec().integrator();
        Training.write(out, run, outcome, title);
        Training.report(spec.commandLine().getOut(), title, outcome);
        spec.commandLine().getOut().println("  files              " + out.toAbsolutePath().normalize());
        if (interrupted.get()) {
            spec.commandLine().getErr().println("train: interrupted at t = " + result.result().time()
                    + (resumable ? "; continue with: lcn train --resume " + out : ""));
            return INTERRUPTED;
        }
        return 0;
    }

    /** Stops the run at the next step once interrupted. */
    private record Cancelling(FlowObserver next, AtomicBoolean interrupted) implements FlowObserver {
        @Override
        public void onStart(double t0, double[] w0, double value, double[] gradient) {
            next.onStart(t0, w0, value, gradient);
        }

        @Override
        public void onResume(IntegratorState state) {
            next.onResume(state);
        }

        @Override
        public boolean onStep(double t, double[] w, double value, double[] gradient) {
            return next.onStep(t, w, value, gradient) && !interrupted.get();
        }

        @Override
        public void onFinish(org.lcnflow.api.FlowResult result) {
            next.onFinish(result);
        }
    }

    /**
     * Saves a checkpoint every so many seconds, and at the step where Ctrl-C stops the run (when the
     * integrator can save its state: otherwise only the summary is written).
     */
    private static final class Saver implements Checkpoint.Sink {
        private final Path folder;
        private final RunConfig config;
        private final long everyNanos;
        private final AtomicBoolean interrupted;
        private long last = System.nanoTime();

        Saver(Path folder, RunConfig config, Double everySeconds, AtomicBoolean interrupted) {
            this.folder = folder;
            this.config = config;
            this.everyNanos = everySeconds == null ? Long.MAX_VALUE : (long) Math.min(9e18, everySeconds * 1e9);
            this.interrupted = interrupted;
        }

        @Override
        public boolean due(double t, long steps) {
            return interrupted.get() || System.nanoTime() - last >= everyNanos;
        }

        @Override
        public void save(Checkpoint checkpoint) {
            CheckpointFiles.write(folder, config, checkpoint);
            last = System.nanoTime();
        }
    }
}
