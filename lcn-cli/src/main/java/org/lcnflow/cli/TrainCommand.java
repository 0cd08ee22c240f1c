package org.lcnflow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lcn train}: one run. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an LCN by gradient flow as the configuration says; write summary.json, trajectory.csv,"
                + " loss.png and balancedness.png.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The run configuration (JSON).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "lcn-out",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Mixin
    Lcn.Common common = new Lcn.Common();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PluginRegistry registry = common.registry();
        RunConfig run = ConfigReader.read(config, registry);
        AtomicFiles.prepareFolder(out);
        FlowRunner runner = new FlowRunner(registry);
        Training.Outcome outcome = Training.run(runner, run.spec(), runner.loadData(run.spec()), "train",
                common.quiet);
        String title = run.spec().loss().toString() + " with " + run.spec().integrator();
        Training.write(out, run, outcome, title);
        Training.report(spec.commandLine().getOut(), title, outcome);
        spec.commandLine().getOut().println("  files              " + out.toAbsolutePath().normalize());
        return 0;
    }
}
