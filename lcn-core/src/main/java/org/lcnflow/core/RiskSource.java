package org.lcnflow.core;

import org.lcnflow.api.DataSource;
import org.lcnflow.core.flow.TrainingRisk;
import org.lcnflow.core.risk.RiskOptions;

/**
 * A data source whose samples need not come into memory: besides {@link #load}, it gives a run's risk itself, e.g.
 * evaluated over the partitions of a cluster. {@link FlowRunner#prepare(FlowSpec)} trains on {@link #risk} when a
 * run's source is one, and the run's trajectory and diagnostics are those of data in memory.
 */
public interface RiskSource extends DataSource {

    /**
     * @param spec    the run: its architecture and loss (by provider name and parameters, so that a source can
     *                resolve the loss where its samples are)
     * @param options how the risk would be evaluated in memory, with the run's gradient tolerance; a source uses
     *                what applies to it
     * @return the risk over the source's samples
     * @throws IllegalArgumentException when the data are missing, malformed or do not fit the architecture, naming
     *                                  the path, column, row or parameter
     */
    TrainingRisk risk(FlowSpec spec, RiskOptions options);
}
