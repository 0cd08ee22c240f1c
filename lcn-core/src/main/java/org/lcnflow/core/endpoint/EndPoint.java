package org.lcnflow.core.endpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.SeparableLoss;
import org.lcnflow.core.network.LayerPolynomials;

/**
 * Where a run ended: is the end point a critical point, and of which kind? The paper proves that the flow
 * reaches a critical point (Theorem 3.8) and leaves open whether it is a minimizer (end of section 3.3); this
 * record answers that for one point, from three independent pieces of evidence:
 * <ol>
 *   <li>the exact {@link Hessian} and its eigenvalues ({@link CriticalPoint}),</li>
 *   <li>the {@link ConvexOptimum} {@code L*} over all final filters and the gap {@code L(w) - L*}: since
 *       {@code L* <= min L} for every architecture, a gap at rounding level proves a global minimum; for filling
 *       architectures (and depth 1) {@code L* = min L}, so the gap measures exactly how far from global the point
 *       is, while for the others a positive gap does not rule out a global minimum,</li>
 *   <li>the roots of the layer polynomials ({@link LayerRoots}) and the certificate of Kohn et al., Prop. 5.1
 *       ({@link RootCertificate}).</li>
 * </ol>
 *
 * <p><b>Critical.</b> With a gradient tolerance {@code tol > 0} (the run's stop condition) the point is critical
 * when {@code ||grad L(w)|| <= tol (1 + 1e-6)} (the margin absorbs the rounding difference between the
 * integrator's gradient and this one). Without one it is critical when
 * {@code ||grad L(w)|| ||w|| <= 1e-8 max(l(0), L(w))}: moving every filter by its own size changes {@code L} by at
 * most {@code 1e-8} of the risk's scale, {@code l(0)} being the risk of the zero network.
 *
 * <p><b>Gap certificate.</b> The gap certifies a global minimum when
 * {@code L(w) - L* <= 1e-11 max(l(0), L(w)) + 2 D}: {@code 1e-11} of the scale is rounding level (both risks are
 * sums of {@code m d_N} terms) and {@code D} is the Hessian's Newton decrement at {@code w} (zero at a saddle or
 * without a Hessian), the decrease still ahead of a near-critical end point inside its basin, which the run's
 * tolerance leaves unresolved: the certificate is about the critical point the run approximates.
 *
 * <p><b>Verdict.</b> {@link Verdict#NOT_CONVERGED} unless critical; then {@link Verdict#GLOBAL_MINIMUM_CERTIFIED}
 * when the gap certifies it, or when Prop. 5.1 certifies it and no found {@code L*} contradicts it (a gap above
 * the allowance); otherwise the Hessian's verdict: {@link Verdict#STRICT_SADDLE},
 * {@link Verdict#LOCAL_MINIMUM} (a local-minimum candidate), else {@link Verdict#INCONCLUSIVE}.
 * Immutable; arrays and lists are copied in and out.
 *
 * @param verdict                 the classification
 * @param reason                  one sentence saying why
 * @param critical                whether the point is critical to {@code criticalityTolerance}
 * @param criticalityTolerance    the bound on {@code ||grad L||} that was applied
 * @param value                   {@code L(w)}
 * @param gradientNorm            {@code ||grad L(w)||_2}
 * @param finalFilterGradientNorm {@code ||grad l(v)||_2}, the gradient in function space at {@code v(w)}
 * @param layerNorms              {@code ||w^(i)||_2} per layer
 * @param zeroFilters             0-based layers whose filter is exactly zero
 * @param hessian                 the second-order analysis
 * @param optimum                 the minimum over all final filters
 * @param gap                     {@code L(w) - L*} when {@code L*} was found
 * @param relativeGap             the gap divided by {@code max(l(0), L(w))}
 * @param optimumIsGlobalMinimum  whether {@code L* = min L} (filling architecture or depth 1); otherwise
 *                                {@code L*} is a lower bound
 * @param gapCertifies            whether the gap certifies a global minimum (see above)
 * @param roots                   the layer polynomials' roots
 * @param certificate             Prop. 5.1 of Kohn et al.
 * @param jacobianSingularValue   the {@code k_v}-th singular value of {@code J = dv/dw} (0 when {@code J} cannot
 *                                have rank {@code k_v}); positive exactly when {@code J} is onto, and then
 *                                {@code ||grad l(v)|| <= ||grad L(w)|| / jacobianSingularValue}
 * @param theoryFailures          one sentence per place where the theory's conditions fail at this point
 */
public record EndPoint(Verdict verdict, String reason, boolean critical, double criticalityTolerance, double value,
                       double gradientNorm, double finalFilterGradientNorm, double[] layerNorms,
                       List<Integer> zeroFilters, CriticalPoint hessian, ConvexOptimum optimum, OptionalDouble gap,
                       OptionalDouble relativeGap, boolean optimumIsGlobalMinimum, boolean gapCertifies,
                       LayerRoots roots, RootCertificate certificate, double jacobianSingularValue,
                       List<String> theoryFailures) {

    /** Relative gap counted as rounding level. */
    public static final double GAP_TOLERANCE = 1e-11;
    /** Relative stationarity counted as critical when the run sets no gradient tolerance. */
    public static final double RELATIVE_STATIONARITY = 1e-8;
    /** Margin on the run's gradient tolerance for the rounding difference between two gradient evaluations. */
    static final double TOLERANCE_MARGIN = 1 + 1e-6;

    /** Where a run ended. */
    public enum Verdict {
        /** A global minimum, certified by the function-space gap or by Prop. 5.1 of Kohn et al. */
        GLOBAL_MINIMUM_CERTIFIED,
        /** A local-minimum candidate by the Hessian, not certified global. */
        LOCAL_MINIMUM,
        /** A clearly negative Hessian eigenvalue. */
        STRICT_SADDLE,
        /** Critical, but no evidence decides (degenerate Hessian, or no Hessian). */
        INCONCLUSIVE,
        /** Not a critical point to the run's gradient tolerance: the stop condition ended the run first. */
        NOT_CONVERGED
    }

    /** Checks for nulls and copies. */
    public EndPoint {
        Objects.requireNonNull(verdict, "verdict is null");
        Objects.requireNonNull(reason, "reason is null");
        Objects.requireNonNull(hessian, "hessian is null");
        Objects.requireNonNull(optimum, "optimum is null");
        Objects.requireNonNull(gap, "gap is null");
        Objects.requireNonNull(relativeGap, "relativeGap is null");
        Objects.requireNonNull(roots, "roots is null");
        Objects.requireNonNull(certificate, "certificate is null");
        layerNorms = layerNorms.clone();
        zeroFilters = List.copyOf(zeroFilters);
        theoryFailures = List.copyOf(theoryFailures);
    }

    @Override
    public double[] layerNorms() {
        return layerNorms.clone();
    }

    /**
     * Analyzes a point.
     *
     * @param architecture      the network
     * @param data              the training data
     * @param loss              the loss
     * @param w                 the point, e.g. a run's end
     * @param gradientTolerance the run's gradient tolerance; 0 for the relative criterion (see the class comment)
     * @return the analysis
     */
    public static EndPoint analyze(Architecture architecture, Dataset data, Loss loss, double[] w,
                                   double gradientTolerance) {
        LayerPolynomials.requireParameters(architecture, w);
        requireTolerance(gradientTolerance);
        return analyze(FunctionSpaceRisk.of(architecture, data, loss), w, gradientTolerance);
    }

    /**
     * Analyzes a point of the risk given as a function of the final filter, e.g. from sums added over a cluster's
     * partitions ({@link PatchSums#risk}): the same analysis as for data in memory.
     *
     * @param risk              the risk as a function of the final filter; its architecture is the network's
     * @param w                 the point
     * @param gradientTolerance the run's gradient tolerance; 0 for the relative criterion
     * @return the analysis
     */
    public static EndPoint analyze(FinalFilterRisk risk, double[] w, double gradientTolerance) {
        return analyze(risk, null, w, gradientTolerance);
    }

    /**
     * Analyzes a point with the minimum over all final filters already known ({@code L*} depends on the data and the
     * loss alone, so the runs of a sweep share it): the same analysis as {@link #analyze(FinalFilterRisk, double[],
     * double)}.
     *
     * @param risk              the risk as a function of the final filter
     * @param optimum           {@code ConvexOptimum.of(risk)}, or null to compute it here
     * @param w                 the point
     * @param gradientTolerance the run's gradient tolerance; 0 for the relative criterion
     * @return the analysis
     */
    public static EndPoint analyze(FinalFilterRisk risk, ConvexOptimum optimum, double[] w,
                                   double gradientTolerance) {
        Architecture architecture = risk.architecture();
        Loss loss = risk.loss();
        LayerPolynomials.requireParameters(architecture, w);
        requireTolerance(gradientTolerance);
        double[][] layers = Hessian.layerCoefficients(architecture, w);
        double[] v = Hessian.product(layers, -1, -1);
        double[][] j = Hessian.jacobian(architecture, layers);
        double value = risk.value(v);
        double[] gv = risk.gradient(v);
        double[] g = new double[w.length];
        for (int c = 0; c < w.length; c++) {
            for (int n = 0; n < v.length; n++) {
                g[c] += j[n][c] * gv[n];
            }
        }
        double gradientNorm = Hessian.norm(g);
        double[] layerNorms = new double[architecture.depth()];
        for (int i = 0; i < layerNorms.length; i++) {
            layerNorms[i] = Hessian.norm(LayerPolynomials.layerFilter(architecture, w, i));
        }
        List<Integer> zeroFilters = CriticalPoint.zeroFilters(architecture, w);

        CriticalPoint second;
        if (!(loss instanceof SeparableLoss)) {
            second = CriticalPoint.unavailable("the loss " + loss + " is not a SeparableLoss, so its second"
                    + " derivative phi'' is unknown");
        } else if (!Double.isFinite(value) || !Double.isFinite(gradientNorm)) {
            second = CriticalPoint.unavailable("the risk or its gradient is not finite at the end point");
        } else {
            CriticalPoint analysis;
            try {
                analysis = CriticalPoint.of(Hessian.of(risk, w));
            } catch (IllegalArgumentException e) {
                analysis = CriticalPoint.unavailable(e.getMessage());
            }
            second = analysis;
        }

        if (optimum == null) {
            optimum = ConvexOptimum.of(risk);
        }
        double zeroValue = optimum.zeroNetworkValue();
        double scale = Math.max(Math.max(zeroValue, value), Double.MIN_NORMAL);
        double wNorm = Hessian.norm(w);
        double tolerance;
        if (gradientTolerance > 0) {
            tolerance = gradientTolerance * TOLERANCE_MARGIN;
        } else {
            tolerance = wNorm > 0 ? RELATIVE_STATIONARITY * scale / wNorm : 0.0;
        }
        boolean critical = gradientNorm <= tolerance;

        OptionalDouble gap = OptionalDouble.empty();
        OptionalDouble relativeGap = OptionalDouble.empty();
        boolean gapCertifies = false;
        double allowance = GAP_TOLERANCE * scale;
        if (second.verdict() == CriticalPoint.Verdict.LOCAL_MINIMUM_CANDIDATE
                || second.verdict() == CriticalPoint.Verdict.INCONCLUSIVE) {
            allowance += 2 * second.newtonDecrement();
        }
        if (optimum.found() && Double.isFinite(value)) {
            double difference = value - optimum.value();
            gap = OptionalDouble.of(difference);
            relativeGap = OptionalDouble.of(difference / scale);
            gapCertifies = difference <= allowance;
        }
        boolean optimumIsGlobal = architecture.isFilling() || architecture.depth() == 1;

        double uncertainty = wNorm > 0 && second.verdict() != CriticalPoint.Verdict.UNAVAILABLE
                ? second.newtonStep() / wNorm : 0.0;
        LayerRoots roots = LayerRoots.of(architecture, w, Double.isFinite(uncertainty) ? Math.min(uncertainty, 1.0) : 1.0);
        RootCertificate certificate = RootCertificate.of(architecture, loss, critical, roots);
        double jacobianSingularValue = smallestSingularValue(j, v.length, w.length);

        List<String> failures = failures(architecture, loss, zeroFilters, second, optimum, critical, gradientNorm,
                tolerance, optimumIsGlobal);

        Verdict verdict;
        String reason;
        if (!critical) {
            verdict = Verdict.NOT_CONVERGED;
            reason = String.format(Locale.ROOT, "||grad L|| = %.3e > %.3e: not a critical point to the run's"
                    + " tolerance", gradientNorm, tolerance) + (gapCertifies ? String.format(Locale.ROOT, " (though"
                    + " L(w) - L* = %.3e is already within %.3e of the global bound)", gap.getAsDouble(), allowance)
                    : "");
        } else if (gapCertifies) {
            verdict = Verdict.GLOBAL_MINIMUM_CERTIFIED;
            reason = String.format(Locale.ROOT, "L(w) - L* = %.3e <= %.3e (rounding level plus twice the Newton"
                    + " decrement): no final filter does better", gap.getAsDouble(), allowance);
        } else if (certificate.certifiesGlobalMinimum() && !optimum.found()) {
            verdict = Verdict.GLOBAL_MINIMUM_CERTIFIED;
            reason = certificate.reason();
        } else {
            String disagreement = certificate.certifiesGlobalMinimum()
                    ? String.format(Locale.ROOT, " (Prop. 5.1 found no shared roots, but L(w) - L* = %.3e exceeds"
                            + " %.3e: the roots are too close to tell at this tolerance)", gap.getAsDouble(), allowance)
                    : "";
            switch (second.verdict()) {
                case STRICT_SADDLE -> {
                    verdict = Verdict.STRICT_SADDLE;
                    reason = second.reason() + disagreement;
                }
                case LOCAL_MINIMUM_CANDIDATE -> {
                    verdict = Verdict.LOCAL_MINIMUM;
                    reason = second.reason() + (gap.isPresent() ? String.format(Locale.ROOT, "; L(w) - L* = %.3e"
                            + " (%s)", gap.getAsDouble(), optimumIsGlobal ? "a local minimum that is not global"
                            : "L* is only a lower bound for this architecture") : "") + disagreement;
                }
                default -> {
                    verdict = Verdict.INCONCLUSIVE;
                    reason = second.reason() + disagreement;
                }
            }
        }
        return new EndPoint(verdict, reason, critical, tolerance, value, gradientNorm, Hessian.norm(gv), layerNorms,
                zeroFilters, second, optimum, gap, relativeGap, optimumIsGlobal, gapCertifies, roots, certificate,
                jacobianSingularValue, failures);
    }

    private static void requireTolerance(double gradientTolerance) {
        if (!(gradientTolerance >= 0) || Double.isInfinite(gradientTolerance)) {
            throw new IllegalArgumentException("gradient tolerance must be >= 0 and finite, got " + gradientTolerance);
        }
    }

    private static List<String> failures(Architecture architecture, Loss loss, List<Integer> zeroFilters,
                                         CriticalPoint second, ConvexOptimum optimum, boolean critical,
                                         double gradientNorm, double tolerance, boolean optimumIsGlobal) {
        List<String> failures = new ArrayList<>();
        if (!critical) {
            failures.add(String.format(Locale.ROOT, "||grad L|| = %.3e > %.3e: the end point is not a critical"
                    + " point to the run's tolerance", gradientNorm, tolerance));
        }
        if (!zeroFilters.isEmpty() && architecture.depth() > 1) {
            failures.add("filter" + (zeroFilters.size() == 1 ? " " : "s ") + CriticalPoint.layers(zeroFilters)
                    + (zeroFilters.size() == 1 ? " is" : " are") + " zero: v = 0 and the rescaling symmetry"
                    + " degenerates (a critical point whenever two filters are zero)");
        }
        if (!loss.isConvex()) {
            failures.add("the loss " + loss + " is not known to be convex: neither the bound L* over all final"
                    + " filters nor Prop. 5.1 of Kohn et al. applies");
        }
        if (architecture.finalStride() != 1) {
            failures.add("strides " + Arrays.toString(architecture.strides()) + " are not all 1: Prop. 5.1 of Kohn"
                    + " et al. does not apply");
        }
        if (!optimumIsGlobal) {
            failures.add("the architecture is not filling (all strides 1 and at most one even width): L* is only a"
                    + " lower bound of min L, and a positive gap does not rule out a global minimum");
        }
        if (optimum.status() != ConvexOptimum.Status.UNAVAILABLE
                && optimum.patchRank() < architecture.finalWidth()) {
            failures.add("the input patches span only " + optimum.patchRank() + " < k_v = "
                    + architecture.finalWidth() + " dimensions (rank-deficient data): the best final filter is not"
                    + " unique, only L* is");
        }
        if (optimum.status() != ConvexOptimum.Status.FOUND) {
            failures.add("no L*: " + optimum.reason());
        }
        if (second.verdict() == CriticalPoint.Verdict.UNAVAILABLE) {
            failures.add("no Hessian: " + second.reason());
        }
        return failures;
    }

    /** @return the {@code rows}-th singular value of the {@code rows x columns} matrix, 0 when rows > columns */
    private static double smallestSingularValue(double[][] j, int rows, int columns) {
        if (rows > columns) {
            return 0.0;
        }
        for (double[] row : j) {
            for (double x : row) {
                if (!Double.isFinite(x)) {
                    return 0.0;
                }
            }
        }
        double[] singular = SingularOps_DDRM.singularValues(new DMatrixRMaj(j));
        double min = Double.POSITIVE_INFINITY;
        for (double s : singular) {
            min = Math.min(min, s);
        }
        return singular.length < rows ? 0.0 : min;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EndPoint that && verdict == that.verdict && reason.equals(that.reason)
                && critical == that.critical && Double.compare(value, that.value) == 0
                && Double.compare(gradientNorm, that.gradientNorm) == 0 && Arrays.equals(layerNorms, that.layerNorms)
                && hessian.equals(that.hessian) && optimum.equals(that.optimum) && gap.equals(that.gap)
                && roots.equals(that.roots) && certificate.equals(that.certificate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(verdict, reason, critical, value, gradientNorm, Arrays.hashCode(layerNorms));
    }

    @Override
    public String toString() {
        return "EndPoint(" + verdict + ": " + reason + ")";
    }
}
