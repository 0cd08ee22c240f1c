package org.lcnflow.core.theory;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.lcnflow.api.Dataset;
import org.lcnflow.api.Loss;

/**
 * The bound of Lemma 3.6 / Cor. 3.7 on the final filter along the flow: when {@code X X^T} has full
 * rank and the loss has a bound {@code ||V X - Y||_1 <= h(L)} (eq. (3.8)),
 * {@code ||v(t)||_1 <= g(L(w0)) = (1/d_N) (h(L(w0)) + ||Y||_1) ||X^T (X X^T)^{-1}||_1}, with entry-wise
 * matrix 1-norms. Also reports the rank and the condition number of {@code X X^T}, which decide whether
 * Theorem 3.8's hypothesis holds. Immutable.
 */
public final class BoundednessBound {

    private final Loss loss;
    private final int inputDimension;
    private final int outputDimension;
    private final int samples;
    private final int rank;
    private final double conditionNumber;
    private final double targetsL1;
    private final double pseudoInverseL1;

    private BoundednessBound(Loss loss, int inputDimension, int outputDimension, int samples, int rank,
                             double conditionNumber, double targetsL1, double pseudoInverseL1) {
        this.loss = loss;
        this.inputDimension = inputDimension;
        this.outputDimension = outputDimension;
        this.samples = samples;
        this.rank = rank;
        this.conditionNumber = conditionNumber;
        this.targetsL1 = targetsL1;
        this.pseudoInverseL1 = pseudoInverseL1;
    }

    /**
     * @param data the training data ({@code X} is {@code d_0 x m} with samples as columns)
     * @param loss the loss, whose {@link Loss#l1Bound} is {@code h}
     * @return the bound's ingredients
     */
    public static BoundednessBound of(Dataset data, Loss loss) {
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(loss, "loss is null");
        int d0 = data.inputDimension();
        int m = data.sampleCount();
        DMatrixRMaj xt = new DMatrixRMaj(data.inputs()); // m x d0 = X^T
        // rank and condition number do not depend on the scale of X, and X^T (X X^T)^{-1} scales like 1/c:
        // work with X / c, c = max |x_ij|, so that X X^T neither overflows nor underflows
        double c = CommonOps_DDRM.elementMaxAbs(xt);
        if (c > 0) {
            CommonOps_DDRM.divide(xt, c);
        }
        DMatrixRMaj gram = new DMatrixRMaj(d0, d0);
        CommonOps_DDRM.multTransA(xt, xt, gram); // X X^T
        double[] spectrum = rankAndCondition(gram);
        int rank = (int) spectrum[0];
        double condition = spectrum[1];
        double targetsL1 = 0.0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < data.outputDimension(); j++) {
                targetsL1 += Math.abs(data.target(i, j));
            }
        }
        double pseudoInverseL1 = Double.NaN;
        if (rank == d0) {
            // X^T (X X^T)^{-1} = solve (X X^T) Z = X for Z = (X X^T)^{-1} X, then transpose: same entries
            DMatrixRMaj x = CommonOps_DDRM.transpose(xt, null);
            DMatrixRMaj z = new DMatrixRMaj(d0, m);
            if (CommonOps_DDRM.solveSPD(gram.copy(), x, z) || CommonOps_DDRM.solve(gram.copy(), x, z)) {
                pseudoInverseL1 = CommonOps_DDRM.elementSumAbs(z) / c;
            }
        }
        return new BoundednessBound(loss, d0, data.outputDimension(), m, rank, condition, targetsL1,
                pseudoInverseL1);
    }

    /**
     * The inputs' Gram matrix and the targets' 1-norm of some samples, for data that are not in one place: computed
     * where the samples are ({@link #of(Dataset)}), added in a fixed order ({@link #add}), made into the bound by
     * {@link BoundednessBound#of(Loss, InputGram, ToDoubleFunction)}. Serializable.
     *
     * @param inputDimension  {@code d_0}
     * @param outputDimension {@code d_N}
     * @param samples         {@code m}
     * @param scale           {@code c = max |x_ij|} (1 when every input is 0)
     * @param gram            {@code (X / c) (X / c)^T}, {@code d_0 x d_0} row-major
     * @param targetsL1       {@code ||Y||_1}
     */
    public record InputGram(int inputDimension, int outputDimension, long samples, double scale, double[] gram,
                            double targetsL1) implements java.io.Serializable {

        /**
         * @param data some samples
         * @return their Gram matrix (of the inputs scaled by their largest absolute value) and targets' 1-norm
         */
        public static InputGram of(Dataset data) {
            int d0 = data.inputDimension();
            double[][] x = data.inputs();
            double c = 0.0;
            for (double[] row : x) {
                for (double value : row) {
                    c = Math.max(c, Math.abs(value));
                }
            }
            c = c > 0 ? c : 1.0;
            double[] gram = new double[d0 * d0];
            double[] scaled = new double[d0];
            for (double[] row : x) {
                for (int t = 0; t < d0; t++) {
                    scaled[t] = row[t] / c;
                }
                for (int a = 0; a < d0; a++) {
                    double xa = scaled[a];
                    int base = a * d0;
                    for (int b = a; b < d0; b++) {
                        gram[base + b] += xa * scaled[b];
                    }
                }
            }
            for (int a = 0; a < d0; a++) {
                for (int b = 0; b < a; b++) {
                    gram[a * d0 + b] = gram[b * d0 + a];
                }
            }
            double targetsL1 = 0.0;
            for (double[] row : data.targets()) {
                for (double value : row) {
                    targetsL1 += Math.abs(value);
                }
            }
            return new InputGram(d0, data.outputDimension(), data.sampleCount(), c, gram, targetsL1);
        }

        /**
         * @param other the Gram matrix of other samples
         * @return that of both (rescaled to the larger scale), entry by entry, {@code this} first
         */
        public InputGram add(InputGram other) {
            if (other.inputDimension != inputDimension || other.outputDimension != outputDimension) {
                throw new IllegalArgumentException("Gram matrices of d0 = " + inputDimension + ", dN = "
                        + outputDimension + " and d0 = " + other.inputDimension + ", dN = " + other.outputDimension
                        + " do not add");
            }
            double c = Math.max(scale, other.scale);
            double a = (scale / c) * (scale / c);
            double b = (other.scale / c) * (other.scale / c);
            double[] sum = new double[gram.length];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = a * gram[i] + b * other.gram[i];
            }
            return new InputGram(inputDimension, outputDimension, samples + other.samples, c, sum,
                    targetsL1 + other.targetsL1);
        }
    }

    /**
     * The part of {@code ||X^T (X X^T)^{-1}||_1} that some samples give: {@code sum_i ||S x_i / c||_1}, the sum
     * over these samples of {@link BoundednessBound#of(Loss, InputGram, ToDoubleFunction)}'s solve.
     *
     * @param data  some samples
     * @param solve {@code S = ((X / c)(X / c)^T)^{-1}}, {@code d_0 x d_0} row-major and symmetric, of all samples
     * @param scale {@code c} of all samples
     * @return their part (divide the total by {@code c})
     */
    public static double solvedL1(Dataset data, double[] solve, double scale) {
        int d0 = data.inputDimension();
        double total = 0.0;
        double[] z = new double[d0];
        for (double[] row : data.inputs()) {
            // z = S x / c, column by column (S is symmetric: its column b is its row b)
            java.util.Arrays.fill(z, 0.0);
            for (int b = 0; b < d0; b++) {
                double xb = row[b] / scale;
                int base = b * d0;
                for (int a = 0; a < d0; a++) {
                    z[a] += solve[base + a] * xb;
                }
            }
            double sample = 0.0;
            for (int a = 0; a < d0; a++) {
                sample += Math.abs(z[a]);
            }
            total += sample;
        }
        return total;
    }

    /**
     * The bound of samples that are not in one place, from their {@link InputGram} and, when {@code X X^T} has full
     * rank, one more sum over them.
     *
     * @param loss     the loss
     * @param gram     the Gram matrix of all samples
     * @param solvedL1 given {@code S = ((X / c)(X / c)^T)^{-1}} ({@code d_0 x d_0} row-major), returns
     *                 {@code sum_i ||S x_i / c||_1} over all samples (e.g. the sum of {@link #solvedL1} over a
     *                 cluster's chunks); called at most once
     * @return the bound's ingredients, as {@link #of(Dataset, Loss)} gives them up to rounding
     */
    public static BoundednessBound of(Loss loss, InputGram gram, ToDoubleFunction<double[]> solvedL1) {
        Objects.requireNonNull(loss, "loss is null");
        Objects.requireNonNull(gram, "gram is null");
        Objects.requireNonNull(solvedL1, "solvedL1 is null");
        int d0 = gram.inputDimension();
        DMatrixRMaj g = new DMatrixRMaj(d0, d0, true, gram.gram().clone());
        double[] spectrum = rankAndCondition(g);
        int rank = (int) spectrum[0];
        double condition = spectrum[1];
        double pseudoInverseL1 = Double.NaN;
        if (rank == d0) {
            DMatrixRMaj inverse = new DMatrixRMaj(d0, d0);
            if (CommonOps_DDRM.solveSPD(g.copy(), CommonOps_DDRM.identity(d0), inverse)
                    || CommonOps_DDRM.solve(g.copy(), CommonOps_DDRM.identity(d0), inverse)) {
                pseudoInverseL1 = solvedL1.applyAsDouble(inverse.getData().clone()) / gram.scale();
            }
        }
        if (gram.samples() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(gram.samples() + " samples: the bound counts at most "
                    + Integer.MAX_VALUE);
        }
        return new BoundednessBound(loss, d0, gram.outputDimension(), (int) gram.samples(), rank, condition,
                gram.targetsL1(), pseudoInverseL1);
    }

    /** @return the numerical rank and the 2-norm condition number of the {@code d_0 x d_0} matrix {@code X X^T} */
    private static double[] rankAndCondition(DMatrixRMaj gram) {
        int d0 = gram.numRows;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d0, d0, false, false, true);
        if (!svd.decompose(gram.copy())) {
            throw new IllegalStateException("the singular value decomposition of X X^T did not converge");
        }
        double[] singular = svd.getSingularValues();
        double largest = 0.0;
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d0; i++) {
            largest = Math.max(largest, singular[i]);
            smallest = Math.min(smallest, singular[i]);
        }
        int rank = largest == 0 ? 0 : SingularOps_DDRM.rank(svd, largest * d0 * Math.ulp(1.0));
        return new double[] {rank, smallest > 0 ? largest / smallest : Double.POSITIVE_INFINITY};
    }

    /** @return the numerical rank of {@code X X^T} */
    public int rank() {
        return rank;
    }

    /** @return {@code d_0}, the rank needed */
    public int inputDimension() {
        return inputDimension;
    }

    /** @return whether {@code X X^T} has full rank {@code d_0} (the hypothesis of Lemma 3.6 and Theorem 3.8) */
    public boolean isFullRank() {
        return rank == inputDimension && !Double.isNaN(pseudoInverseL1);
    }

    /** @return the 2-norm condition number of {@code X X^T}; infinite when singular */
    public double conditionNumber() {
        return conditionNumber;
    }

    /** @return whether the loss supplies a finite {@code h} (eq. (3.8)) */
    public boolean lossHasBound() {
        return Double.isFinite(loss.l1Bound(0.0, outputDimension, samples));
    }

    /** @return {@code ||Y||_1} */
    public double targetsL1() {
        return targetsL1;
    }

    /** @return {@code ||X^T (X X^T)^{-1}||_1} when {@code X X^T} has full rank */
    public OptionalDouble pseudoInverseL1() {
        return Double.isNaN(pseudoInverseL1) ? OptionalDouble.empty() : OptionalDouble.of(pseudoInverseL1);
    }

    /**
     * @param risk a value {@code L} of the empirical risk, typically {@code L(w0)}
     * @return {@code g(L)}, or empty when {@code X X^T} is rank-deficient or the loss has no finite {@code h}
     */
    public OptionalDouble at(double risk) {
        if (!isFullRank()) {
            return OptionalDouble.empty();
        }
        double h = loss.l1Bound(risk, outputDimension, samples);
        if (!Double.isFinite(h)) {
            return OptionalDouble.empty();
        }
        double g = (h + targetsL1) * pseudoInverseL1 / outputDimension;
        return Double.isFinite(g) ? OptionalDouble.of(g) : OptionalDouble.empty();
    }
}
