/**
 * The engines behind {@link org.lcnflow.core.risk.EmpiricalRisk}, and their data layouts: the data pass
 * ({@code DataPass}: {@code Z = conv(X, v)}, {@code G = dloss/dZ}, {@code dL/dv = corr(X, G)} over the samples
 * in blocks of lanes, {@code SampleBlocks}, or for small problems in row groups, {@code RowGroups}), the
 * quadratic form of the square-type losses ({@code QuadraticForm}: {@code L(v) = v^T A v - 2 b^T v + c}
 * about the least-squares filter, with its error bound), the function-space Hessian
 * {@code H_v = sum phi''(r) p p^T} of a separable loss ({@code CurvaturePass}), and the fixed-chunk thread
 * pool they share ({@code ChunkPool}), whose chunking makes every result bit for bit independent of the
 * number of threads.
 *
 * <p><b>Not API.</b> The classes here are public only so that {@code org.lcnflow.core.risk} can reach them;
 * they may change in any release. Use {@link org.lcnflow.core.risk.EmpiricalRisk} and
 * {@link org.lcnflow.core.risk.GradientPath} instead.
 */
package org.lcnflow.core.risk.engine;
