/**
 * lcn-core: linear convolutional networks and the gradient flow of their empirical risk. This package is
 * the face of the module: runs described by names and the Guice wiring. Everything else lives in the
 * packages below it, one room per step of a run, in the order the data flow through them:
 *
 * <pre>
 *   plugin    names -> providers (ServiceLoader), {@code Component}
 *   data      the csv, npy and synthetic data sources
 *   network   the LCN's algebra: layer polynomials, final filter, convolution matrices, initial filters
 *   risk      the empirical risk L(w) and its exact gradient (a GradientField); risk.engine computes it
 *   endpoint  where a flow ended: Hessian, critical point, convex optimum, shared roots, certificate
 *   theory    what the theory promises, checked on a run: balancedness, boundedness bound, hypotheses
 *   flow      the gradient flow dw/dt = -grad L(w) run by an integrator, its trajectory and checkpoints
 * </pre>
 *
 * Imports run one way, from this package down to {@code network} (an architecture test fails the build
 * on a cycle between packages).
 *
 * <p><b>Entry points for a host program</b> (the few names it needs):
 * <ul>
 *   <li>{@link org.lcnflow.core.FlowRunner} with a {@link org.lcnflow.core.FlowSpec}: a run described by
 *       names, as a configuration file describes it; {@link org.lcnflow.core.LcnModule} to get the runner
 *       and the registry from Guice;</li>
 *   <li>{@link org.lcnflow.core.plugin.PluginRegistry}: every loss, integrator and data source, by name
 *       ({@code PluginRegistry.load()}, {@code fromDirectory});</li>
 *   <li>{@link org.lcnflow.core.flow.GradientFlow}{@code .builder()}: a run from objects (a
 *       {@code Loss}, a {@code FlowIntegrator}, a {@code Dataset}), giving a
 *       {@link org.lcnflow.core.flow.FlowRun} (result, {@link org.lcnflow.core.flow.Trajectory},
 *       {@link org.lcnflow.core.theory.Diagnostics} with the {@link org.lcnflow.core.endpoint.EndPoint});</li>
 *   <li>{@link org.lcnflow.core.risk.EmpiricalRisk}: the risk (eq. (1.3)) and its gradient as a
 *       {@code GradientField}, and {@link org.lcnflow.core.network.FinalFilter}: the final filter of given
 *       layer filters (Prop. 2.1).</li>
 * </ul>
 */
package org.lcnflow.core;
