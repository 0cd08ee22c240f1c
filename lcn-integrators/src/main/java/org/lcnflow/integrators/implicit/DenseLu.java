package org.lcnflow.integrators.implicit;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;

/**
 * The LU factorization with partial pivoting of one small dense matrix at a time (EJML's
 * {@code LUDecompositionAlt_DDRM}), refactorized in place and solved in place: after construction no call
 * allocates. An implicit integrator keeps one per iteration matrix ({@code I / (h gamma) + H} and the like)
 * and {@linkplain #factor factors} it again only when {@code h} or the Hessian changed.
 *
 * <p>Not thread-safe: one per run.
 */
public final class DenseLu {

    private final int size;
    private final DMatrixRMaj matrix;
    private final LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
    private final SolverCounters counters;
    private boolean factored;

    /**
     * @param size     the order of the matrices, {@code >= 1}
     * @param counters counts each factorization
     */
    public DenseLu(int size, SolverCounters counters) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        this.size = size;
        this.matrix = new DMatrixRMaj(size, size);
        this.counters = counters;
        lu.setExpectedMaxSize(size, size);
    }

    /** @return the order of the matrices */
    public int size() {
        return size;
    }

    /**
     * The matrix to factor next, row-major {@code size x size}: write into it, then call {@link #factor()}.
     * Its content after {@link #factor()} is unspecified.
     *
     * @return the array EJML factors (not a copy)
     */
    public double[] matrix() {
        return matrix.data;
    }

    /**
     * Factors the matrix written into {@link #matrix()} (counted as one factorization).
     *
     * @return false when it is singular or not finite: solving is then refused until a factorization succeeds
     */
    public boolean factor() {
        counters.factorizations++;
        double[] a = matrix.data;
        for (int i = 0; i < size * size; i++) {
            if (!Double.isFinite(a[i])) {
                factored = false;
                return false;
            }
        }
        factored = lu.decompose(matrix) && !lu.isSingular() && finiteDiagonal();
        return factored;
    }

    private boolean finiteDiagonal() {
        double[] factors = lu.getLU().data;
        for (int i = 0; i < size; i++) {
            double d = factors[i * size + i];
            if (d == 0 || !Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the last factorization succeeded */
    public boolean isFactored() {
        return factored;
    }

    /**
     * Solves {@code M x = b} in place with the last factorization.
     *
     * @param b the right-hand side, length {@link #size()}; receives {@code x}
     * @throws IllegalStateException when the last factorization failed or none was made
     */
    public void solve(double[] b) {
        if (!factored) {
            throw new IllegalStateException("no successful factorization to solve with");
        }
        lu._solveVectorInternal(b);
    }
}
