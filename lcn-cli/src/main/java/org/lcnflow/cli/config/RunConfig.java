package org.lcnflow.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.lcnflow.core.FlowSpec;

/**
 * A configuration file, read and checked.
 *
 * @param file     where it came from
 * @param spec     the run it describes
 * @param resolved the configuration with every default filled in and paths made absolute
 */
public record RunConfig(Path file, FlowSpec spec, ObjectNode resolved) {
}
