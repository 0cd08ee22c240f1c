/**
 * The empirical risk {@code L(w) = sum_i loss(V x_i, y_i)} of problem (1.3) and its exact gradient,
 * without forming {@code V}: {@code dL/dv} from the data (or, for quadratic losses, from a quadratic form
 * set up once), then {@code dL/dw} through the adjoint of the polynomial product of Prop. 2.1.
 * {@link org.lcnflow.core.risk.EmpiricalRisk} is the {@code GradientField} the flow integrates, and for a
 * separable loss a {@code HessianField} (its exact Hessian on every path, allocation-free);
 * {@link org.lcnflow.core.risk.GradientPath} names the three ways it computes {@code dL/dv}, and
 * {@link org.lcnflow.core.risk.RiskOptions} chooses between them. How the data pass and the quadratic form
 * work is in {@link org.lcnflow.core.risk.engine}.
 */
package org.lcnflow.core.risk;
