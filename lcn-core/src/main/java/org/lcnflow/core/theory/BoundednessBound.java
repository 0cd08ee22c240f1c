package org.lcnflow.core.theory;

import java.util.Objects;
import java.util.OptionalDouble;
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
        double condition = smallest > 0 ? largest / smallest : Double.POSITIVE_INFINITY;
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
