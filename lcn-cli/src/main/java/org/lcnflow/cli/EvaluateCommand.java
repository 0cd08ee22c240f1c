package org.lcnflow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lcnflow.api.Architecture;
import org.lcnflow.cli.config.ConfigReader;
import org.lcnflow.cli.config.RunConfig;
import org.lcnflow.cli.report.Reports;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.network.FinalFilter;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lcn evaluate}: the risk, its gradient and the final filter at the initial filters, as JSON. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Print JSON with loss, gradient (flat, layer order), gradientNorm and finalFilter at the"
                + " configuration's initial filters, and the dimensions.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The run configuration (JSON).")
    Path config;

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PluginRegistry registry = common.registry();
        RunConfig run = ConfigReader.read(config, registry);
        FlowRunner runner = new FlowRunner(registry);
        Architecture a = run.spec().architecture();
        EmpiricalRisk risk = EmpiricalRisk.of(a, runner.loadData(run.spec()),
                registry.loss(run.spec().loss().name(), run.spec().loss().parameters()));
        double[] w = run.spec().init().filters(a);
        double[] gradient = new double[w.length];
        double loss = risk.valueAndGradient(w, gradient);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        Reports.number(node, "loss", loss);
        Reports.array(node.putArray("gradient"), gradient);
        Reports.number(node, "gradientNorm", org.lcnflow.api.VectorNorms.euclidean(gradient));
        Reports.array(node.putArray("finalFilter"), FinalFilter.of(a, w).coefficients());
        Reports.array(node.putArray("filters"), w);
        ObjectNode dims = node.putObject("dimensions");
        for (int d : a.dimensions()) {
            dims.withArray("d").add(d);
        }
        dims.put("inputDimension", a.inputDimension());
        dims.put("outputDimension", a.outputDimension());
        dims.put("finalWidth", a.finalWidth());
        dims.put("finalStride", a.finalStride());
        dims.put("parameterCount", a.parameterCount());
        dims.put("samples", risk.sampleCount());
        spec.commandLine().getOut().println(Reports.json(node));
        return 0;
    }
}
