/**
 * Extrapolation: the Gragg-Bulirsch-Stoer method
 * ({@link org.lcnflow.integrators.extrapolation.GraggBulirschStoerFlowIntegrator}), the modified midpoint
 * rule on the harmonic sequence 2, 4, 6, ... extrapolated to step zero (Aitken-Neville), with variable
 * step and order and the stability check and convergence monitor of Hairer's ODEX (Hairer, Norsett and
 * Wanner, Solving ODEs I, chapter II).
 */
package org.lcnflow.integrators.extrapolation;
