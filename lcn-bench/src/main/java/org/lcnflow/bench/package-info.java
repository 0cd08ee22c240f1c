/**
 * JMH benchmarks of lcn-flow on the three benchmark problems ({@link org.lcnflow.bench.Problem}): one
 * gradient by each path, the quadratic form's setup, whole flows, cost against the number of samples and
 * the machine's measured peak; the stiff flow of issue 16 ({@link org.lcnflow.bench.StiffProblem}) to
 * {@code |grad L| <= 1e-8} with each implicit integrator ({@link org.lcnflow.bench.StiffBenchmark}); plus
 * {@link org.lcnflow.bench.ExportProblems}, which writes the same problems for the PyTorch and SciPy peers of
 * {@code run-peers.sh}. Not a library: packaged as
 * {@code benchmarks.jar}.
 */
package org.lcnflow.bench;
