package org.lcnflow.core.flow;

import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.HessianField;
import org.lcnflow.api.Loss;
import org.lcnflow.core.endpoint.ConvexOptimum;
import org.lcnflow.core.endpoint.FinalFilterRisk;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.theory.BoundednessBound;

/**
 * The risk of data in memory ({@link TrainingRisk#inMemory}, and every {@link GradientFlow} built on data): forks of
 * one {@link EmpiricalRisk} for the runs, and what the checks need from the data, each computed once, at its first use.
 */
final class SharedRisk implements TrainingRisk {
    private final Dataset data;
    private final EmpiricalRisk risk;
    private BoundednessBound bound;
    private FinalFilterRisk finalFilterRisk;
    private ConvexOptimum optimum;

    SharedRisk(Dataset data, EmpiricalRisk risk) {
        this.data = data;
        this.risk = risk;
    }

    EmpiricalRisk empiricalRisk() {
        return risk;
    }

    @Override
    public Architecture architecture() {
        return risk.architecture();
    }

    @Override
    public Loss loss() {
        return risk.loss();
    }

    @Override
    public long sampleCount() {
        return data.sampleCount();
    }

    @Override
    public HessianField field() {
        return risk.fork();
    }

    @Override
    public synchronized BoundednessBound boundednessBound() {
        if (bound == null) {
            bound = BoundednessBound.of(data, risk.loss());
        }
        return bound;
    }

    @Override
    public synchronized FinalFilterRisk finalFilterRisk() {
        if (finalFilterRisk == null) {
            finalFilterRisk = FinalFilterRisk.of(risk.architecture(), data, risk.loss());
        }
        return finalFilterRisk;
    }

    @Override
    public synchronized ConvexOptimum convexOptimum() {
        if (optimum == null) {
            optimum = ConvexOptimum.of(finalFilterRisk());
        }
        return optimum;
    }

    @Override
    public String toString() {
        return risk.toString();
    }
}
