package org.lcnflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.cli.config.ComponentList;
import org.lcnflow.cli.report.AtomicFiles;
import org.lcnflow.cli.report.Charts;
import org.lcnflow.cli.report.LossCurves;
import org.lcnflow.core.plugin.Component;
import org.lcnflow.core.plugin.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lcn losses}: the paper's Figure 1, every loss over residuals in [-4, 4], as PNG and CSV. */
@Command(name = "losses", mixinStandardHelpOptions = true,
        description = "Draw the paper's Figure 1: the losses over residuals in [-4, 4] (one coordinate, target 0);"
                + " write figure1.png and figure1.csv.")
final class LossesCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--losses", paramLabel = "LIST", description = "Losses to draw, e.g. lp(p=1),square,"
            + "log-cosh(alpha=2) (default: every registered loss with default parameters, and lp(p=1)).")
    String losses;

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PluginRegistry registry = common.registry();
        List<Component> chosen = new ArrayList<>();
        if (losses == null) {
            for (String name : registry.lossNames()) {
                chosen.add(Component.of(name));
            }
            if (registry.lossNames().contains("lp")) {
                chosen.add(new Component("lp", Parameters.of(java.util.Map.of("p", 1))));
            }
        } else {
            chosen.addAll(ComponentList.parse("--losses", losses));
        }
        List<Loss> created = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Component c : chosen) {
            Loss loss = registry.loss(c.name(), c.parameters());
            created.add(loss);
            names.add(loss.toString());
        }
        double[][] table = LossCurves.figure1(created);
        AtomicFiles.prepareFolder(out);
        StringBuilder csv = new StringBuilder("r");
        for (String name : names) {
            csv.append(",\"").append(name).append('"');
        }
        csv.append('\n');
        for (int k = 0; k < table[0].length; k++) {
            csv.append(table[0][k]);
            for (int i = 1; i < table.length; i++) {
                csv.append(',').append(table[i][k]);
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(out.resolve("figure1.csv"), csv.toString());
        XYChart chart = Charts.chart("Figure 1: loss functions for differences x - y in [-4, 4]", "x - y",
                "loss (one coordinate)", false);
        for (int i = 1; i < table.length; i++) {
            Charts.line(chart, names.get(i - 1), table[0], table[i]);
        }
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideN);
        chart.getStyler().setYAxisDecimalPattern("#0.#");
        Charts.save(out.resolve("figure1.png"), List.of(chart));
        spec.commandLine().getOut().println("wrote figure1.png and figure1.csv (" + names.size() + " losses) to "
                + out.toAbsolutePath().normalize());
        return 0;
    }
}
