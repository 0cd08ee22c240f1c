/**
 * The built-in integrators of the gradient flow {@code dw/dt = -grad L(w)} (eq. (1.4)), each found by
 * {@link java.util.ServiceLoader} through an {@link org.lcnflow.api.IntegratorProvider}:
 * {@code euler}, {@code rk4}, {@code dormand-prince-54} and {@code dormand-prince-853} run one explicit
 * Runge-Kutta loop driven by immutable {@link org.lcnflow.integrators.rungekutta.ButcherTableau}s;
 * {@code gragg-bulirsch-stoer} is an extrapolation method with order and step control, and
 * {@code adams-bashforth} and {@code adams-moulton} are variable-step multistep methods in Nordsieck form;
 * {@code radau-iia-5}, {@code rosenbrock} (RODAS4) and {@code bdf} (NDF 1-5) are implicit methods for stiff flows
 * that solve with the Hessian ({@link org.lcnflow.integrators.implicit}), and {@code auto}, the default of
 * {@code lcn train}, switches between Dormand-Prince 5(4) and Radau IIA as the flow's stiffness asks
 * ({@link org.lcnflow.integrators.switching}).
 * All of them are this module's own code and hand their whole state to observers that ask, so any run can
 * be checkpointed and resumed bit for bit ({@link org.lcnflow.api.FlowIntegrator#resume}).
 * Hipparchus's own integrators of the same methods (and any other Hipparchus integrator) are available behind
 * the same interface through {@link org.lcnflow.integrators.hipparchus.HipparchusIntegrators}; they cannot be resumed.
 *
 * <p>Conventions shared by all of them, beyond what {@link org.lcnflow.api.FlowIntegrator} promises:
 * <ul>
 *   <li>A step whose end point has a non-finite value or gradient, or a norm above
 *       {@link org.lcnflow.api.StopCondition#maxParameterNorm()}, is never accepted: the run ends
 *       {@link org.lcnflow.api.StopReason#DIVERGED DIVERGED} with the last accepted state, its time and
 *       its (finite) value and gradient norm, and the observer never sees the rejected point.</li>
 *   <li>When several reasons to stop hold after the same step, the first of GRADIENT_TOLERANCE,
 *       TIME_LIMIT, CANCELLED, STEP_LIMIT is reported.</li>
 *   <li>The gradient tolerance ({@code 0} disables it) is checked at {@code w0} too; a run that stops
 *       there has 0 steps. {@code ||w0|| > maxParameterNorm} ends the run DIVERGED at {@code t = 0}.</li>
 *   <li>A non-finite value or gradient at {@code w0} itself is an {@link IllegalArgumentException}: there
 *       is no finite state to return.</li>
 *   <li>{@code evaluations()} counts the gradients asked of the field ({@link
 *       org.lcnflow.api.GradientField#valueAndGradient}, each point of a
 *       {@link org.lcnflow.api.GradientField#valuesAndGradients batch}), the first one at {@code w0} included.</li>
 * </ul>
 */
package org.lcnflow.integrators;
