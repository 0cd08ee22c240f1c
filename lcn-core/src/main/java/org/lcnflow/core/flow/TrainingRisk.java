package org.lcnflow.core.flow;

import org.lcnflow.api.Architecture;
import org.lcnflow.api.HessianField;
import org.lcnflow.api.Loss;
import org.lcnflow.core.endpoint.FinalFilterRisk;
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
}
