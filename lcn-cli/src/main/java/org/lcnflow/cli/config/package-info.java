/**
 * Reading a run's configuration file ({@code ConfigReader} into a {@code RunConfig}): the architecture,
 * data source, loss, integrator, initialization, stop rule and recording interval, each validated with an
 * error ({@code ConfigException}) that names the file, the JSON path, line and column
 * ({@code JsonLocations}) and what is allowed; and component lists such as
 * {@code euler(step=1e-3),rk4(step=1e-2)} on the command line ({@code ComponentList}).
 */
package org.lcnflow.cli.config;
