package org.lcnflow.examples.pluginloading;

import java.util.Map;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.FlowSpec;
import org.lcnflow.core.data.SyntheticDataSource;
import org.lcnflow.core.network.FinalFilter;
import org.lcnflow.core.network.Initialization;
import org.lcnflow.core.plugin.Component;

/**
 * The problem these tests train on: a two-layer LCN {@code d = (10, 8, 6)}, {@code k = (3, 3)}, strides 1,
 * and 30 samples from a teacher of the same architecture with small noise, a fifth of them with targets
 * corrupted by errors of size 10: outliers a robust loss should ignore.
 */
final class TeacherProblem {

    static final Architecture ARCHITECTURE = Architecture.of(10, new int[] {3, 3}, new int[] {1, 1});
    static final int SAMPLES = 30;
    static final long SEED = 3;
    static final double NOISE = 0.01;
    static final double OUTLIERS = 0.2;
    static final double OUTLIER_SCALE = 10;

    private TeacherProblem() {
    }

    /** @return the {@code synthetic} data source with this problem's parameters */
    static Component data() {
        return new Component("synthetic", Parameters.of(Map.of("m", SAMPLES, "seed", SEED, "noise", NOISE,
                "outliers", OUTLIERS, "outlierScale", OUTLIER_SCALE)));
    }

    /**
     * @param loss       the loss by name
     * @param integrator the integrator by name
     * @param stop       when to stop
     * @return the run, from seeded initial filters, recording every accepted step
     */
    static FlowSpec spec(Component loss, Component integrator, StopCondition stop) {
        return new FlowSpec(ARCHITECTURE, data(), loss, integrator, new Initialization.Seeded(1, 0.5), stop, 0);
    }

    /** @return the final filter of the teacher that generated the targets (before noise and outliers) */
    static double[] teacherFinalFilter() {
        SyntheticDataSource source = new SyntheticDataSource(SAMPLES, SEED, NOISE, OUTLIERS, OUTLIER_SCALE, 1);
        return FinalFilter.of(ARCHITECTURE, source.teacherFilters(ARCHITECTURE)).coefficients();
    }

    /** @return the Euclidean distance of two vectors of equal length */
    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }
}
