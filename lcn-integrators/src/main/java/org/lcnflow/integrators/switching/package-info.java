/**
 * Automatic stiffness switching: {@link org.lcnflow.integrators.switching.SwitchingFlowIntegrator} runs the
 * gradient flow (eq. (1.4)) with an explicit method while it is not stiff and with an implicit one while it
 * is, as LSODA does; {@link org.lcnflow.integrators.switching.StiffnessDetector} decides from the largest
 * eigenvalue of the Hessian and the step the method takes.
 */
package org.lcnflow.integrators.switching;
