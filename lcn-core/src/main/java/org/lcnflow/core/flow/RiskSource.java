package org.lcnflow.core.flow;

import org.lcnflow.api.Architecture;
import org.lcnflow.api.DataSource;
import org.lcnflow.api.Loss;
import org.lcnflow.core.risk.RiskOptions;

/**
 * A data source whose samples need not come into memory: besides {@link #load}, it gives the flow's risk itself, e.g.
 * evaluated over the partitions of a cluster. {@code FlowRunner} trains on {@link #risk} when a run's source is one.
 */
public interface RiskSource extends DataSource {

    /**
     * @param architecture the network
     * @param loss         the loss
     * @param options      how the caller would evaluate the risk in memory (the gradient tolerance is the run's); a
     *                     source uses what applies to it
     * @return the risk over the source's samples
     * @throws IllegalArgumentException when the data are missing, malformed or do not fit the architecture, naming
     *                                  the path, column, row or parameter
     */
    TrainingRisk risk(Architecture architecture, Loss loss, RiskOptions options);
}
