/**
 * Example: a program outside lcn-flow's build that depends on it through {@code lcn-bom} alone, declares
 * its own {@code QuadraticLoss}, and trains an LCN with a built-in integrator found through the plugin
 * registry (wired by Guice), on the quadratic-form path.
 */
package org.lcnflow.examples.standalone;
