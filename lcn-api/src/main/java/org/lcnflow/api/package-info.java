/**
 * The plugin contract of lcn-flow: what a loss, an integrator or a data source implements, and the
 * values they exchange. This package depends on nothing but the JDK, so a plugin compiles against it
 * alone.
 *
 * <p>Conventions throughout: indices are 0-based (the paper's are 1-based); the parameter vector
 * {@code w} is the concatenation of the layer filters in layer order; losses and gradient fields
 * return gradients of the function itself, and the gradient flow {@code dw/dt = -grad L(w)}
 * (eq. (1.4)) moves along their negative. Equation numbers refer to the paper "Convergence of gradient
 * flow for learning convolutional neural networks" (in {@code shared/paper/}).
 */
package org.lcnflow.api;
