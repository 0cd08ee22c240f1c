package org.lcnflow.core.endpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.lcnflow.api.Architecture;
import org.lcnflow.core.network.LayerPolynomials;
import org.lcnflow.core.network.Polynomial;

/**
 * The roots of the layer polynomials {@code p~_i(x) = q_i(x^{S_i})} (eq. (2.1); {@code q_i} has the filter
 * {@code w^(i)} as coefficients and {@code S_i} is the product of the earlier strides), repeated roots within a
 * layer and roots shared between layers.
 *
 * <p><b>Roots.</b> Coefficients with {@code |c| <= 8 eps max_j |c_j|} count as zero (rounding level). Zero
 * leading (highest) coefficients lower the degree; {@code z} zero trailing (lowest) coefficients give the root
 * {@code 0} of multiplicity {@code z S_i}. The remaining roots {@code rho} of {@code q_i} are the eigenvalues of its
 * companion matrix (EJML, general eigen decomposition), and each gives the {@code S_i} roots
 * {@code |rho|^{1/S_i} e^{i (arg rho + 2 pi k) / S_i}} of {@code p~_i}. A zero filter is the zero polynomial: every
 * {@code x} is a root.
 *
 * <p><b>Shared and repeated roots.</b> Two polynomials share a root exactly when their Sylvester matrix is
 * singular, and the dimension of its kernel is the degree of their greatest common divisor. With both
 * polynomials scaled to unit coefficient 2-norm, the pair is counted as sharing {@code c} roots when {@code c}
 * singular values of the Sylvester matrix are at most the tolerance {@code tau_S}; repeated roots of one layer
 * are shared roots of {@code p~_i} and {@code p~_i'}. The shared roots reported are the midpoints of the
 * {@code c} closest pairs of roots. The tolerance is {@code tau_S = max(sqrt(eps), 10 sqrt(n) delta)} with
 * {@code delta} the relative uncertainty of the filters (the caller's estimate of the distance to the critical
 * point, 0 at an exact one) and {@code n} the Sylvester size: a perturbation of the coefficients by
 * {@code delta} relative moves the singular values by at most about {@code sqrt(n) delta}, and
 * {@code sqrt(eps)} is the customary floor of numerical greatest common divisors for data carrying rounding
 * errors. Immutable.
 */
public final class LayerRoots {

    /** The floor of the shared-root tolerance, {@code sqrt(eps)}. */
    public static final double TOLERANCE_FLOOR = Math.sqrt(Math.ulp(1.0));

    /**
     * A complex root.
     *
     * @param real      its real part
     * @param imaginary its imaginary part
     */
    public record Root(double real, double imaginary) {

        /** @return {@code |x|} */
        public double magnitude() {
            return Math.hypot(real, imaginary);
        }

        double distance(Root other) {
            return Math.hypot(real - other.real, imaginary - other.imaginary);
        }

        /** @return e.g. {@code -1.22983} or {@code 0.707107 - 0.707107i} (six significant digits) */
        @Override
        public String toString() {
            String re = String.format(java.util.Locale.ROOT, "%.6g", real);
            return imaginary == 0 ? re : re + (imaginary < 0 ? " - " : " + ")
                    + String.format(java.util.Locale.ROOT, "%.6g", Math.abs(imaginary)) + "i";
        }
    }

    /**
     * One layer polynomial.
     *
     * @param layer         0-based layer index
     * @param spacing       its exponent step {@code S_i}
     * @param degree        the actual degree of {@code p~_i} (after dropping zero leading coefficients); 0 for a
     *                      zero filter
     * @param zero          whether the filter is zero (every {@code x} is a root)
     * @param roots         its {@code degree} roots, with multiplicity
     * @param repeatedRoots {@code deg gcd(p~_i, p~_i')}: the sum over roots of (multiplicity - 1)
     * @param discriminantSingularValue the smallest singular value of the normalized Sylvester matrix of
     *                      {@code p~_i} and {@code p~_i'} (empty below degree 2)
     */
    public record Layer(int layer, int spacing, int degree, boolean zero, List<Root> roots, int repeatedRoots,
                        OptionalDouble discriminantSingularValue) {

        /** Copies the list. */
        public Layer {
            roots = List.copyOf(roots);
        }
    }

    /**
     * Roots shared by two layers.
     *
     * @param first                  0-based layer index
     * @param second                 0-based layer index, {@code > first}
     * @param sylvesterSingularValue the smallest singular value of the normalized Sylvester matrix of the two
     *                               polynomials (0 when one is the zero polynomial; empty when one has no root)
     * @param count                  the number of shared roots ({@code deg gcd}); for a zero filter, every root
     *                               of the other
     * @param roots                  estimates of the shared roots
     */
    public record SharedRoots(int first, int second, OptionalDouble sylvesterSingularValue, int count,
                              List<Root> roots) {

        /** Copies the list. */
        public SharedRoots {
            roots = List.copyOf(roots);
        }
    }

    private final double tolerance;
    private final List<Layer> layers;
    private final List<SharedRoots> pairs;

    private LayerRoots(double tolerance, List<Layer> layers, List<SharedRoots> pairs) {
        this.tolerance = tolerance;
        this.layers = layers;
        this.pairs = pairs;
    }

    /**
     * @param architecture the network
     * @param w            the concatenated layer filters
     * @param uncertainty  the filters' relative uncertainty {@code delta} (0 at an exact point)
     * @return the roots of every layer polynomial and the roots each pair of layers shares
     */
    public static LayerRoots of(Architecture architecture, double[] w, double uncertainty) {
        LayerPolynomials.requireParameters(architecture, w);
        if (!(uncertainty >= 0) || Double.isInfinite(uncertainty)) {
            throw new IllegalArgumentException("the filters' relative uncertainty must be >= 0 and finite, got "
                    + uncertainty);
        }
        int depth = architecture.depth();
        double[][] polynomials = new double[depth][];
        List<Layer> layers = new ArrayList<>();
        int largestDegree = 1;
        for (int i = 0; i < depth; i++) {
            double[] filter = cleaned(LayerPolynomials.layerFilter(architecture, w, i));
            int spacing = architecture.cumulativeStride(i);
            polynomials[i] = trimmed(Polynomial.spaced(filter, spacing).coefficients());
            largestDegree = Math.max(largestDegree, polynomials[i].length - 1);
        }
        double tolerance = Math.max(TOLERANCE_FLOOR, 10 * Math.sqrt(2.0 * largestDegree) * uncertainty);
        for (int i = 0; i < depth; i++) {
            double[] filter = cleaned(LayerPolynomials.layerFilter(architecture, w, i));
            int spacing = architecture.cumulativeStride(i);
            double[] p = polynomials[i];
            boolean zero = isZero(p);
            List<Root> roots = zero ? List.of() : roots(filter, spacing);
            int repeated = 0;
            OptionalDouble discriminant = OptionalDouble.empty();
            if (!zero && p.length >= 3) {
                double[] singular = sylvesterSingularValues(p, derivative(p));
                discriminant = OptionalDouble.of(min(singular));
                repeated = countAtMost(singular, tolerance);
            }
            layers.add(new Layer(i, spacing, zero ? 0 : p.length - 1, zero, roots, repeated, discriminant));
        }
        List<SharedRoots> pairs = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            for (int l = i + 1; l < depth; l++) {
                pairs.add(shared(layers.get(i), layers.get(l), polynomials[i], polynomials[l], tolerance));
            }
        }
        return new LayerRoots(tolerance, Collections.unmodifiableList(layers), Collections.unmodifiableList(pairs));
    }

    private static SharedRoots shared(Layer a, Layer b, double[] p, double[] q, double tolerance) {
        if (a.zero() || b.zero()) {
            Layer other = a.zero() ? b : a;
            return new SharedRoots(a.layer(), b.layer(), OptionalDouble.of(0.0), a.zero() && b.zero() ? 0
                    : other.degree(), other.roots());
        }
        if (p.length < 2 || q.length < 2) {
            return new SharedRoots(a.layer(), b.layer(), OptionalDouble.empty(), 0, List.of());
        }
        double[] singular = sylvesterSingularValues(p, q);
        int count = countAtMost(singular, tolerance);
        return new SharedRoots(a.layer(), b.layer(), OptionalDouble.of(min(singular)), count,
                closestPairs(a.roots(), b.roots(), count));
    }

    /** @return the midpoints of the {@code count} closest pairs, each root used once (greedy) */
    private static List<Root> closestPairs(List<Root> first, List<Root> second, int count) {
        List<Root> result = new ArrayList<>();
        boolean[] usedFirst = new boolean[first.size()];
        boolean[] usedSecond = new boolean[second.size()];
        for (int k = 0; k < count; k++) {
            int bestA = -1;
            int bestB = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int a = 0; a < first.size(); a++) {
                if (usedFirst[a]) {
                    continue;
                }
                for (int b = 0; b < second.size(); b++) {
                    if (usedSecond[b]) {
                        continue;
                    }
                    double d = first.get(a).distance(second.get(b));
                    if (d < best) {
                        best = d;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            if (bestA < 0) {
                break;
            }
            usedFirst[bestA] = true;
            usedSecond[bestB] = true;
            Root x = first.get(bestA);
            Root y = second.get(bestB);
            result.add(new Root((x.real() + y.real()) / 2, (x.imaginary() + y.imaginary()) / 2));
        }
        return result;
    }

    /** @return the roots of {@code q(x^spacing)} with multiplicity */
    static List<Root> roots(double[] filter, int spacing) {
        int low = 0;
        while (low < filter.length && filter[low] == 0.0) {
            low++;
        }
        int high = filter.length - 1;
        while (high >= 0 && filter[high] == 0.0) {
            high--;
        }
        List<Root> roots = new ArrayList<>();
        if (high < 0) {
            return roots;
        }
        for (int k = 0; k < low * spacing; k++) {
            roots.add(new Root(0.0, 0.0));
        }
        int n = high - low;
        if (n == 0) {
            return roots;
        }
        // companion matrix of the monic q(y) / y^low: ones on the subdiagonal, -c_j / c_n in the last column
        DMatrixRMaj companion = new DMatrixRMaj(n, n);
        for (int r = 1; r < n; r++) {
            companion.set(r, r - 1, 1.0);
        }
        for (int r = 0; r < n; r++) {
            companion.set(r, n - 1, -filter[low + r] / filter[high]);
        }
        List<Root> inner = new ArrayList<>();
        if (n == 1) {
            inner.add(new Root(companion.get(0, 0), 0.0));
        } else {
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, false);
            if (!eig.decompose(companion)) {
                throw new IllegalStateException("the eigen decomposition of the " + n + " x " + n
                        + " companion matrix of " + java.util.Arrays.toString(filter) + " did not converge");
            }
            for (int k = 0; k < n; k++) {
                inner.add(new Root(eig.getEigenvalue(k).real, eig.getEigenvalue(k).imaginary));
            }
        }
        for (Root rho : inner) {
            if (spacing == 1) {
                roots.add(rho);
                continue;
            }
            double radius = Math.pow(rho.magnitude(), 1.0 / spacing);
            double angle = Math.atan2(rho.imaginary(), rho.real());
            for (int k = 0; k < spacing; k++) {
                double theta = (angle + 2 * Math.PI * k) / spacing;
                roots.add(new Root(radius * Math.cos(theta), radius * Math.sin(theta)));
            }
        }
        return roots;
    }

    /** @return the filter with rounding-level coefficients ({@code <= 8 eps max |c|}) set to zero */
    static double[] cleaned(double[] filter) {
        double largest = 0.0;
        for (double c : filter) {
            largest = Math.max(largest, Math.abs(c));
        }
        double threshold = 8 * Math.ulp(1.0) * largest;
        double[] clean = filter.clone();
        for (int j = 0; j < clean.length; j++) {
            if (Math.abs(clean[j]) <= threshold) {
                clean[j] = 0.0;
            }
        }
        return clean;
    }

    /** @return the coefficients without zero leading (highest-degree) ones; {@code {0}} for the zero polynomial */
    static double[] trimmed(double[] p) {
        int high = p.length - 1;
        while (high > 0 && p[high] == 0.0) {
            high--;
        }
        return java.util.Arrays.copyOf(p, high + 1);
    }

    private static boolean isZero(double[] p) {
        for (double c : p) {
            if (c != 0.0) {
                return false;
            }
        }
        return true;
    }

    private static double[] derivative(double[] p) {
        double[] d = new double[p.length - 1];
        for (int j = 1; j < p.length; j++) {
            d[j - 1] = j * p[j];
        }
        return trimmed(d);
    }

    /**
     * @param p a polynomial of degree {@code m >= 1} (non-zero leading coefficient)
     * @param q a polynomial of degree {@code n >= 1}
     * @return the singular values of the {@code (m + n)}-square Sylvester matrix of {@code p / ||p||} and
     *         {@code q / ||q||}: {@code n} shifted copies of {@code p} and {@code m} of {@code q}
     */
    static double[] sylvesterSingularValues(double[] p, double[] q) {
        int m = p.length - 1;
        int n = q.length - 1;
        double np = Hessian.norm(p);
        double nq = Hessian.norm(q);
        DMatrixRMaj s = new DMatrixRMaj(m + n, m + n);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j <= m; j++) {
                s.set(r, r + j, p[j] / np);
            }
        }
        for (int r = 0; r < m; r++) {
            for (int j = 0; j <= n; j++) {
                s.set(n + r, r + j, q[j] / nq);
            }
        }
        return SingularOps_DDRM.singularValues(s);
    }

    private static double min(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static int countAtMost(double[] values, double tolerance) {
        int count = 0;
        for (double v : values) {
            if (v <= tolerance) {
                count++;
            }
        }
        return count;
    }

    /** @return {@code tau_S}, the singular-value tolerance for shared and repeated roots */
    public double tolerance() {
        return tolerance;
    }

    /** @return one entry per layer, in layer order (unmodifiable) */
    public List<Layer> layers() {
        return layers;
    }

    /** @return one entry per pair of layers {@code i < l} (unmodifiable) */
    public List<SharedRoots> pairs() {
        return pairs;
    }

    /** @return whether some pair of different layers shares a root (a zero filter shares every root) */
    public boolean anyShared() {
        for (SharedRoots pair : pairs) {
            if (pair.count() > 0 || layers.get(pair.first()).zero() || layers.get(pair.second()).zero()) {
                return true;
            }
        }
        return false;
    }

    /** @return the smallest normalized Sylvester singular value over all pairs, empty without pairs with roots */
    public OptionalDouble smallestPairSingularValue() {
        double min = Double.POSITIVE_INFINITY;
        for (SharedRoots pair : pairs) {
            if (pair.sylvesterSingularValue().isPresent()) {
                min = Math.min(min, pair.sylvesterSingularValue().getAsDouble());
            }
        }
        return Double.isFinite(min) ? OptionalDouble.of(min) : OptionalDouble.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LayerRoots that && Double.compare(tolerance, that.tolerance) == 0
                && layers.equals(that.layers) && pairs.equals(that.pairs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tolerance, layers, pairs);
    }

    @Override
    public String toString() {
        return "LayerRoots(tolerance=" + tolerance + ", layers=" + layers + ", pairs=" + pairs + ")";
    }
}
