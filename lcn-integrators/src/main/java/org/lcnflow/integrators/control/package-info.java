/**
 * What every integration loop shares, below the families: reading and validating an integrator's
 * parameters with their documented ranges ({@code ParameterReader}), Hairer's starting step
 * ({@code StartingStep}; Hairer, Norsett and Wanner, Solving ODEs I, chapter II), and the stop rules and checks
 * of the conventions in {@link org.lcnflow.integrators} ({@code StopRules}: arguments, finiteness, the
 * order of stop reasons, resolution of the step, resumption). Not API: public only for the families.
 */
package org.lcnflow.integrators.control;
