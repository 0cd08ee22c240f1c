/**
 * The landscape sweep: many runs of one problem from seeded initializations, each end point classified
 * ({@link org.lcnflow.core.sweep.Landscape}), and the engines that compute them ({@link
 * org.lcnflow.core.sweep.SweepEngine}: in process on threads, or on Spark with lcn-spark), found by name
 * ({@link org.lcnflow.core.sweep.SweepEngineProvider}).
 */
package org.lcnflow.core.sweep;
