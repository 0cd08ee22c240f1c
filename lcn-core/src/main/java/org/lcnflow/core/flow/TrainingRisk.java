package org.lcnflow.core.flow;

import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.HessianField;
import org.lcnflow.api.Loss;
import org.lcnflow.core.endpoint.ConvexOptimum;
import org.lcnflow.core.endpoint.FinalFilterRisk;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.risk.RiskOptions;
import org.lcnflow.core.theory.BoundednessBound;

/**
 * The empirical risk a flow minimises, {@code L(w) = sum_i loss(V x_i, y_i)} (eq. (1.3)), with what a run's checks
 * need from its data: the ingredients of the boundedness bound (Lemma 3.6) and the risk as a function of the final
 * filter, for the end point's analysis. {@link GradientFlow} makes one of data in memory; a {@link org.lcnflow.core.RiskSource} whose
 * samples stay elsewhere (lcn-spark's, over a cluster) gives its own, and the run, its trajectory and every
 * diagnostic are the same as for data in memory.
 */
public interface TrainingRisk {

    /** @return the network */
    Architecture architecture();

    /** @return the loss */
    Loss loss();

    /** @return the number of samples {@code m} */
    long sampleCount();

    /**
     * @return an evaluator of {@code L} and its gradient (and its Hessian where it has one) for one run, used on one
     *         thread at a time
     */
    HessianField field();

    /** @return the bound's ingredients; may take a pass over the data, at most once */
    BoundednessBound boundednessBound();

    /** @return the risk as a function of the final filter, for {@code EndPoint.analyze} */
    FinalFilterRisk finalFilterRisk();

    /**
     * @return the minimum of the risk over all final filters ({@code ConvexOptimum.of(finalFilterRisk())}); it depends
     *         on the data and the loss alone, so an implementation may compute it once for all its runs
     */
    default ConvexOptimum convexOptimum() {
        return ConvexOptimum.of(finalFilterRisk());
    }

    /**
     * The risk of data in memory for many runs at once, e.g. the runs of a landscape sweep: one layout of the data
     * (each run's {@link #field()} is a fork of one {@link EmpiricalRisk}), and the boundedness bound, the risk as a
     * function of the final filter and its minimum computed once, at their first use, for all of them. Every run
     * gives the bits it gives on a risk of its own. Thread-safe.
     *
     * @param architecture the network
     * @param data         the samples
     * @param loss         the loss
     * @param options      how the risk is evaluated, with the runs' gradient tolerance
     * @return the shared risk
     */
    static TrainingRisk inMemory(Architecture architecture, Dataset data, Loss loss, RiskOptions options) {
        return new SharedRisk(data, EmpiricalRisk.of(architecture, data, loss, options));
    }
}
