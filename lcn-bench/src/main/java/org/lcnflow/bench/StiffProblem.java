package org.lcnflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.Loss;
import org.lcnflow.api.Parameters;
import org.lcnflow.api.StopCondition;
import org.lcnflow.core.network.InitialFilters;
import org.lcnflow.core.plugin.PluginRegistry;
import org.lcnflow.core.risk.EmpiricalRisk;
import org.lcnflow.core.risk.RiskOptions;

/**
 * The stiff problem of issue 16, on which lcn-flow's implicit integrators race SciPy's {@code solve_ivp}
 * (LSODA, BDF, Radau, each given the exact Hessian): the gradient flow {@code dw/dt = -grad L(w)} of
 * eq. (1.4) for a 3-layer LCN ({@code d0 = 27}, widths 3, 3, 2, strides 1, 2, 1) with the pseudo-Huber loss
 * ({@code delta = 0.5}) on 200 samples of the {@code synthetic} data source (seed 3, noise 0.05, 10% outliers of
 * scale 20), from seeded initial filters (seed 7, scale 0.5), until {@code ||grad L|| <= 1e-8}
 * ({@code tMax = 100}), at {@code rtol = atol = 1e-8}. The outliers spread the Hessian's eigenvalues over many
 * orders of magnitude, the stiffness implicit methods are for (Hairer and Wanner, Solving ODEs II, Sec. IV.1).
 *
 * <p>The integrators are looked up by name in the {@link PluginRegistry}; {@link #CANDIDATES} lists the implicit
 * ones the issue names, and {@link #registeredIntegrators()} those of them a build actually has, so the
 * benchmark runs today with {@code radau-iia-5} alone and picks the others up once their providers are
 * registered.
 */
public final class StiffProblem {

    /** The implicit integrators the benchmark races, in the order reported; unregistered ones are skipped. */
    public static final List<String> CANDIDATES = List.of("rosenbrock", "radau-iia-5", "bdf", "auto");
    /** The stop test: {@code ||grad L(w)||_2 <= GRADIENT_TOLERANCE}. */
    public static final double GRADIENT_TOLERANCE = 1e-8;
    /** The end time, should the tolerance not be reached before. */
    public static final double T_MAX = 100.0;
    /** The relative tolerance of every integrator, lcn-flow's and SciPy's. */
    public static final double RTOL = 1e-8;
    /** The absolute tolerance of every integrator, lcn-flow's and SciPy's. */
    public static final double ATOL = 1e-8;
    /** The pseudo-Huber transition scale. */
    public static final double DELTA = 0.5;
    /** The input dimension {@code d0}. */
    public static final int INPUT_DIMENSION = 27;
    /** The number of samples {@code m}. */
    public static final int SAMPLES = 200;
    /** The seed of the synthetic data. */
    public static final long DATA_SEED = 3;
    /** The standard deviation of the target noise. */
    public static final double NOISE = 0.05;
    /** The fraction of samples with corrupted targets. */
    public static final double OUTLIERS = 0.1;
    /** The standard deviation of the corruption. */
    public static final double OUTLIER_SCALE = 20;
    /** The seed of the initial filters. */
    public static final long INIT_SEED = 7;
    /** The standard deviation of the initial filters' entries. */
    public static final double INIT_SCALE = 0.5;

    private static final int[] WIDTHS = {3, 3, 2};
    private static final int[] STRIDES = {1, 2, 1};
    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    private StiffProblem() {
    }

    /** @return {@code d0 = 27}, widths 3, 3, 2, strides 1, 2, 1 */
    public static Architecture architecture() {
        return Architecture.of(INPUT_DIMENSION, WIDTHS, STRIDES);
    }

    /** @return the parameters of the {@code synthetic} data source, as a run configuration would give them */
    public static Parameters dataParameters() {
        return Parameters.of(Map.of("m", SAMPLES, "seed", DATA_SEED, "noise", NOISE, "outliers", OUTLIERS,
                "outlierScale", OUTLIER_SCALE));
    }

    /** @return the data, from the registry's {@code synthetic} data source, the same on every machine */
    public static Dataset data() {
        return REGISTRY.dataSource("synthetic", dataParameters()).load(architecture());
    }

    /** @return the pseudo-Huber loss with {@link #DELTA} */
    public static Loss loss() {
        return REGISTRY.loss("pseudo-huber", Parameters.of(Map.of("delta", DELTA)));
    }

    /** @return the initial filters {@code w0} (seeded Gaussian, {@link #INIT_SEED}, {@link #INIT_SCALE}) */
    public static double[] initialFilters() {
        return InitialFilters.gaussian(architecture(), INIT_SEED, INIT_SCALE);
    }

    /**
     * @param threads the most threads of one pass over the data, or of a batch of points evaluated side by side
     *                ({@link EmpiricalRisk#valuesAndGradients}), {@code >= 1}
     * @return the empirical risk with its exact Hessian, serving the gradient tolerance of the stop test
     */
    public static EmpiricalRisk risk(int threads) {
        return EmpiricalRisk.of(architecture(), data(), loss(), RiskOptions.automatic().withThreads(threads)
                .withGradientTolerance(GRADIENT_TOLERANCE));
    }

    /** @return stop at {@code ||grad L|| <= 1e-8} or at {@code t = 100} */
    public static StopCondition stop() {
        return new StopCondition(T_MAX, GRADIENT_TOLERANCE, Long.MAX_VALUE);
    }

    /** @return the names of {@link #CANDIDATES} that the registry has, in that order */
    public static List<String> registeredIntegrators() {
        List<String> names = new ArrayList<>();
        for (String name : CANDIDATES) {
            if (REGISTRY.integratorProviders().containsKey(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * @param name a provider name, one of {@link #registeredIntegrators()}
     * @return the integrator at {@link #RTOL} and {@link #ATOL}
     * @throws IllegalArgumentException when no provider has that name, listing the registered candidates
     */
    public static FlowIntegrator integrator(String name) {
        if (!REGISTRY.integratorProviders().containsKey(name)) {
            throw new IllegalArgumentException("integrator '" + name + "' is not registered in this build; of "
                    + CANDIDATES + " it has " + registeredIntegrators());
        }
        return REGISTRY.integrator(name, Parameters.of(Map.of("rtol", RTOL, "atol", ATOL)));
    }
}
