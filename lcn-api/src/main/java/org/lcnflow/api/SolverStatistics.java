package org.lcnflow.api;

/**
 * What an implicit integrator of the gradient flow spends beyond gradient evaluations: the Jacobians
 * of the flow's right-hand side {@code -grad L} it forms (the exact Hessian of a {@link HessianField},
 * or differences of gradients for a field without one), the LU factorizations of its iteration
 * matrices, and its Newton iterations. All zero for an explicit method ({@link #NONE}).
 *
 * @param hessians              exact Hessians, calls of {@link HessianField#valueGradientAndHessian} (each
 *                              also one gradient evaluation of {@link FlowResult#evaluations()}, since it
 *                              gives the gradient too)
 * @param differenceHessians    Hessians formed by differences of gradients, for a field without an exact
 *                              one (each costs {@code n} gradient evaluations, counted in
 *                              {@link FlowResult#evaluations()})
 * @param factorizations        LU factorizations of iteration matrices
 * @param newtonIterations      iterations of the (simplified) Newton method, each one linear solve with
 *                              a factorized matrix and one gradient evaluation
 * @param newtonFailures        times the Newton iteration did not converge (the step was retried smaller)
 */
public record SolverStatistics(long hessians, long differenceHessians, long factorizations,
                               long newtonIterations, long newtonFailures) {

    /** The statistics of an explicit method: nothing beyond gradient evaluations. */
    public static final SolverStatistics NONE = new SolverStatistics(0, 0, 0, 0, 0);

    /**
     * Checks the counters.
     *
     * @throws IllegalArgumentException when a counter is negative, naming it
     */
    public SolverStatistics {
        check("hessians", hessians);
        check("differenceHessians", differenceHessians);
        check("factorizations", factorizations);
        check("newtonIterations", newtonIterations);
        check("newtonFailures", newtonFailures);
    }

    private static void check(String name, long count) {
        if (count < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + count);
        }
    }

    /** @return whether every counter is zero (an explicit method's run) */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * @param other the statistics of another run or phase
     * @return the counters of both added
     */
    public SolverStatistics plus(SolverStatistics other) {
        return new SolverStatistics(hessians + other.hessians, differenceHessians + other.differenceHessians,
                factorizations + other.factorizations, newtonIterations + other.newtonIterations,
                newtonFailures + other.newtonFailures);
    }
}
