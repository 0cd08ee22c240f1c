package org.lcnflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.DataSource;
import org.lcnflow.api.Dataset;
import org.lcnflow.cli.config.ConfigReader;
import org.lcnflow.cli.config.RunConfig;
import org.lcnflow.cli.report.AtomicFiles;
import org.lcnflow.cli.run.Training;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.data.SyntheticDataSource;
import org.lcnflow.core.network.FinalFilter;
import org.lcnflow.core.plugin.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lcn demo}: a 3-layer LCN with strides on a synthetic teacher problem with outliers, trained with
 * the square loss and with the robust pseudo-Huber loss, each run checked against the theory.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a 3-layer strided LCN on a teacher problem with outliers, square loss against"
                + " pseudo-Huber; print what the theory promises and write the files of both runs.")
final class DemoCommand implements Callable<Integer> {

    static final String[] LOSSES = {"{\"name\": \"square\"}", "{\"name\": \"pseudo-huber\", \"delta\": 0.5}"};
    static final String[] FOLDERS = {"square", "pseudo-huber"};

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "lcn-demo-out",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static String config(String loss) {
        return "{\n"
                + "  \"architecture\": {\"d0\": 27, \"widths\": [3, 3, 2], \"strides\": [1, 2, 1]},\n"
                + "  \"data\": {\"source\": \"synthetic\", \"m\": 120, \"seed\": 3, \"noise\": 0.05,"
                + " \"outliers\": 0.1, \"outlierScale\": 20},\n"
                + "  \"loss\": " + loss + ",\n"
                + "  \"integrator\": {\"name\": \"auto\", \"rtol\": 1e-8, \"atol\": 1e-8},\n"
                + "  \"init\": {\"seed\": 7, \"scale\": 0.5},\n"
                + "  \"stop\": {\"tMax\": 100, \"gradientTolerance\": 1e-8, \"maxSteps\": 1000000},\n"
                + "  \"record\": {\"every\": 0}\n"
                + "}\n";
    }

    @Override
    public Integer call() {
        PluginRegistry registry = common.registry();
        PrintWriter console = spec.commandLine().getOut();
        AtomicFiles.prepareFolder(out);
        FlowRunner runner = new FlowRunner(registry);
        console.println("lcn demo: a 3-layer LCN (d0 = 27, widths 3,3,2, strides 1,2,1) on 120 samples from a"
                + " teacher LCN, 10% of targets corrupted by outliers");
        console.println();
        for (int i = 0; i < LOSSES.length; i++) {
            Path file = out.resolve("demo-" + FOLDERS[i] + ".json");
            AtomicFiles.writeString(file, config(LOSSES[i]));
            RunConfig run = ConfigReader.read(file, registry);
            Architecture a = run.spec().architecture();
            DataSource source = registry.dataSource(run.spec().data().name(), run.spec().data().parameters());
            Dataset data = source.load(a);
            Training.Outcome outcome = Training.run(runner, run.spec(), data, FOLDERS[i], common.quiet);
            String title = run.spec().loss() + " with " + run.spec().integrator();
            Training.write(out.resolve(FOLDERS[i]), run, outcome, title);
            Training.report(console, title, outcome);
            if (source instanceof SyntheticDataSource synthetic) {
                double[] teacher = FinalFilter.of(a, synthetic.teacherFilters(a)).coefficients();
                double[] learned = FinalFilter.of(a, outcome.run().result().parameters()).coefficients();
                double error = 0;
                double size = 0;
                for (int n = 0; n < teacher.length; n++) {
                    error += Math.abs(learned[n] - teacher[n]);
                    size += Math.abs(teacher[n]);
                }
                console.printf(Locale.ROOT, "  teacher recovery   ||v - v_teacher||_1 / ||v_teacher||_1 = %.4f%n",
                        error / size);
            }
            console.println();
        }
        console.println("files: " + out.toAbsolutePath().normalize());
        console.flush();
        return 0;
    }
}
