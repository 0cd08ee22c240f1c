package org.lcnflow.cli;

import java.nio.file.Path;
import org.lcnflow.core.plugin.PluginRegistry;
import picocli.CommandLine.Option;

/** Options every command shares: {@code --plugins DIR} and {@code --quiet}. */
final class CommonOptions {

    @Option(names = "--plugins", paramLabel = "DIR", description = "Load every plugin jar in DIR as well.")
    Path plugins;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no log lines.")
    boolean quiet;

    /** @return the built-in plugins and those of {@code --plugins} */
    PluginRegistry registry() {
        return plugins == null ? PluginRegistry.load() : PluginRegistry.fromDirectory(plugins);
    }
}
