package org.lcnflow.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.FlowObserver;
import org.lcnflow.api.FlowResult;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * A user's integrator plugin that cannot hand over its state (every built-in one can): explicit Euler by
 * delegation, without {@link FlowIntegrator#isResumable()}. {@link #writeJar} puts its services file in a
 * plugin jar; the class itself comes from the test class path through the plugin loader's parent.
 */
public final class NonResumablePlugin implements IntegratorProvider {

    /** The name configurations use. */
    static final String NAME = "plugin-euler";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "explicit Euler by delegation, not resumable (a test plugin)";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("step", "the step; required");
    }

    @Override
    public FlowIntegrator create(Parameters parameters) {
        FlowIntegrator euler = PluginRegistry.load().integrator("euler", parameters);
        return new FlowIntegrator() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public FlowResult integrate(GradientField field, double[] w0, StopCondition stop, FlowObserver observer) {
                return euler.integrate(field, w0, stop, observer);
            }
        };
    }

    /** Writes a plugin jar listing this provider into {@code folder}. */
    static void writeJar(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (OutputStream file = Files.newOutputStream(folder.resolve("non-resumable.jar"));
             JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + IntegratorProvider.class.getName()));
            jar.write((NonResumablePlugin.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}
