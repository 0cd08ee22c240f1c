package org.lcnflow.core;

import java.util.Objects;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.Component;

/**
 * A run described by names, as a configuration file describes it: the architecture, the data source,
 * the loss and the integrator by name and parameters, the initialization, the stop condition and the
 * recording interval. {@link FlowRunner} resolves the names through a {@link org.lcnflow.core.plugin.PluginRegistry PluginRegistry}.
 *
 * @param architecture the network
 * @param data         the data source
 * @param loss         the loss
 * @param integrator   the integrator
 * @param init         the initial filters
 * @param stop         when to stop
 * @param recordEvery  trajectory recording interval in time ({@code 0}: every accepted step)
 */
public record FlowSpec(Architecture architecture, Component data, Component loss, Component integrator,
                       Initialization init, StopCondition stop, double recordEvery) {

    /** Checks for nulls and the recording interval. */
    public FlowSpec {
        Objects.requireNonNull(architecture, "architecture is null");
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(loss, "loss is null");
        Objects.requireNonNull(integrator, "integrator is null");
        Objects.requireNonNull(init, "init is null");
        Objects.requireNonNull(stop, "stop is null");
        if (!(recordEvery >= 0) || Double.isInfinite(recordEvery)) {
            throw new IllegalArgumentException("record interval must be >= 0 and finite (0 records every step), got "
                    + recordEvery);
        }
    }

    /**
     * @param integrator another integrator
     * @return this run with that integrator (for comparisons)
     */
    public FlowSpec withIntegrator(Component integrator) {
        return new FlowSpec(architecture, data, loss, integrator, init, stop, recordEvery);
    }

    /**
     * @param every the recording interval, {@code 0} for every accepted step
     * @return this specification recording at that interval
     */
    public FlowSpec withRecordEvery(double every) {
        return new FlowSpec(architecture, data, loss, integrator, init, stop, every);
    }
}
