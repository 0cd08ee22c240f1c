package org.lcnflow.core.risk;

import java.util.Objects;
import java.util.Optional;
import org.lcnflow.core.risk.engine.VectorSupport;

/**
 * How an {@link EmpiricalRisk} evaluates: which {@link GradientPath} (by default the fastest that
 * applies), how many threads a pass over the data may use, and the gradient tolerance of the stop test
 * it serves. Immutable.
 *
 * <p><b>System properties.</b> {@link #defaults()}, which {@link EmpiricalRisk#of(org.lcnflow.api.Architecture,
 * org.lcnflow.api.Dataset, org.lcnflow.api.Loss)}, {@link org.lcnflow.core.flow.GradientFlow GradientFlow} and so {@link org.lcnflow.core.FlowRunner FlowRunner} and the
 * {@code lcn} command use unless told otherwise, reads
 * <ul>
 *   <li>{@value #PATH_PROPERTY}: {@code auto} (the default), {@code quadratic-form}, {@code data-pass} or
 *       {@code generic}; e.g. {@code -Dlcnflow.gradient.path=generic} forces the generic reference path
 *       everywhere;</li>
 *   <li>{@value #THREADS_PROPERTY}: the most threads of one pass (or of a batch of points, see
 *       {@link #threads()}), an integer {@code >= 1} (default: the number of processors). Results are bit for bit the same for every value.</li>
 * </ul>
 * A bad value is an {@link IllegalArgumentException} naming the property and what is allowed.
 */
public final class RiskOptions {

    /** The system property that chooses the path: {@code auto}, {@code quadratic-form}, {@code data-pass}, {@code generic}. */
    public static final String PATH_PROPERTY = "lcnflow.gradient.path";
    /** The system property that bounds the threads of one pass over the data. */
    public static final String THREADS_PROPERTY = "lcnflow.gradient.threads";

    /** A gradient computed by the quadratic form is trusted when its error bound is at most this fraction of the tolerance. */
    static final double TRUSTED_FRACTION = 0.1;

    private final GradientPath path;
    private final int threads;
    private final double gradientTolerance;
    private final boolean vectorKernels;

    private RiskOptions(GradientPath path, int threads, double gradientTolerance, boolean vectorKernels) {
        this.path = path;
        this.threads = threads;
        this.gradientTolerance = gradientTolerance;
        this.vectorKernels = vectorKernels;
    }

    /** @return the fastest applicable path, every processor, no gradient tolerance; system properties ignored */
    public static RiskOptions automatic() {
        return new RiskOptions(null, Runtime.getRuntime().availableProcessors(), 0.0, VectorSupport.enabled());
    }

    /**
     * @return {@link #automatic()} with the {@value #PATH_PROPERTY} and {@value #THREADS_PROPERTY} system
     *         properties applied
     * @throws IllegalArgumentException when a property has a bad value
     */
    public static RiskOptions defaults() {
        RiskOptions options = automatic();
        String path = System.getProperty(PATH_PROPERTY);
        if (path != null && !path.trim().equalsIgnoreCase("auto")) {
            try {
                options = options.withPath(GradientPath.ofLabel(path));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("system property " + PATH_PROPERTY + " is '" + path
                        + "'; allowed: auto, quadratic-form, data-pass, generic", e);
            }
        }
        String threads = System.getProperty(THREADS_PROPERTY);
        if (threads != null) {
            int n;
            try {
                n = Integer.parseInt(threads.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new IllegalArgumentException("system property " + THREADS_PROPERTY + " is '" + threads
                        + "'; allowed: an integer >= 1");
            }
            options = options.withThreads(n);
        }
        return options;
    }

    /**
     * @param path the path to use always; {@link GradientPath#QUADRATIC_FORM} then requires a quadratic loss
     * @return these options forcing that path
     */
    public RiskOptions withPath(GradientPath path) {
        return new RiskOptions(Objects.requireNonNull(path, "path is null"), threads, gradientTolerance, vectorKernels);
    }

    /** @return these options choosing the fastest applicable path */
    public RiskOptions withAutomaticPath() {
        return new RiskOptions(null, threads, gradientTolerance, vectorKernels);
    }

    /**
     * @param threads the most threads of one pass over the data, {@code >= 1} (the results do not depend on it)
     * @return these options with that bound
     */
    public RiskOptions withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return new RiskOptions(path, threads, gradientTolerance, vectorKernels);
    }

    /**
     * The gradient-norm tolerance of the stop test the risk serves ({@link org.lcnflow.core.flow.GradientFlow GradientFlow} sets the run's
     * own). On the {@link GradientPath#QUADRATIC_FORM} path, a gradient whose computed norm {@code g} and
     * error bound {@code E} leave the test in doubt ({@code g - E <= tol}) while {@code E} exceeds a tenth
     * of the tolerance is recomputed by a pass over the data, so that a stop is never decided on a
     * gradient the quadratic form cannot deliver accurately enough.
     *
     * @param tolerance {@code >= 0} and finite; 0 for none
     * @return these options with that tolerance
     */
    public RiskOptions withGradientTolerance(double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("gradient tolerance must be >= 0 and finite, got " + tolerance);
        }
        return new RiskOptions(path, threads, tolerance, vectorKernels);
    }

    /** @return the forced path, or empty for the fastest applicable one */
    public Optional<GradientPath> path() {
        return Optional.ofNullable(path);
    }

    /**
     * @return the most threads of one pass over the data, or, where one pass is too small to split, of a batch of
     *         points evaluated side by side ({@link EmpiricalRisk#valuesAndGradients})
     */
    public int threads() {
        return threads;
    }

    /**
     * Whether the data pass may use its Vector API kernels (JDK 17's {@code jdk.incubator.vector}: the JVM must be
     * started with {@code --add-modules jdk.incubator.vector}; see {@link VectorSupport}). The default is yes when the
     * JVM has them; {@code false} keeps the plain Java loops (other bits, the same to rounding; each path is bit for
     * bit the same on any number of threads).
     *
     * @param enabled whether to use them where they are available
     * @return these options with that choice
     */
    public RiskOptions withVectorKernels(boolean enabled) {
        return new RiskOptions(path, threads, gradientTolerance, enabled && VectorSupport.enabled());
    }

    /** @return whether the data pass uses its Vector API kernels */
    public boolean vectorKernels() {
        return vectorKernels;
    }

    /** @return the gradient tolerance of the stop test served, 0 for none */
    public double gradientTolerance() {
        return gradientTolerance;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RiskOptions)) {
            return false;
        }
        RiskOptions that = (RiskOptions) other;
        return path == that.path && threads == that.threads
                && Double.compare(gradientTolerance, that.gradientTolerance) == 0 && vectorKernels == that.vectorKernels;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, threads, gradientTolerance, vectorKernels);
    }

    /** @return e.g. {@code RiskOptions(path=auto, threads=2, gradientTolerance=0.0, vectorKernels=true)} */
    @Override
    public String toString() {
        return "RiskOptions(path=" + (path == null ? "auto" : path.label()) + ", threads=" + threads
                + ", gradientTolerance=" + gradientTolerance + ", vectorKernels=" + vectorKernels + ")";
    }
}
