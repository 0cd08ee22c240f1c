package org.lcnflow.core.endpoint;

import java.io.Serializable;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.lcnflow.api.Architecture;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;
import org.lcnflow.api.SeparableLoss;

/**
 * The end-point analysis for samples that are not in one place: sums over the input patches {@code p_ij} of a set
 * of samples (one chunk of a cluster's data, say), which add over disjoint sets, and the {@link FinalFilterRisk}
 * that {@link #risk} makes from their totals. Each operation of that risk is one sum over all samples: {@code l(v)},
 * {@code dl/dv}, the curvature sums {@code sum phi''(r) p p^T} ({@link Curvature}), and once the moments
 * {@code P^T P}, {@code P^T y} ({@link Moments}).
 *
 * <p>Two things differ from the analysis of data in memory, and only in how they are computed. The patches' rank
 * and least-squares filter come from the moments (the eigen decomposition of {@code P^T P}, eigenvalues above
 * {@code max(M, k_v) eps} times the largest), not from an SVD of {@code P}. And where {@code phi''(0)} is infinite
 * ({@code lp} with {@code p < 2}) the Newton model of {@link ConvexOptimum} takes the majorant
 * {@code max(phi''(r), phi'(r) / r)} at every non-zero residual (iteratively reweighted least squares), since a sum
 * does not remember which residuals changed sign: slower, to the same {@code L*}.
 */
public final class PatchSums {

    private PatchSums() {
    }

    /**
     * The totals a {@link #risk} is made of, each from one sum over all samples, added in a fixed order so that
     * they do not depend on how the samples are spread.
     */
    public interface Source {

        /** @return the network */
        Architecture architecture();

        /** @return the loss */
        Loss loss();

        /**
         * @param v a final filter
         * @return {@code l(v)}, the sum of {@link PatchSums#value} over all samples
         */
        double value(double[] v);

        /**
         * @param v a final filter
         * @return {@code dl/dv}, the sum of {@link PatchSums#gradient}
         */
        double[] gradient(double[] v);

        /**
         * @param v a final filter
         * @return the sum of {@link PatchSums#curvature}
         */
        Curvature curvature(double[] v);

        /** @return the sum of {@link PatchSums#moments} */
        Moments moments();
    }

    /**
     * {@code P^T P} and {@code P^T y} of some samples' patches. Serializable; add with {@link #add}.
     *
     * @param width       {@code k_v}
     * @param patches     {@code M}, the number of patches
     * @param gram        {@code P^T P}, {@code k_v x k_v} row-major
     * @param correlation {@code P^T y}
     */
    public record Moments(int width, long patches, double[] gram, double[] correlation) implements Serializable {

        /**
         * @param other the moments of other samples
         * @return the moments of both, entry by entry ({@code this} first)
         */
        public Moments add(Moments other) {
            requireWidth(width, other.width);
            return new Moments(width, patches + other.patches, sum(gram, other.gram),
                    sum(correlation, other.correlation));
        }
    }

    /**
     * The curvature sums of some samples at a final filter. Serializable; add with {@link #add}.
     *
     * @param width           {@code k_v}
     * @param finite          {@code sum phi''(r) p p^T} over the patches where {@code phi''(r)} is finite
     * @param majorant        {@code sum max(phi''(r), phi'(r) / r) p p^T} over those where it is finite
     *                        ({@code phi''(r)} at {@code r = 0})
     * @param nonFinite       {@code sum p p^T} over the patches where {@code phi''(r)} is not finite
     * @param largestFinite   the largest finite {@code phi''(r)}
     * @param largestMajorant the largest finite majorant
     * @param firstNonFinite  a sentence naming the first patch where {@code phi''} is not finite, or null
     */
    public record Curvature(int width, double[] finite, double[] majorant, double[] nonFinite, double largestFinite,
                            double largestMajorant, String firstNonFinite) implements Serializable {

        /**
         * @param other the sums of samples that come after these
         * @return the sums of both, entry by entry; the first non-finite patch is this one's if it has one
         */
        public Curvature add(Curvature other) {
            requireWidth(width, other.width);
            return new Curvature(width, sum(finite, other.finite), sum(majorant, other.majorant),
                    sum(nonFinite, other.nonFinite), Math.max(largestFinite, other.largestFinite),
                    Math.max(largestMajorant, other.largestMajorant),
                    firstNonFinite != null ? firstNonFinite : other.firstNonFinite);
        }
    }

    /**
     * @param architecture the network
     * @param data         some samples
     * @return their patches' {@code P^T P} and {@code P^T y}
     */
    public static Moments moments(Architecture architecture, Dataset data) {
        data.requireFits(architecture);
        int kv = architecture.finalWidth();
        int sv = architecture.finalStride();
        int dN = architecture.outputDimension();
        double[] gram = new double[kv * kv];
        double[] correlation = new double[kv];
        double[][] xs = data.inputs();
        double[][] ys = data.targets();
        for (int i = 0; i < xs.length; i++) {
            double[] x = xs[i];
            double[] y = ys[i];
            for (int j = 0; j < dN; j++) {
                int base = j * sv;
                for (int a = 0; a < kv; a++) {
                    double xa = x[base + a];
                    correlation[a] += xa * y[j];
                    for (int b = a; b < kv; b++) {
                        gram[a * kv + b] += xa * x[base + b];
                    }
                }
            }
        }
        mirror(gram, kv);
        return new Moments(kv, (long) data.sampleCount() * dN, gram, correlation);
    }

    /**
     * @param architecture the network
     * @param data         some samples
     * @param loss         the loss
     * @param v            a final filter
     * @return their part of {@code l(v)}
     */
    public static double value(Architecture architecture, Dataset data, Loss loss, double[] v) {
        Patches p = new Patches(architecture, data, v);
        SeparableLoss separable = loss instanceof SeparableLoss ? (SeparableLoss) loss : null;
        double total = 0.0;
        for (int i = 0; i < data.sampleCount(); i++) {
            double[] z = p.outputs(i);
            double[] y = p.ys[i];
            if (separable != null) {
                double sample = 0.0;
                for (int j = 0; j < z.length; j++) {
                    sample += separable.phi(z[j] - y[j]);
                }
                total += sample;
            } else {
                total += loss.value(z, y);
            }
        }
        return total;
    }

    /**
     * @param architecture the network
     * @param data         some samples
     * @param loss         the loss
     * @param v            a final filter
     * @return their part of {@code dl/dv}
     */
    public static double[] gradient(Architecture architecture, Dataset data, Loss loss, double[] v) {
        Patches p = new Patches(architecture, data, v);
        SeparableLoss separable = loss instanceof SeparableLoss ? (SeparableLoss) loss : null;
        int kv = v.length;
        int sv = architecture.finalStride();
        double[] gradient = new double[kv];
        double[] dz = new double[architecture.outputDimension()];
        for (int i = 0; i < data.sampleCount(); i++) {
            double[] z = p.outputs(i);
            double[] y = p.ys[i];
            if (separable != null) {
                for (int j = 0; j < z.length; j++) {
                    dz[j] = separable.phiPrime(z[j] - y[j]);
                }
            } else {
                loss.gradient(z, y, dz);
            }
            double[] x = p.xs[i];
            for (int j = 0; j < dz.length; j++) {
                double d = dz[j];
                int base = j * sv;
                for (int n = 0; n < kv; n++) {
                    gradient[n] += d * x[base + n];
                }
            }
        }
        return gradient;
    }

    /**
     * @param architecture the network
     * @param data         some samples
     * @param loss         the loss
     * @param v            a final filter
     * @param firstSample  the number of the first of these samples among all (from 0), for the message naming a
     *                     non-finite {@code phi''}
     * @return their curvature sums at {@code v}
     */
    public static Curvature curvature(Architecture architecture, Dataset data, SeparableLoss loss, double[] v,
                                      long firstSample) {
        Patches p = new Patches(architecture, data, v);
        int kv = v.length;
        int sv = architecture.finalStride();
        double[] finite = new double[kv * kv];
        double[] majorant = new double[kv * kv];
        double[] nonFinite = new double[kv * kv];
        double largestFinite = 0.0;
        double largestMajorant = 0.0;
        String first = null;
        for (int i = 0; i < data.sampleCount(); i++) {
            double[] z = p.outputs(i);
            double[] y = p.ys[i];
            double[] x = p.xs[i];
            for (int j = 0; j < z.length; j++) {
                double r = z[j] - y[j];
                double c = loss.phiSecond(r);
                int base = j * sv;
                if (Double.isFinite(c)) {
                    double m = r != 0.0 ? Math.max(c, loss.phiPrime(r) / r) : c;
                    largestFinite = Math.max(largestFinite, c);
                    addOuter(finite, x, base, kv, c);
                    if (Double.isFinite(m)) {
                        largestMajorant = Math.max(largestMajorant, m);
                        addOuter(majorant, x, base, kv, m);
                    } else {
                        addOuter(nonFinite, x, base, kv, 1.0);
                    }
                } else {
                    if (first == null) {
                        first = "phi''(r) = " + c + " for the loss " + loss + " at the residual r = " + r + " of sample "
                                + (firstSample + i + 1) + ", output coordinate " + (j + 1);
                    }
                    addOuter(nonFinite, x, base, kv, 1.0);
                }
            }
        }
        mirror(finite, kv);
        mirror(majorant, kv);
        mirror(nonFinite, kv);
        return new Curvature(kv, finite, majorant, nonFinite, largestFinite, largestMajorant, first);
    }

    /**
     * @param source the totals, e.g. added over the chunks of a cluster's data in chunk order
     * @return the risk as a function of the final filter, for {@link EndPoint#analyze(FinalFilterRisk, double[],
     *         double)}; its moments are asked for once, at the first use
     */
    public static FinalFilterRisk risk(Source source) {
        Objects.requireNonNull(source, "source is null");
        return new SumsRisk(source);
    }

    /** The risk of {@link #risk}. */
    private static final class SumsRisk implements FinalFilterRisk {
        private final Source source;
        private final int width;
        private Spectrum spectrum;

        SumsRisk(Source source) {
            this.source = source;
            this.width = source.architecture().finalWidth();
        }

        @Override
        public Architecture architecture() {
            return source.architecture();
        }

        @Override
        public Loss loss() {
            return source.loss();
        }

        @Override
        public double value(double[] v) {
            return source.value(v);
        }

        @Override
        public double[] gradient(double[] v) {
            return source.gradient(v);
        }

        @Override
        public double[][] hessian(double[] v) {
            if (!(loss() instanceof SeparableLoss)) {
                throw new IllegalArgumentException("the Hessian needs the loss's second derivative phi'', but "
                        + loss() + " is not a SeparableLoss");
            }
            Curvature c = source.curvature(v);
            if (c.firstNonFinite() != null) {
                throw new IllegalArgumentException(c.firstNonFinite());
            }
            return square(c.finite(), width);
        }

        @Override
        public int patchRank() {
            return spectrum().rank;
        }

        @Override
        public double[] leastSquares() {
            Spectrum s = spectrum();
            if (s.values == null) {
                return null;
            }
            double[] v = new double[width];
            for (int k = 0; k < width; k++) {
                if (!(s.values[k] > s.threshold)) {
                    continue;
                }
                double[] u = s.vectors[k];
                double projection = 0.0;
                for (int n = 0; n < width; n++) {
                    projection += u[n] * s.correlation[n];
                }
                for (int n = 0; n < width; n++) {
                    v[n] += projection / s.values[k] * u[n];
                }
            }
            for (double c : v) {
                if (!Double.isFinite(c)) {
                    return null;
                }
            }
            return v;
        }

        @Override
        public NewtonModel newtonModel() {
            if (!(loss() instanceof SeparableLoss)) {
                throw new IllegalStateException("the loss " + loss() + " is not separable: phi'' is not available");
            }
            boolean majorize = !Double.isFinite(((SeparableLoss) loss()).phiSecond(0.0));
            return v -> {
                Curvature c = source.curvature(v);
                double largest = majorize ? c.largestMajorant() : c.largestFinite();
                if (largest == 0.0) {
                    return null;
                }
                double cap = FunctionSpaceRisk.CURVATURE_CAP * largest;
                double[] base = majorize ? c.majorant() : c.finite();
                double[] h = new double[base.length];
                for (int k = 0; k < h.length; k++) {
                    h[k] = base[k] + cap * c.nonFinite()[k];
                }
                return square(h, width);
            };
        }

        private Spectrum spectrum() {
            if (spectrum == null) {
                spectrum = Spectrum.of(source.moments());
            }
            return spectrum;
        }
    }

    /** The eigen decomposition of {@code P^T P}, with the rank threshold. */
    private static final class Spectrum {
        final int rank;
        final double threshold;
        final double[] values;
        final double[][] vectors;
        final double[] correlation;

        private Spectrum(int rank, double threshold, double[] values, double[][] vectors, double[] correlation) {
            this.rank = rank;
            this.threshold = threshold;
            this.values = values;
            this.vectors = vectors;
            this.correlation = correlation;
        }

        static Spectrum of(Moments m) {
            int kv = m.width();
            for (double g : m.gram()) {
                if (!Double.isFinite(g)) {
                    return new Spectrum(0, 0.0, null, null, m.correlation());
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(kv, true, true);
            if (!eig.decompose(new DMatrixRMaj(kv, kv, true, m.gram().clone()))) {
                return new Spectrum(0, 0.0, null, null, m.correlation());
            }
            double[] values = new double[kv];
            double[][] vectors = new double[kv][];
            double largest = 0.0;
            for (int k = 0; k < kv; k++) {
                values[k] = Math.max(eig.getEigenvalue(k).real, 0.0);
                vectors[k] = eig.getEigenVector(k).getData().clone();
                largest = Math.max(largest, values[k]);
            }
            double threshold = Math.max(m.patches(), kv) * Math.ulp(1.0) * largest;
            int rank = 0;
            for (double value : values) {
                if (value > threshold) {
                    rank++;
                }
            }
            return new Spectrum(rank, threshold, values, vectors, m.correlation());
        }
    }

    /** The outputs {@code z_ij = p_ij . v} of one sample at a time, in one reused array. */
    private static final class Patches {
        final double[][] xs;
        final double[][] ys;
        private final double[] v;
        private final int stride;
        private final double[] z;

        Patches(Architecture architecture, Dataset data, double[] v) {
            Objects.requireNonNull(data, "data is null");
            data.requireFits(architecture);
            if (v.length != architecture.finalWidth()) {
                throw new IllegalArgumentException("the final filter has " + v.length + " taps but " + architecture
                        + " has k_v = " + architecture.finalWidth());
            }
            this.xs = data.inputs();
            this.ys = data.targets();
            this.v = v;
            this.stride = architecture.finalStride();
            this.z = new double[architecture.outputDimension()];
        }

        double[] outputs(int i) {
            double[] x = xs[i];
            for (int j = 0; j < z.length; j++) {
                double sum = 0.0;
                int base = j * stride;
                for (int n = 0; n < v.length; n++) {
                    sum += x[base + n] * v[n];
                }
                z[j] = sum;
            }
            return z;
        }
    }

    private static void addOuter(double[] m, double[] x, int base, int kv, double c) {
        if (c == 0.0) {
            return;
        }
        for (int a = 0; a < kv; a++) {
            double ca = c * x[base + a];
            for (int b = a; b < kv; b++) {
                m[a * kv + b] += ca * x[base + b];
            }
        }
    }

    /** Copies the upper triangle of a {@code k x k} row-major matrix to the lower. */
    private static void mirror(double[] m, int k) {
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                m[a * k + b] = m[b * k + a];
            }
        }
    }

    private static double[][] square(double[] flat, int k) {
        double[][] m = new double[k][k];
        for (int a = 0; a < k; a++) {
            System.arraycopy(flat, a * k, m[a], 0, k);
        }
        return m;
    }

    private static double[] sum(double[] a, double[] b) {
        double[] s = a.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += b[i];
        }
        return s;
    }

    private static void requireWidth(int width, int other) {
        if (width != other) {
            throw new IllegalArgumentException("sums of final filters with " + width + " and " + other
                    + " taps do not add");
        }
    }
}
