package org.lcnflow.core.risk;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.HessianField;
import org.lcnflow.api.Loss;
import org.lcnflow.api.QuadraticLoss;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.core.network.ChainHessian;
import org.lcnflow.core.network.FinalFilter;
import org.lcnflow.core.network.PolynomialChain;
import org.lcnflow.core.risk.engine.CurvaturePass;
import org.lcnflow.core.risk.engine.DataPass;
import org.lcnflow.core.risk.engine.PointTasks;
import org.lcnflow.core.risk.engine.QuadraticForm;
import org.lcnflow.core.risk.engine.SampleBlocks;

/**
 * The empirical risk {@code L(w) = sum_{i=1..m} loss(V x_i, y_i)} of an LCN (eq. (1.3)) as a
 * {@link org.lcnflow.api.GradientField}: value and exact gradient through the final filter, without forming {@code V}.
 *
 * <p>Per call: {@code v = prod p~_i} (Prop. 2.1); {@code dL/dv} by one of three exact {@link GradientPath}s;
 * then {@code dL/dw} by the adjoint of the polynomial product (see {@link PolynomialChain}). The
 * {@link GradientPath#GENERIC generic} path is the reference: for every sample
 * {@code z_j = sum_n v_n x_{j s_v + n}}, {@code G = dloss/dz},
 * {@code dL/dv_n = sum_i sum_j G[j, i] x_{j s_v + n, i}}. The {@link GradientPath#DATA_PASS data pass}
 * computes the same in vectorized blocks of samples, over several threads for large problems (see
 * {@link DataPass}); for the quadratic losses the {@link GradientPath#QUADRATIC_FORM quadratic form} needs
 * no pass over the data after a one-time setup (see {@link QuadraticForm}). {@link RiskOptions} chooses;
 * by default the fastest path that applies. No allocation per call on any path.
 *
 * <p>The data are copied at construction (in the layout the path needs) and shared, read-only, by
 * {@link #fork() forks}, as is the quadratic form; one instance keeps work space and is not thread-safe:
 * give each thread its own fork.
 */
public final class EmpiricalRisk implements HessianField {

    private final Shared shared;
    private final Architecture architecture;
    private final Loss loss;
    private final SeparableLoss separable;
    private final int samples;
    private final int inputDimension;
    private final int outputDimension;
    private final int stride;
    private final int width;
    private final double[] inputs;
    private final double[][] targets;

    private final PolynomialChain chain;
    private final double[] z;
    private final double[] g;
    private final double[] dv;
    private final DataPass dataPass;
    private final Guard guard;
    /** The Hessian's work space, made at the first Hessian. */
    private ChainHessian chainHessian;
    private double[] hv;
    private CurvaturePass.Work curvatureWork;
    /**
     * The last point {@link #valueAndGradient} evaluated, its value, gradient and {@code dL/dv}: a Hessian asked for
     * at that point reuses them (the same bits) instead of a second pass over the data.
     */
    private final double[] lastPoint;
    private final double[] lastGradient;
    private final double[] lastDv;
    private double lastValue;
    private boolean lastValid;
    /** Batches side by side ({@link #valuesAndGradients}): made at the first batch that can use them, else null. */
    private PointTasks pointTasks;
    /** The work spaces of slots 1, 2, ... of {@link #pointTasks}: forks. */
    private EmpiricalRisk[] helpers;
    /** The batch being evaluated. */
    private double[][] batchPoints;
    private double[][] batchGradients;
    private double[] batchValues;
    private int batchCount;
    private int batchLastSlot;
    /** {@code H_v = 2 c A} of the quadratic form, constant, made at the first Hessian. */
    private double[] quadraticCurvature;
    private long recomputed;

    /** What forks share: the configuration and the data in the layout of the path. */
    private static final class Shared {
        final Architecture architecture;
        final Loss loss;
        final RiskOptions options;
        final GradientPath path;
        final double[] inputs;
        final double[][] targets;
        final SampleBlocks blocks;
        final QuadraticForm quadratic;

        Shared(Architecture architecture, Loss loss, RiskOptions options, GradientPath path, double[] inputs,
               double[][] targets, SampleBlocks blocks, QuadraticForm quadratic) {
            this.architecture = architecture;
            this.loss = loss;
            this.options = options;
            this.path = path;
            this.inputs = inputs;
            this.targets = targets;
            this.blocks = blocks;
            this.quadratic = quadratic;
        }
    }

    private EmpiricalRisk(Shared shared) {
        this.shared = shared;
        this.architecture = shared.architecture;
        this.loss = shared.loss;
        this.separable = loss instanceof SeparableLoss ? (SeparableLoss) loss : null;
        this.samples = shared.targets.length;
        this.inputDimension = architecture.inputDimension();
        this.outputDimension = architecture.outputDimension();
        this.stride = architecture.finalStride();
        this.width = architecture.finalWidth();
        this.inputs = shared.inputs;
        this.targets = shared.targets;
        this.chain = new PolynomialChain(architecture);
        boolean generic = shared.path == GradientPath.GENERIC;
        this.z = generic ? new double[outputDimension] : null;
        this.g = generic ? new double[outputDimension] : null;
        this.dv = new double[width];
        this.lastPoint = new double[architecture.parameterCount()];
        this.lastGradient = new double[architecture.parameterCount()];
        this.lastDv = new double[width];
        boolean guarded = shared.path == GradientPath.QUADRATIC_FORM && shared.options.gradientTolerance() > 0;
        this.dataPass = shared.path == GradientPath.DATA_PASS || guarded
                ? new DataPass(shared.blocks, loss, shared.options.threads(), shared.options.vectorKernels()) : null;
        this.guard = shared.path == GradientPath.QUADRATIC_FORM
                ? new Guard(architecture, guarded ? shared.options.gradientTolerance() : 0.0) : null;
    }

    /**
     * The risk with {@link RiskOptions#defaults()}: the fastest applicable path unless a system property
     * says otherwise.
     *
     * @param architecture the network
     * @param data         the training data; {@code d_0} and {@code d_N} must match the architecture
     * @param loss         the loss
     * @return the empirical risk
     * @throws IllegalArgumentException when the data's dimensions do not fit, naming both numbers
     */
    public static EmpiricalRisk of(Architecture architecture, Dataset data, Loss loss) {
        return of(architecture, data, loss, RiskOptions.defaults());
    }

    /**
     * @return {@code c} of a {@link QuadraticLoss} ({@code phi(r) = c r^2}), whose risk is a quadratic form in
     *         {@code v}; empty for every other loss
     * @throws IllegalArgumentException for a quadratic loss whose coefficient is not finite and positive
     */
    private static OptionalDouble quadraticCoefficient(Loss loss) {
        if (!(loss instanceof QuadraticLoss)) {
            return OptionalDouble.empty();
        }
        double c = ((QuadraticLoss) loss).coefficient();
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException(loss + " is a QuadraticLoss with coefficient() = " + c
                    + ": it must be finite and > 0");
        }
        return OptionalDouble.of(c);
    }

    /**
     * @param architecture the network
     * @param data         the training data; {@code d_0} and {@code d_N} must match the architecture
     * @param loss         the loss
     * @param options      the path, threads and gradient tolerance
     * @return the empirical risk; for the {@link GradientPath#QUADRATIC_FORM quadratic form} with its
     *         one-time setup done
     * @throws IllegalArgumentException when the data's dimensions do not fit, naming both numbers, or when
     *                                  the quadratic form is forced for a loss that is not quadratic
     */
    public static EmpiricalRisk of(Architecture architecture, Dataset data, Loss loss, RiskOptions options) {
        Objects.requireNonNull(architecture, "architecture is null");
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(loss, "loss is null");
        Objects.requireNonNull(options, "options is null");
        data.requireFits(architecture);
        OptionalDouble scale = quadraticCoefficient(loss);
        GradientPath path = options.path().orElse(scale.isPresent() ? GradientPath.QUADRATIC_FORM
                : GradientPath.DATA_PASS);
        if (path == GradientPath.QUADRATIC_FORM && scale.isEmpty()) {
            throw new IllegalArgumentException("the quadratic-form path needs a QuadraticLoss (e.g. the built-in"
                    + " square, or lp with p = 2), got " + loss);
        }
        if (path == GradientPath.GENERIC) {
            int m = data.sampleCount();
            int d0 = architecture.inputDimension();
            double[] flat = new double[Math.multiplyExact(m, d0)];
            double[][] y = data.targets();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < d0; j++) {
                    flat[i * d0 + j] = data.input(i, j);
                }
            }
            return new EmpiricalRisk(new Shared(architecture, loss, options, path, flat, y, null, null));
        }
        SampleBlocks blocks = SampleBlocks.of(architecture, data);
        QuadraticForm form = path == GradientPath.QUADRATIC_FORM
                ? QuadraticForm.of(blocks, scale.getAsDouble(), options.threads()) : null;
        if (form != null && options.path().isEmpty() && form.conditionEstimate() > MAX_FORM_CONDITION) {
            // an ill-conditioned Gram matrix would cost the form's value digits: take the exact data pass
            path = GradientPath.DATA_PASS;
            form = null;
        }
        return new EmpiricalRisk(new Shared(architecture, loss, options, path, null, blocks.targetRows(), blocks,
                form));
    }

    /**
     * The automatic choice takes the quadratic form only when the Gram matrix's estimated condition number
     * is at most this, so its value keeps about 12 digits (relative error near {@code eps cond(A)}); a
     * forced {@link GradientPath#QUADRATIC_FORM} is used whatever the conditioning.
     */
    static final double MAX_FORM_CONDITION = 1e3;

    /**
     * @return the samples, rebuilt from the risk's own layout (a copy, {@code O(m d_0)}): for work beside the flow,
     *         e.g. the end-point analysis of a chunk whose samples the risk alone holds
     */
    public Dataset data() {
        if (shared.blocks != null) {
            return shared.blocks.dataset();
        }
        int d0 = architecture.inputDimension();
        double[][] x = new double[samples][d0];
        double[][] y = new double[samples][];
        for (int i = 0; i < samples; i++) {
            System.arraycopy(inputs, i * d0, x[i], 0, d0);
            y[i] = targets[i].clone();
        }
        return new Dataset(x, y);
    }

    /** @return a risk on the same (shared, read-only) data with its own work space, for another thread */
    public EmpiricalRisk fork() {
        return new EmpiricalRisk(shared);
    }

    /** @return the path this risk evaluates by */
    public GradientPath path() {
        return shared.path;
    }

    /** @return the options it was made with */
    public RiskOptions options() {
        return shared.options;
    }

    /**
     * @return on the {@link GradientPath#QUADRATIC_FORM quadratic-form} path, the wall time of its one-time
     *         setup in seconds (shared by forks); empty on the other paths
     */
    public OptionalDouble setupSeconds() {
        return shared.quadratic == null ? OptionalDouble.empty() : OptionalDouble.of(shared.quadratic.setupSeconds());
    }

    /** @return how many gradients of this instance the quadratic form left to a pass over the data (its guard) */
    long recomputedGradients() {
        return recomputed;
    }

    /** @return the threads of one pass over the data (1 when there is none) */
    int passThreads() {
        return dataPass == null ? 1 : dataPass.threads();
    }

    /**
     * For tests: the guard's bound on the error of the quadratic form's gradient at {@code w}.
     *
     * @throws IllegalStateException on another path
     */
    double quadraticGradientErrorBound(double[] w) {
        if (shared.quadratic == null) {
            throw new IllegalStateException("not on the quadratic-form path: " + shared.path);
        }
        Guard g = new Guard(architecture, 1.0);
        shared.quadratic.evaluate(chain.forward(w), dv, g.e, g.product);
        return g.errorBound(shared.quadratic, w);
    }

    /** @return the shared quadratic form, or null */
    QuadraticForm quadraticForm() {
        return shared.quadratic;
    }

    /** @return the architecture */
    public Architecture architecture() {
        return architecture;
    }

    /** @return the loss */
    public Loss loss() {
        return loss;
    }

    /** @return the number of samples {@code m} */
    public int sampleCount() {
        return samples;
    }

    /** @return {@code sum k_i} */
    @Override
    public int dimension() {
        return architecture.parameterCount();
    }

    /**
     * @param w the concatenated layer filters
     * @return {@code L(w)}
     */
    public double value(double[] w) {
        requireLength(w, "w");
        double[] v = chain.forward(w);
        if (shared.path == GradientPath.DATA_PASS) {
            return dataPass.evaluate(v, null);
        }
        if (shared.path == GradientPath.QUADRATIC_FORM) {
            return shared.quadratic.evaluate(v, null, guard.e, guard.product);
        }
        double total = 0.0;
        for (int i = 0; i < samples; i++) {
            total += sampleValue(v, i);
        }
        return total;
    }

    /**
     * @param w the concatenated layer filters
     * @return the final filter {@code v} at {@code w}
     */
    public FinalFilter finalFilter(double[] w) {
        return FinalFilter.of(architecture, w);
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        requireLength(w, "w");
        requireLength(gradient, "gradient");
        double value = evaluate(w, gradient);
        System.arraycopy(w, 0, lastPoint, 0, lastPoint.length);
        System.arraycopy(gradient, 0, lastGradient, 0, lastGradient.length);
        System.arraycopy(dv, 0, lastDv, 0, width);
        lastValue = value;
        lastValid = true;
        return value;
    }

    /**
     * The values and gradients at several points, the same bits as {@link #valueAndGradient} at each in turn. Where
     * one pass over the data is too small to split over threads ({@link GradientPath#DATA_PASS data pass} of a small
     * problem, with {@link RiskOptions#threads()} above 1), the points are evaluated side by side instead, on the
     * caller's thread and the shared pool's idle workers ({@link PointTasks}), each in a fork's work space of its
     * own; elsewhere one after the other. Allocates nothing once it has seen a batch of this size.
     *
     * @throws IllegalArgumentException when {@code count} exceeds an array or a vector has the wrong length
     */
    @Override
    public void valuesAndGradients(double[][] points, double[][] gradients, double[] values, int count) {
        if (count < 0 || count > points.length || count > gradients.length || count > values.length) {
            throw new IllegalArgumentException("count = " + count + " must be in 0.." + Math.min(points.length,
                    Math.min(gradients.length, values.length)) + " (the points, gradients and values given)");
        }
        int n = architecture.parameterCount();
        for (int p = 0; p < count; p++) {
            if (points[p] == null || points[p].length != n) {
                requireLength(points[p], "points[" + p + "]");
            }
            if (gradients[p] == null || gradients[p].length != n) {
                requireLength(gradients[p], "gradients[" + p + "]");
            }
        }
        if (count >= 2 && shared.path == GradientPath.DATA_PASS && dataPass.batches()) {
            batchedPass(points, gradients, values, count);
            return;
        }
        if (count < 2 || !sideBySide()) {
            for (int p = 0; p < count; p++) {
                values[p] = valueAndGradient(points[p], gradients[p]);
            }
            return;
        }
        batchPoints = points;
        batchGradients = gradients;
        batchValues = values;
        batchCount = count;
        try {
            pointTasks.run(count);
        } finally {
            batchPoints = null;
            batchGradients = null;
            batchValues = null;
        }
        // the last point's memory, from the work space that evaluated it (it evaluated nothing after it)
        EmpiricalRisk last = batchLastSlot == 0 ? this : helpers[batchLastSlot - 1];
        System.arraycopy(points[count - 1], 0, lastPoint, 0, lastPoint.length);
        System.arraycopy(gradients[count - 1], 0, lastGradient, 0, lastGradient.length);
        System.arraycopy(last.dv, 0, lastDv, 0, width);
        System.arraycopy(last.dv, 0, dv, 0, width);
        lastValue = values[count - 1];
        lastValid = true;
    }

    /**
     * @return whether {@link #valuesAndGradients} serves a batch of points with one pass over the data for all their
     *         final filters (the data pass of a separable loss on at least {@value
     *         org.lcnflow.core.risk.engine.SampleBlocks#WIDE_FROM} samples, with the Vector API kernels); elsewhere a
     *         batch costs what its points cost one by one
     */
    public boolean batchesPasses() {
        return shared.path == GradientPath.DATA_PASS && dataPass.batches();
    }

    /** The final filters and their {@code dL/dv} of a batched pass, kept for the next batch of this size. */
    private double[][] batchFilters = new double[0][];
    private double[][] batchDv = new double[0][];

    /**
     * A batch through one pass over the data for all its final filters ({@link DataPass#evaluate(double[][],
     * double[][], double[], int)}: each filter's bits are those of a pass of its own), then each point's chain rule.
     */
    private void batchedPass(double[][] points, double[][] gradients, double[] values, int count) {
        if (batchFilters.length < count) {
            batchFilters = new double[count][width];
            batchDv = new double[count][width];
        }
        for (int p = 0; p < count; p++) {
            System.arraycopy(chain.forward(points[p]), 0, batchFilters[p], 0, width);
        }
        dataPass.evaluate(batchFilters, batchDv, values, count);
        for (int p = 0; p < count; p++) {
            chain.forward(points[p]);
            chain.backward(points[p], batchDv[p], gradients[p]);
        }
        System.arraycopy(points[count - 1], 0, lastPoint, 0, lastPoint.length);
        System.arraycopy(gradients[count - 1], 0, lastGradient, 0, lastGradient.length);
        System.arraycopy(batchDv[count - 1], 0, lastDv, 0, width);
        System.arraycopy(batchDv[count - 1], 0, dv, 0, width);
        lastValue = values[count - 1];
        lastValid = true;
    }

    /** @return whether batches run side by side, making the work spaces for it at the first call */
    private boolean sideBySide() {
        if (pointTasks == null) {
            boolean wanted = shared.path == GradientPath.DATA_PASS && dataPass.threads() == 1
                    && PointTasks.threads(shared.options.threads()) > 1;
            if (!wanted) {
                return false;
            }
            pointTasks = new PointTasks(this::batchPoint, shared.options.threads());
            helpers = new EmpiricalRisk[pointTasks.threads() - 1];
            for (int i = 0; i < helpers.length; i++) {
                helpers[i] = fork();
            }
        }
        return true;
    }

    /** {@link PointTasks.Task}: point {@code p} of the current batch in the work space of {@code slot}. */
    private void batchPoint(int p, int slot) {
        EmpiricalRisk risk = slot == 0 ? this : helpers[slot - 1];
        batchValues[p] = risk.evaluate(batchPoints[p], batchGradients[p]);
        if (p == batchCount - 1) {
            batchLastSlot = slot;
        }
    }

    /** {@link #valueAndGradient} without the checks and the memory of the last point. */
    private double evaluate(double[] w, double[] gradient) {
        double[] v = chain.forward(w);
        if (shared.path == GradientPath.DATA_PASS) {
            double total = dataPass.evaluate(v, dv);
            chain.backward(w, dv, gradient);
            return total;
        }
        if (shared.path == GradientPath.QUADRATIC_FORM) {
            double total = shared.quadratic.evaluate(v, dv, guard.e, guard.product);
            chain.backward(w, dv, gradient);
            if (guard.tolerance > 0 && guard.inDoubt(shared.quadratic, w, gradient)) {
                recomputed++;
                total = dataPass.evaluate(v, dv);
                chain.backward(w, dv, gradient);
            }
            return total;
        }
        Arrays.fill(dv, 0.0);
        double total = 0.0;
        for (int i = 0; i < samples; i++) {
            total += sampleValue(v, i);
            if (separable != null) {
                double[] y = targets[i];
                for (int j = 0; j < outputDimension; j++) {
                    g[j] = separable.phiPrime(z[j] - y[j]);
                }
            } else {
                loss.gradient(z, targets[i], g);
            }
            int base = i * inputDimension;
            for (int j = 0; j < outputDimension; j++) {
                double gj = g[j];
                int start = base + j * stride;
                for (int n = 0; n < width; n++) {
                    dv[n] += gj * inputs[start + n];
                }
            }
        }
        chain.backward(w, dv, gradient);
        return total;
    }

    /** Computes {@code z = V x_i} into the work space and returns {@code loss(z, y_i)}. */
    /** @return whether the loss is a {@link SeparableLoss}, whose {@code phi''} gives the Hessian */
    @Override
    public boolean hasHessian() {
        return separable != null;
    }

    /**
     * The exact Hessian {@code J^T H_v J + sum_n (g_v)_n d^2 v_n / dw dw} (see {@link ChainHessian}) on the
     * risk's own path: for the quadratic form {@code H_v = 2 c A} is the constant Gram matrix (no pass over
     * the data); otherwise one pass computes {@code H_v = sum phi''(r) p p^T} ({@link CurvaturePass}) after the
     * gradient's. Allocates nothing after the first call. Where {@code phi''} is not finite (e.g. {@code lp}
     * with {@code p < 2} at a zero residual) the Hessian is not finite either.
     *
     * @throws UnsupportedOperationException for a loss that is not a {@link SeparableLoss}, naming it
     */
    @Override
    public double valueGradientAndHessian(double[] w, double[] gradient, double[] hessian) {
        if (separable == null) {
            throw new UnsupportedOperationException("the Hessian needs the loss's second derivative phi'', but "
                    + loss + " is not a SeparableLoss");
        }
        int n = dimension();
        if (hessian.length != n * n) {
            throw new IllegalArgumentException("hessian must have length " + n + " * " + n + " = " + (n * n)
                    + ", got " + hessian.length);
        }
        double value;
        if (lastValid && Arrays.equals(w, lastPoint)) {
            // the gradient at this very point was the last one computed (an implicit integrator asks for the
            // Hessian where it has just accepted a step): the same bits without a second pass
            requireLength(gradient, "gradient");
            chain.forward(w);
            System.arraycopy(lastGradient, 0, gradient, 0, gradient.length);
            System.arraycopy(lastDv, 0, dv, 0, width);
            value = lastValue;
        } else {
            value = valueAndGradient(w, gradient);
        }
        if (chainHessian == null) {
            chainHessian = new ChainHessian(architecture);
            hv = new double[width * width];
        }
        double[] v = chain.finalFilter();
        double[] curvature;
        if (shared.path == GradientPath.QUADRATIC_FORM) {
            if (quadraticCurvature == null) {
                double twoC = 2.0 * ((QuadraticLoss) loss).coefficient();
                quadraticCurvature = shared.quadratic.gram();
                for (int k = 0; k < quadraticCurvature.length; k++) {
                    quadraticCurvature[k] *= twoC;
                }
            }
            curvature = quadraticCurvature;
        } else if (shared.path == GradientPath.DATA_PASS) {
            if (curvatureWork == null) {
                curvatureWork = new CurvaturePass.Work(shared.blocks, shared.options.threads(),
                        shared.options.vectorKernels());
            }
            CurvaturePass.curvature(shared.blocks, separable, v, hv, curvatureWork);
            curvature = hv;
        } else {
            genericCurvature(v, hv);
            curvature = hv;
        }
        chainHessian.hessian(w, dv, curvature, hessian);
        return value;
    }

    /** {@code H_v = sum_{i, j} phi''(r_ij) p_ij p_ij^T} over the flat inputs, sample by sample. */
    private void genericCurvature(double[] v, double[] out) {
        Arrays.fill(out, 0.0);
        for (int i = 0; i < samples; i++) {
            int base = i * inputDimension;
            double[] y = targets[i];
            for (int j = 0; j < outputDimension; j++) {
                int start = base + j * stride;
                double z = 0.0;
                for (int k = 0; k < width; k++) {
                    z += v[k] * inputs[start + k];
                }
                double weight = separable.phiSecond(z - y[j]);
                for (int a = 0; a < width; a++) {
                    double wx = weight * inputs[start + a];
                    for (int b = a; b < width; b++) {
                        out[a * width + b] += wx * inputs[start + b];
                    }
                }
            }
        }
        for (int a = 0; a < width; a++) {
            for (int b = 0; b < a; b++) {
                out[a * width + b] = out[b * width + a];
            }
        }
    }

    private double sampleValue(double[] v, int i) {
        int base = i * inputDimension;
        for (int j = 0; j < outputDimension; j++) {
            int start = base + j * stride;
            double sum = 0.0;
            for (int n = 0; n < width; n++) {
                sum += v[n] * inputs[start + n];
            }
            z[j] = sum;
        }
        double[] y = targets[i];
        if (separable != null) {
            double value = 0.0;
            for (int j = 0; j < outputDimension; j++) {
                value += separable.phi(z[j] - y[j]);
            }
            return value;
        }
        return loss.value(z, y);
    }

    private void requireLength(double[] array, String name) {
        if (array == null) {
            throw new NullPointerException(name + " is null");
        }
        if (array.length != architecture.parameterCount()) {
            throw new IllegalArgumentException(name + " has length " + array.length + " but " + architecture
                    + " has sum k_i = " + architecture.parameterCount() + " parameters");
        }
    }

    /**
     * The work space of the quadratic form and its guard: whether a gradient it computed is accurate
     * enough for the stop test ({@link RiskOptions#withGradientTolerance}). The form bounds the error of
     * {@code dL/dv} ({@link QuadraticForm#gradientErrorBound}); {@code |J|^T} of that bound, the adjoint
     * of the polynomial product at {@code |w|}, bounds the error of {@code dL/dw} since every entry of the
     * Jacobian is a polynomial in {@code w} with non-negative coefficients.
     */
    private static final class Guard {
        final double tolerance;
        final double[] e;
        final double[] product;
        private final PolynomialChain absoluteChain;
        private final double[] absoluteW;
        private final double[] filterBound;
        private final double[] bound;

        Guard(Architecture architecture, double tolerance) {
            this.tolerance = tolerance;
            int k = architecture.finalWidth();
            e = new double[k];
            product = new double[k];
            boolean guarded = tolerance > 0;
            absoluteChain = guarded ? new PolynomialChain(architecture) : null;
            absoluteW = guarded ? new double[architecture.parameterCount()] : null;
            filterBound = guarded ? new double[k] : null;
            bound = guarded ? new double[architecture.parameterCount()] : null;
        }

        /** @return whether the stop test could misjudge this gradient by more than a tenth of the tolerance */
        boolean inDoubt(QuadraticForm form, double[] w, double[] gradient) {
            double error = errorBound(form, w);
            return norm(gradient) - error <= tolerance && error > RiskOptions.TRUSTED_FRACTION * tolerance;
        }

        /** @return the bound on {@code ||error of dL/dw||_2} at the last evaluation, at {@code w} */
        double errorBound(QuadraticForm form, double[] w) {
            form.gradientErrorBound(e, filterBound);
            for (int i = 0; i < w.length; i++) {
                absoluteW[i] = Math.abs(w[i]);
            }
            absoluteChain.forward(absoluteW);
            absoluteChain.backward(absoluteW, filterBound, bound);
            return norm(bound) * (1 + 1e-6);
        }

        private static double norm(double[] a) {
            double sum = 0.0;
            for (double x : a) {
                sum += x * x;
            }
            return Math.sqrt(sum);
        }
    }

    @Override
    public String toString() {
        return "EmpiricalRisk(" + architecture + ", samples=" + samples + ", loss=" + loss + ")";
    }
}
