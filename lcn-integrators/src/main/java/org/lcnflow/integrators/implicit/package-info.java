/**
 * The implicit integrators of the gradient flow {@code dw/dt = -grad L(w)} (eq. (1.4)), for the stiff end
 * of a run, where the Hessian's eigenvalues spread over many orders of magnitude and an explicit method
 * is held at its stability limit: each step solves with the iteration matrix {@code I / (h gamma) + H}
 * built from the Hessian {@code H} of {@code L} (the flow's Jacobian is {@code -H}).
 *
 * <p>{@link org.lcnflow.integrators.implicit.RadauFlowIntegrator} is Radau IIA of order 5 with simplified Newton
 * iterations (Hairer-Wanner II, IV.8); {@link org.lcnflow.integrators.implicit.RosenbrockFlowIntegrator} is the
 * Rosenbrock method RODAS4 of order 4(3) (IV.7), linearly implicit: one Hessian and one LU per step, no Newton.
 *
 * <p>The tools they share: {@link org.lcnflow.integrators.implicit.HessianSource} (the field's exact
 * Hessian, or differences of gradients), {@link org.lcnflow.integrators.implicit.DenseLu} (EJML's LU,
 * refactorized in place) and {@link org.lcnflow.integrators.implicit.SolverCounters} (the statistics of
 * {@link org.lcnflow.api.SolverStatistics}, saved with the state so that a resumed run continues them).
 */
package org.lcnflow.integrators.implicit;
