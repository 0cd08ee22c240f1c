package org.lcnflow.core.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.HessianField;
import org.lcnflow.api.Loss;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.core.endpoint.FinalFilterRisk;
import org.lcnflow.core.endpoint.PatchSums;
import org.lcnflow.core.flow.TrainingRisk;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.theory.BoundednessBound;

/**
 * Data cut into consecutive chunks whose sums are added in chunk order, as a cluster's partitions would give them:
 * the {@link PatchSums.Source} and {@link TrainingRisk} of data that are not in one place, for comparing with the
 * analysis of the same data in memory.
 */
public final class ChunkedData implements PatchSums.Source, TrainingRisk {

    private final Architecture architecture;
    private final Dataset data;
    private final Loss loss;
    private final List<Dataset> chunks = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    /** Sums asked for, one per pass over all chunks. */
    public int passes;

    /**
     * @param architecture the network
     * @param data         the samples
     * @param loss         the loss
     * @param chunkSamples samples per chunk (the last may have fewer)
     */
    public ChunkedData(Architecture architecture, Dataset data, Loss loss, int chunkSamples) {
        this.architecture = architecture;
        this.data = data;
        this.loss = loss;
        double[][] x = data.inputs();
        double[][] y = data.targets();
        for (int start = 0; start < x.length; start += chunkSamples) {
            int end = Math.min(x.length, start + chunkSamples);
            chunks.add(new Dataset(Arrays.copyOfRange(x, start, end), Arrays.copyOfRange(y, start, end)));
            offsets.add(start);
        }
    }

    /** @return the number of chunks */
    public int chunkCount() {
        return chunks.size();
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public Loss loss() {
        return loss;
    }

    @Override
    public double value(double[] v) {
        passes++;
        double total = 0.0;
        for (Dataset chunk : chunks) {
            total += PatchSums.value(architecture, chunk, loss, v);
        }
        return total;
    }

    @Override
    public double[] gradient(double[] v) {
        passes++;
        double[] total = new double[v.length];
        for (Dataset chunk : chunks) {
            double[] g = PatchSums.gradient(architecture, chunk, loss, v);
            for (int n = 0; n < total.length; n++) {
                total[n] += g[n];
            }
        }
        return total;
    }

    @Override
    public PatchSums.Curvature curvature(double[] v) {
        passes++;
        PatchSums.Curvature total = null;
        for (int c = 0; c < chunks.size(); c++) {
            PatchSums.Curvature part = PatchSums.curvature(architecture, chunks.get(c), (SeparableLoss) loss, v,
                    offsets.get(c));
            total = total == null ? part : total.add(part);
        }
        return total;
    }

    @Override
    public PatchSums.Moments moments() {
        passes++;
        PatchSums.Moments total = null;
        for (Dataset chunk : chunks) {
            PatchSums.Moments part = PatchSums.moments(architecture, chunk);
            total = total == null ? part : total.add(part);
        }
        return total;
    }

    @Override
    public long sampleCount() {
        return data.sampleCount();
    }

    @Override
    public HessianField field() {
        return EmpiricalRisk.of(architecture, data, loss);
    }

    @Override
    public BoundednessBound boundednessBound() {
        BoundednessBound.InputGram total = null;
        for (Dataset chunk : chunks) {
            BoundednessBound.InputGram part = BoundednessBound.InputGram.of(chunk);
            total = total == null ? part : total.add(part);
        }
        double scale = total.scale();
        return BoundednessBound.of(loss, total, solve -> {
            double sum = 0.0;
            for (Dataset chunk : chunks) {
                sum += BoundednessBound.solvedL1(chunk, solve, scale);
            }
            return sum;
        });
    }

    @Override
    public FinalFilterRisk finalFilterRisk() {
        return PatchSums.risk(this);
    }
}
