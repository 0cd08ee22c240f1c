package org.lcnflow.spark;

import java.io.Serializable;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.core.endpoint.PatchSums;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.risk.engine.QuadraticForm;
import org.lcnflow.core.risk.engine.SampleBlocks;
import org.lcnflow.core.theory.BoundednessBound;

/**
 * A fixed run of consecutive samples ({@code index * size} to {@code (index + 1) * size - 1} in the data's order),
 * held by one executor: its samples, and once it has been evaluated there, their {@link EmpiricalRisk} in the
 * block layout of lcn-core's data pass (built on the executor, never shipped). Which partition holds a chunk does
 * not change what it computes, so the sums over chunks in chunk order are the same bits for any partitioning.
 */
final class Chunk implements Serializable {

    private static final long serialVersionUID = 1L;

    final int index;
    /** The number of the chunk's first sample in the data's order, from 0. */
    private final long first;
    private double[][] inputs;
    private double[][] targets;
    private transient EmpiricalRisk risk;
    private transient Loss loss;

    Chunk(int index, long first, double[][] inputs, double[][] targets) {
        this.index = index;
        this.first = first;
        this.inputs = inputs;
        this.targets = targets;
    }

    /**
     * @param spec the risk (its loss separable)
     * @param w    the point
     * @return the chunk's value, gradient and Hessian at {@code w}: {@code [L_c, dL_c/dw..., d2L_c/dw2 (row-major)...]}
     */
    double[] evaluateWithHessian(RiskSpec spec, double[] w) {
        risk(spec);
        int n = w.length;
        double[] result = new double[1 + n + n * n];
        double[] gradient = new double[n];
        double[] hessian = new double[n * n];
        result[0] = risk.valueGradientAndHessian(w, gradient, hessian);
        System.arraycopy(gradient, 0, result, 1, n);
        System.arraycopy(hessian, 0, result, 1 + n, n * n);
        return result;
    }

    /**
     * The chunk's risk, built at its first evaluation; the samples themselves are then dropped (the risk holds them in
     * its own layout), so a cached chunk holds its data once. A chunk that is evicted is rebuilt from the data.
     */
    private void risk(RiskSpec spec) {
        if (risk == null) {
            risk = spec.risk(new Dataset(inputs, targets));
            inputs = null;
            targets = null;
        }
    }

    /**
     * @param spec the risk
     * @return the quadratic form's statistics of the chunk's samples (one sweep over them)
     */
    QuadraticForm.Statistics statistics(RiskSpec spec) {
        if (inputs == null) {
            throw new IllegalStateException("chunk " + index + " was evaluated: its samples are in its risk's layout");
        }
        return QuadraticForm.statistics(SampleBlocks.of(spec.architecture(), new Dataset(inputs, targets)));
    }

    /**
     * @param spec the risk
     * @param w    the point
     * @return the chunk's value and gradient at {@code w}: {@code [L_c, dL_c/dw...]}
     */
    double[] evaluate(RiskSpec spec, double[] w) {
        risk(spec);
        double[] result = new double[w.length + 1];
        double[] gradient = new double[w.length];
        result[0] = risk.valueAndGradient(w, gradient);
        System.arraycopy(gradient, 0, result, 1, w.length);
        return result;
    }

    // ---- the end point's sums (lcn-core's PatchSums) and the boundedness bound's, beside the flow ----

    /** @return the chunk's samples: its own, or rebuilt from its risk's layout once it has one (a copy) */
    private Dataset samples() {
        return inputs != null ? new Dataset(inputs, targets) : risk.data();
    }

    private Loss loss(RiskSpec spec) {
        if (loss == null) {
            loss = spec.resolveLoss();
        }
        return loss;
    }

    PatchSums.Moments moments(RiskSpec spec) {
        return PatchSums.moments(spec.architecture(), samples());
    }

    double finalFilterValue(RiskSpec spec, double[] v) {
        return PatchSums.value(spec.architecture(), samples(), loss(spec), v);
    }

    double[] finalFilterGradient(RiskSpec spec, double[] v) {
        return PatchSums.gradient(spec.architecture(), samples(), loss(spec), v);
    }

    PatchSums.Curvature curvature(RiskSpec spec, double[] v) {
        return PatchSums.curvature(spec.architecture(), samples(), (SeparableLoss) loss(spec), v, first);
    }

    BoundednessBound.InputGram inputGram() {
        return BoundednessBound.InputGram.of(samples());
    }

    double solvedL1(double[] solve, double scale) {
        return BoundednessBound.solvedL1(samples(), solve, scale);
    }
}
