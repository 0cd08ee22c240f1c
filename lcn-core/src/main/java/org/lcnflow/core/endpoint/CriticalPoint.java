package org.lcnflow.core.endpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.lcnflow.api.Architecture;

/**
 * What the Hessian says about a (near-)critical point of the empirical risk: its eigenvalues (EJML's symmetric
 * eigen decomposition), the zero modes expected from the rescaling symmetry, and a second-order verdict.
 *
 * <p><b>Symmetry.</b> {@code L} is invariant under {@code w^(i) -> kappa w^(i)}, {@code w^(l) -> w^(l) / kappa}
 * (the reason behind Lemma 3.3). When no filter is zero these rescalings sweep an orbit of dimension
 * {@code N - 1} through {@code w}, and at a critical point its tangent vectors are eigenvectors of eigenvalue 0:
 * {@code N - 1} zero eigenvalues are expected. A zero filter makes {@code L} constant ({@code = l(0)}) along
 * every change of the other layers, a larger degenerate set, and no count is expected.
 *
 * <p><b>What counts as zero.</b> An eigenvalue {@code lambda} is zero when {@code |lambda| <= tau} with
 * <pre>
 *   tau = max(1e-10 Lambda, 10 g / rho, sqrt(10 Lambda g / rho)),
 * </pre>
 * {@code Lambda = max |lambda|}, {@code g = ||grad L(w)||}, {@code rho = ||w|| / sqrt(N)} (the root mean square
 * layer norm; the gradient terms are 0 when {@code w = 0}):
 * <ul>
 *   <li>{@code 1e-10 Lambda}: rounding in the sums that form the Hessian, with a wide margin.</li>
 *   <li>{@code 10 g / rho}: away from an exact critical point the symmetry modes are not exactly zero; twice
 *       differentiating the invariance gives the Rayleigh quotient {@code -2 <g_i, w^(i)> / (||w^(i)||^2 +
 *       ||w^(l)||^2)} along {@code (w^(i), -w^(l))}, of size {@code g / rho}.</li>
 *   <li>{@code sqrt(10 Lambda g / rho)}: the end point lies about {@code g / mu} from the critical point it
 *       approximates ({@code mu} the smallest non-zero {@code |eigenvalue|}), and the Hessian varies by about
 *       {@code Lambda / rho} per unit length (a polynomial of degree {@code N}), so eigenvalues there may differ by
 *       {@code Lambda g / (mu rho)}; a non-zero eigenvalue is only trusted when it exceeds that shift, i.e. when
 *       {@code mu > sqrt(Lambda g / rho)}.</li>
 * </ul>
 *
 * <p><b>Verdicts.</b> {@link Verdict#STRICT_SADDLE} when some eigenvalue is below {@code -tau} (clearly negative);
 * otherwise {@link Verdict#INCONCLUSIVE} when a filter is zero; otherwise
 * {@link Verdict#LOCAL_MINIMUM_CANDIDATE} when exactly the {@code N - 1} symmetry modes are zero and every other
 * eigenvalue exceeds {@code tau} (a strict local minimum modulo the symmetry if the point is critical);
 * otherwise {@link Verdict#INCONCLUSIVE}: further zero eigenvalues make the point degenerate, and second order
 * cannot decide. Immutable; arrays are copied in and out.
 *
 * @param verdict           the second-order verdict
 * @param reason            one sentence saying why
 * @param eigenvalues       the Hessian's eigenvalues, ascending (empty when unavailable)
 * @param zeroTolerance     {@code tau} above
 * @param expectedZeroModes {@code N - 1} when no filter is zero, empty otherwise
 * @param zeroModes         eigenvalues with {@code |lambda| <= tau}
 * @param negativeModes     eigenvalues below {@code -tau}
 * @param smallestEigenvalue the smallest eigenvalue (its size tells how strict a saddle is; 0 when unavailable)
 * @param largestMagnitude  {@code Lambda = max |lambda|}
 * @param newtonDecrement   {@code (1/2) sum_{lambda_k > tau} <u_k, g>^2 / lambda_k}: the decrease to the nearby
 *                          minimum that the quadratic model predicts
 * @param newtonStep        {@code ||sum_{|lambda_k| > tau} <u_k, g> / lambda_k u_k||}: the distance to the nearby
 *                          critical point that the quadratic model predicts
 */
public record CriticalPoint(Verdict verdict, String reason, double[] eigenvalues, double zeroTolerance,
                            OptionalInt expectedZeroModes, int zeroModes, int negativeModes,
                            double smallestEigenvalue, double largestMagnitude, double newtonDecrement,
                            double newtonStep) {

    /** Relative size of rounding in the Hessian's eigenvalues. */
    public static final double ROUNDING = 1e-10;
    /** Safety factor on the gradient terms of the zero tolerance. */
    public static final double GRADIENT_FACTOR = 10;

    /** The second-order verdict. */
    public enum Verdict {
        /** An eigenvalue below {@code -tau}: a direction of negative curvature, so no local minimum. */
        STRICT_SADDLE,
        /** Positive definite apart from exactly the {@code N - 1} symmetry zero modes. */
        LOCAL_MINIMUM_CANDIDATE,
        /** No negative curvature, but zero eigenvalues beyond the symmetry's (or a zero filter). */
        INCONCLUSIVE,
        /** No Hessian: the loss has no {@code phi''}, or it is not finite at the point. */
        UNAVAILABLE
    }

    /** Checks for nulls and copies the eigenvalues. */
    public CriticalPoint {
        Objects.requireNonNull(verdict, "verdict is null");
        Objects.requireNonNull(reason, "reason is null");
        Objects.requireNonNull(expectedZeroModes, "expectedZeroModes is null");
        eigenvalues = eigenvalues.clone();
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /**
     * @param reason why there is no Hessian
     * @return the {@link Verdict#UNAVAILABLE} analysis
     */
    public static CriticalPoint unavailable(String reason) {
        return new CriticalPoint(Verdict.UNAVAILABLE, reason, new double[0], 0.0, OptionalInt.empty(), 0, 0, 0.0,
                0.0, 0.0, 0.0);
    }

    /**
     * @param hessian the Hessian at the point
     * @return the eigenvalues and the verdict
     */
    public static CriticalPoint of(Hessian hessian) {
        Objects.requireNonNull(hessian, "hessian is null");
        Architecture architecture = hessian.architecture();
        double[][] h = hessian.matrix();
        int n = h.length;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                if (!Double.isFinite(h[r][c])) {
                    return unavailable("the Hessian entry (" + (r + 1) + ", " + (c + 1) + ") is " + h[r][c]);
                }
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(new DMatrixRMaj(h))) {
            return unavailable("the symmetric eigen decomposition of the " + n + " x " + n + " Hessian did not"
                    + " converge");
        }
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            values[k] = eig.getEigenvalue(k).real;
            vectors[k] = eig.getEigenVector(k).getData().clone();
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] sorted = new double[n];
        double[][] sortedVectors = new double[n][];
        for (int k = 0; k < n; k++) {
            sorted[k] = values[order[k]];
            sortedVectors[k] = vectors[order[k]];
        }

        double[] w = hessian.parameters();
        double[] g = hessian.gradient();
        double gradientNorm = Hessian.norm(g);
        double rho = Hessian.norm(w) / Math.sqrt(architecture.depth());
        double largest = 0.0;
        for (double lambda : sorted) {
            largest = Math.max(largest, Math.abs(lambda));
        }
        double tolerance = ROUNDING * largest;
        if (rho > 0 && gradientNorm > 0) {
            double ratio = gradientNorm / rho;
            tolerance = Math.max(tolerance, Math.max(GRADIENT_FACTOR * ratio,
                    Math.sqrt(GRADIENT_FACTOR) * Math.sqrt(largest) * Math.sqrt(ratio)));
        }
        if (!Double.isFinite(tolerance)) {
            return unavailable(String.format(Locale.ROOT, "the Hessian's scale (largest |eigenvalue| %.3g, gradient norm"
                    + " %.3g) is beyond the double range: no eigenvalue can be told from zero", largest, gradientNorm));
        }

        int zeros = 0;
        int negatives = 0;
        double decrement = 0.0;
        double[] step = new double[n];
        for (int k = 0; k < n; k++) {
            double lambda = sorted[k];
            if (lambda < -tolerance) {
                negatives++;
            } else if (lambda <= tolerance) {
                zeros++;
            }
            if (Math.abs(lambda) > tolerance) {
                double projection = 0.0;
                for (int c = 0; c < n; c++) {
                    projection += sortedVectors[k][c] * g[c];
                }
                if (lambda > 0) {
                    decrement += 0.5 * projection * projection / lambda;
                }
                for (int c = 0; c < n; c++) {
                    step[c] += projection / lambda * sortedVectors[k][c];
                }
            }
        }

        List<Integer> zeroFilters = zeroFilters(architecture, w);
        OptionalInt expected = zeroFilters.isEmpty() ? OptionalInt.of(architecture.depth() - 1) : OptionalInt.empty();
        double smallest = n == 0 ? 0.0 : sorted[0];
        Verdict verdict;
        String reason;
        if (negatives > 0) {
            verdict = Verdict.STRICT_SADDLE;
            reason = String.format(Locale.ROOT, "%d eigenvalue%s below -%.3g, the smallest %.6g (%.3g of the largest"
                    + " |eigenvalue|): a direction of negative curvature", negatives, negatives == 1 ? " is" : "s are",
                    tolerance, smallest, largest > 0 ? smallest / largest : 0.0);
        } else if (!zeroFilters.isEmpty()) {
            verdict = Verdict.INCONCLUSIVE;
            reason = "filter" + (zeroFilters.size() == 1 ? " " : "s ") + layers(zeroFilters) + (zeroFilters.size() == 1
                    ? " is" : " are") + " zero: L stays l(0) along every change of the other layers, a degenerate"
                    + " set that second order cannot decide (" + zeros + " zero eigenvalues, none clearly negative)";
        } else if (zeros == architecture.depth() - 1) {
            verdict = Verdict.LOCAL_MINIMUM_CANDIDATE;
            reason = String.format(Locale.ROOT, "positive definite apart from the N - 1 = %d zero modes of the"
                    + " rescaling symmetry (smallest other eigenvalue %.6g > %.3g)", zeros,
                    smallestAbove(sorted, tolerance), tolerance);
        } else if (zeros < architecture.depth() - 1) {
            verdict = Verdict.INCONCLUSIVE;
            reason = "only " + zeros + " eigenvalues within +-" + String.format(Locale.ROOT, "%.3g", tolerance)
                    + " where the rescaling symmetry gives N - 1 = " + (architecture.depth() - 1)
                    + " at a critical point: the point is not critical to this tolerance";
        } else {
            verdict = Verdict.INCONCLUSIVE;
            reason = zeros + " eigenvalues within +-" + String.format(Locale.ROOT, "%.3g", tolerance) + ", "
                    + (zeros - architecture.depth() + 1) + " more than the N - 1 = " + (architecture.depth() - 1)
                    + " of the rescaling symmetry and none clearly negative: a degenerate point that second order"
                    + " cannot decide";
        }
        return new CriticalPoint(verdict, reason, sorted, tolerance, expected, zeros, negatives, smallest, largest,
                decrement, Hessian.norm(step));
    }

    /** @return the 0-based layers whose filter is exactly zero */
    static List<Integer> zeroFilters(Architecture architecture, double[] w) {
        List<Integer> zero = new ArrayList<>();
        for (int i = 0; i < architecture.depth(); i++) {
            boolean allZero = true;
            for (int a = 0; a < architecture.width(i); a++) {
                allZero &= w[architecture.offset(i) + a] == 0.0;
            }
            if (allZero) {
                zero.add(i);
            }
        }
        return zero;
    }

    /** @return 1-based layer numbers, e.g. {@code 1 and 3} */
    static String layers(List<Integer> zeroBased) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < zeroBased.size(); k++) {
            if (k > 0) {
                s.append(k == zeroBased.size() - 1 ? " and " : ", ");
            }
            s.append(zeroBased.get(k) + 1);
        }
        return s.toString();
    }

    private static double smallestAbove(double[] sorted, double tolerance) {
        for (double lambda : sorted) {
            if (lambda > tolerance) {
                return lambda;
            }
        }
        return 0.0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CriticalPoint that && verdict == that.verdict && reason.equals(that.reason)
                && Arrays.equals(eigenvalues, that.eigenvalues)
                && Double.compare(zeroTolerance, that.zeroTolerance) == 0
                && expectedZeroModes.equals(that.expectedZeroModes) && zeroModes == that.zeroModes
                && negativeModes == that.negativeModes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(verdict, reason, Arrays.hashCode(eigenvalues), zeroTolerance, zeroModes, negativeModes);
    }

    @Override
    public String toString() {
        return "CriticalPoint(" + verdict + ": " + reason + ")";
    }
}
