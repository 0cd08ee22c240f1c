package org.lcnflow.bench;

import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.core.network.FinalFilter;
import org.lcnflow.core.network.InitialFilters;
import org.lcnflow.core.plugin.PluginRegistry;

/**
 * The benchmark problems of issue 8, with data made from a seed so that every run, and the peers through
 * the exported {@code .npy} files, see the same numbers.
 *
 * <p>Data: inputs i.i.d. Gaussian with standard deviation {@code 1/sqrt(m d_N)}, so that the Gram matrix of
 * the patches is near the identity and the flow's time scale is about 1 whatever the size; targets from a
 * teacher LCN of the same architecture, plus Gaussian noise of a tenth of the input scale and, on 5% of the
 * samples, outliers three times the input scale (where pseudo-Huber differs from the square loss).
 */
public enum Problem {

    /** {@code N = 3}, widths 3, 3, 3, strides 1, {@code d0 = 32}, {@code m = 64}. */
    SMALL(32, new int[] {3, 3, 3}, new int[] {1, 1, 1}, 64),
    /** {@code N = 4}, widths 5, strides 1, 2, 1, 2, {@code d0 = 257} (eq. (1.2): d = 257, 253, 125, 121, 59), {@code m = 1000}. */
    MEDIUM(257, new int[] {5, 5, 5, 5}, new int[] {1, 2, 1, 2}, 1000),
    /** {@code N = 5}, widths 5, strides 1, {@code d0 = 1024}, {@code m = 10000}. */
    LARGE(1024, new int[] {5, 5, 5, 5, 5}, new int[] {1, 1, 1, 1, 1}, 10000);

    /** The end time of every benchmark flow. */
    public static final double FLOW_TIME = 2.0;
    /** Relative and absolute tolerance of the {@code dormand-prince-853} comparison with SciPy. */
    public static final double DP853_RTOL = 1e-10;
    /** See {@link #DP853_RTOL}. */
    public static final double DP853_ATOL = 1e-12;
    /** The pseudo-Huber transition scale. */
    public static final double DELTA = 1.0;

    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    private final int inputDimension;
    private final int[] widths;
    private final int[] strides;
    private final int samples;

    Problem(int inputDimension, int[] widths, int[] strides, int samples) {
        this.inputDimension = inputDimension;
        this.widths = widths;
        this.strides = strides;
        this.samples = samples;
    }

    /** @param name {@code small}, {@code medium} or {@code large} @return the problem */
    public static Problem of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** @return e.g. {@code medium} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the architecture */
    public Architecture architecture() {
        return Architecture.of(inputDimension, widths, strides);
    }

    /** @return the sample count */
    public int samples() {
        return samples;
    }

    /** @return the problem's data with its own sample count */
    public Dataset data() {
        return data(samples);
    }

    /**
     * @param m the number of samples (the scaling benchmark varies it)
     * @return the data, the same for the same {@code m} on every machine
     */
    public Dataset data(int m) {
        Architecture a = architecture();
        Random random = new Random(8_000 + 31L * ordinal() + m);
        int d0 = a.inputDimension();
        int dN = a.outputDimension();
        double scale = 1.0 / Math.sqrt((double) m * dN);
        FinalFilter teacher = FinalFilter.of(a, InitialFilters.gaussian(a, 17 + ordinal(), 0.7));
        double[][] x = new double[m][d0];
        double[][] y = new double[m][dN];
        for (int i = 0; i < m; i++) {
            for (int t = 0; t < d0; t++) {
                x[i][t] = scale * random.nextGaussian();
            }
            boolean outlier = random.nextDouble() < 0.05;
            for (int j = 0; j < dN; j++) {
                double z = 0;
                for (int n = 0; n < teacher.width(); n++) {
                    z += teacher.get(n) * x[i][j * teacher.stride() + n];
                }
                y[i][j] = z + 0.1 * scale * random.nextGaussian() + (outlier ? 3 * scale * random.nextGaussian() : 0);
            }
        }
        return new Dataset(x, y);
    }

    /** @return the initial filters of every benchmark flow */
    public double[] initialFilters() {
        return InitialFilters.gaussian(architecture(), 5 + ordinal(), 0.5);
    }

    /**
     * @param name {@code square} or {@code pseudo-huber} (with {@link #DELTA})
     * @return the built-in loss
     */
    public static Loss loss(String name) {
        return name.equals("pseudo-huber") ? REGISTRY.loss(name, Parameters.of(Map.of("delta", DELTA)))
                : REGISTRY.loss(name, Parameters.empty());
    }

    /**
     * The integrators of the flow benchmark, each at settings for a flow to {@link #FLOW_TIME}: fixed steps
     * of {@code 1e-3} (Euler) and {@code 1e-2} (RK4); the adaptive ones at {@code rtol 1e-10},
     * {@code atol 1e-12} ({@code dormand-prince-54} and {@code auto}, which starts with it, at {@code rtol 1e-8}).
     *
     * @param name the provider name
     * @return the integrator
     */
    public static FlowIntegrator integrator(String name) {
        switch (name) {
            case "euler":
                return REGISTRY.integrator(name, Parameters.of(Map.of("step", 1e-3)));
            case "rk4":
                return REGISTRY.integrator(name, Parameters.of(Map.of("step", 1e-2)));
            case "dormand-prince-54":
            case "auto":
                return REGISTRY.integrator(name, Parameters.of(Map.of("rtol", 1e-8, "atol", DP853_ATOL)));
            default:
                return REGISTRY.integrator(name, Parameters.of(Map.of("rtol", DP853_RTOL, "atol", DP853_ATOL)));
        }
    }

    /** @return the multiply-adds-times-two of one pass over the data, {@code 4 m d_N k_v} floating-point operations */
    public static double passFlops(Architecture a, int m) {
        return 4.0 * m * a.outputDimension() * a.finalWidth();
    }
}
