/**
 * What the theory promises about the flow, as checked on a run (section 3): balancedness, the conserved
 * differences {@code delta_ij = ||w^(i)||^2 - ||w^(j)||^2} (Lemma 3.3,
 * {@link org.lcnflow.core.theory.Balancedness}); the bound {@code ||v(t)||_1 <= g(L(w0))} when
 * {@code X X^T} has full rank (condition (3.4), Lemma 3.6 and Cor. 3.7,
 * {@link org.lcnflow.core.theory.BoundednessBound}); and the run's {@link org.lcnflow.core.theory.Diagnostics}:
 * monotonicity of the loss, balancedness drift, boundedness, Theorem 3.8's hypotheses and where the flow
 * ended.
 */
package org.lcnflow.core.theory;
