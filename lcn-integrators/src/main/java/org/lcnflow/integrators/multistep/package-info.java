/**
 * Multistep methods: variable-step Adams-Bashforth and Adams-Moulton (PECE) in Nordsieck form
 * ({@link org.lcnflow.integrators.multistep.AdamsFlowIntegrator}, the Nordsieck vector and its rescaling
 * in {@link org.lcnflow.integrators.multistep.AdamsNordsieck}; Hairer, Norsett and Wanner, Solving ODEs I,
 * chapter III), started by Dormand-Prince 5(4) steps; {@link
 * org.lcnflow.integrators.multistep.AdamsSteps} is their number of steps and its allowed range.
 */
package org.lcnflow.integrators.multistep;
