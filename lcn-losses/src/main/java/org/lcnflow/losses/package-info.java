/**
 * The losses of the paper's section 3.3 (Theorem 3.8) as {@link org.lcnflow.api.SeparableLoss}es, each with
 * a {@link org.lcnflow.api.LossProvider} found by {@link java.util.ServiceLoader}: {@code square},
 * {@code lp}, {@code pseudo-huber}, {@code generalized-huber}, {@code log-cosh}.
 *
 * <p>Every loss evaluates its value and first two derivatives in closed form, stably for every finite
 * residual: no NaN, and an infinity only where the true value exceeds the double range (possible for
 * {@code square} and {@code lp} only). Against 120-digit references of the defining formulas they are
 * within 6 units in the last place for {@code phi} and {@code phi'} and 8 for {@code phi''} (tested in
 * {@code LossAccuracyTest}), except next to the zeros of the generalized Huber loss and its second
 * derivative, where no fixed relative accuracy is possible. Each can be built directly ({@code new PseudoHuberLoss(0.7)}) or
 * by its provider; both validate the same way.
 */
package org.lcnflow.losses;
