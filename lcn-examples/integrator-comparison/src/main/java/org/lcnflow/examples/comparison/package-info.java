/**
 * Example: one gradient flow integrated by every built-in method at several steps and tolerances, each
 * compared with a tight-tolerance reference (evaluations, steps, wall time, final loss, balancedness drift
 * of Lemma 3.3, distance to the reference).
 */
package org.lcnflow.examples.comparison;
