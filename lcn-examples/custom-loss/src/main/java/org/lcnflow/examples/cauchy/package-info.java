/**
 * An lcn-flow plugin written outside the platform: the {@link org.lcnflow.examples.cauchy.CauchyLoss Cauchy}
 * and {@link org.lcnflow.examples.cauchy.WelschLoss Welsch} losses with their providers. It compiles against
 * {@code lcn-api} alone (the build enforces it) and lists its providers in
 * {@code META-INF/services/org.lcnflow.api.LossProvider}, so that dropping its jar into a plugin folder
 * ({@code lcn train --plugins DIR}, {@code PluginRegistry.fromDirectory(DIR)}) makes {@code cauchy} and
 * {@code welsch} available by name.
 */
package org.lcnflow.examples.cauchy;
