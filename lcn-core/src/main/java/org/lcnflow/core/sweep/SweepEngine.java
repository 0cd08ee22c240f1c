package org.lcnflow.core.sweep;

import org.lcnflow.api.Dataset;
import org.lcnflow.core.FlowRunner;
import org.lcnflow.core.FlowSpec;

/**
 * Where the runs of a landscape sweep are computed: in process on threads ({@link Landscape#run}), or elsewhere, e.g.
 * on a Spark cluster (lcn-spark's engine, found through a {@link SweepEngineProvider}). Every engine runs each seed as
 * {@link Landscape#runOne} does, so the rows are the same whatever the engine.
 */
public interface SweepEngine {

    /**
     * @param runner    resolves the spec's names (an engine that runs elsewhere resolves them there, by the same names)
     * @param spec      the problem; its initialization is replaced by {@code Seeded(firstSeed + i, scale)}
     * @param data      the data
     * @param firstSeed the seed of run 0
     * @param runs      how many runs, {@code >= 1}
     * @param scale     the initialization's standard deviation, {@code > 0}
     * @param listener  told of every finished run (in process: as it finishes; elsewhere: when the results are back)
     * @return the rows in seed order, and the problem's function-space optimum
     * @throws IllegalArgumentException for bad arguments, or a problem that cannot be run, naming it
     */
    Landscape.Result run(FlowRunner runner, FlowSpec spec, Dataset data, long firstSeed, int runs, double scale,
                         Landscape.Listener listener);
}
