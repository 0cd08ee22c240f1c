package org.lcnflow.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lcnflow.api.PluginProvider;
import org.lcnflow.core.plugin.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lcn plugins}: every loss, integrator and data source with its parameters. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List every loss, integrator and data source with its parameters, defaults and allowed ranges.")
final class PluginsCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PluginRegistry registry = common.registry();
        PrintWriter out = spec.commandLine().getOut();
        section(out, "losses", registry.lossProviders());
        section(out, "integrators", registry.integratorProviders());
        section(out, "data sources", registry.dataSourceProviders());
        out.flush();
        return 0;
    }

    private static void section(PrintWriter out, String title, Map<String, ? extends PluginProvider<?>> providers) {
        out.println(title + ":");
        providers.forEach((name, provider) -> {
            out.println("  " + name + "  - " + provider.description());
            if (provider.parameters().isEmpty()) {
                out.println("      (no parameters)");
            }
            provider.parameters().forEach((key, meaning) -> out.println("      " + key + ": " + meaning));
        });
        out.println();
    }
}
