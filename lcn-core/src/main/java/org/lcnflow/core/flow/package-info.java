/**
 * The gradient flow {@code dw/dt = -grad L(w)}, {@code w(0) = w0} (eq. (1.4), per layer eq. (3.1)),
 * integrated by a {@code FlowIntegrator}: {@link org.lcnflow.core.flow.GradientFlow} runs one problem,
 * recording the {@link org.lcnflow.core.flow.Trajectory} and tracking at every accepted step what the
 * theory promises (the loss decreases, balancedness is conserved, {@code ||v||_1} stays below the bound);
 * {@link org.lcnflow.core.flow.FlowRun} is what one run produced, with its diagnostics and end point;
 * {@link org.lcnflow.core.flow.Checkpoint} is everything needed to continue a run bit for bit.
 */
package org.lcnflow.core.flow;
