package org.lcnflow.cli.config;

import java.nio.file.Path;

/**
 * Bad input in a configuration file, located by file, JSON path and (when known) line and column. The
 * {@code lcn} command reports it with exit code 2 and no stack trace.
 */
final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    ConfigException(Path file, String path, JsonLocations.Location location, String problem) {
        super(file + ": " + path + (location == null ? "" : " (" + location + ")") + ": " + problem);
    }

    ConfigException(Path file, JsonLocations.Location location, String problem) {
        super(file + (location == null ? "" : " " + location) + ": " + problem);
    }
}
