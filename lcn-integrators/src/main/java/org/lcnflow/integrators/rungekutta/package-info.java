/**
 * The explicit Runge-Kutta family in one loop ({@link org.lcnflow.integrators.rungekutta.RungeKuttaFlowIntegrator}),
 * methods as data: an immutable {@link org.lcnflow.integrators.rungekutta.ButcherTableau} (Hairer, Norsett
 * and Wanner, Solving ODEs I, chapter II) is Euler, the classical RK4, Dormand-Prince 5(4) with FSAL and a PI
 * step controller, or Hairer's DOP853, order 8 with the 5th- and 3rd-order error
 * estimators.
 */
package org.lcnflow.integrators.rungekutta;
