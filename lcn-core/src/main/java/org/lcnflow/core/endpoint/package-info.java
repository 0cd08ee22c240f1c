/**
 * Where a flow ended. Theorem 3.4/3.8 promise convergence to a critical point; this package says which
 * kind: the exact {@link org.lcnflow.core.endpoint.Hessian} of {@code L(w)} and its eigenvalues' verdict
 * ({@link org.lcnflow.core.endpoint.CriticalPoint}: strict saddle, local-minimum candidate modulo the
 * {@code N - 1} rescaling directions, inconclusive), the minimum of the risk over all final filters and
 * the gap to it ({@link org.lcnflow.core.endpoint.ConvexOptimum}; for filling architectures the global
 * minimum), the roots of the layer polynomials and those shared between layers
 * ({@link org.lcnflow.core.endpoint.LayerRoots}), and for strides 1 and a convex loss the certificate of
 * global minimality after Kohn et al., Prop. 5.1 ({@link org.lcnflow.core.endpoint.RootCertificate}).
 * {@link org.lcnflow.core.endpoint.EndPoint} puts them together.
 */
package org.lcnflow.core.endpoint;
