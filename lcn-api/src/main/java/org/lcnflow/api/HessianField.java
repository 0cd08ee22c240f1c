package org.lcnflow.api;

/**
 * A gradient field that also gives its exact Hessian {@code d^2 L / dw dw}, the Jacobian of the gradient
 * flow's right-hand side up to sign ({@code d/dw (-grad L) = -Hessian}): what implicit integrators of
 * eq. (1.4) solve with. The empirical risk of an LCN with a {@link SeparableLoss} is one (through
 * {@code phi''} and the second derivatives of the polynomial product of Prop. 2.1).
 *
 * <p>Same conventions as {@link GradientField}: derivatives of {@code L} itself; implementations may keep
 * work space and need not be thread-safe.
 */
public interface HessianField extends GradientField {

    /**
     * Whether {@link #valueGradientAndHessian} is available: a wrapper or a field whose loss has no second
     * derivative may say no, and a caller then uses differences of gradients instead.
     *
     * @return true unless the implementation says otherwise
     */
    default boolean hasHessian() {
        return true;
    }

    /**
     * Evaluates {@code L(w)}, writes {@code grad L(w)} into {@code gradient} and the Hessian into
     * {@code hessian}, row-major and symmetric: {@code hessian[r n + c] = d^2 L / dw_r dw_c}.
     *
     * @param w        the point, length {@link #dimension()}; not modified
     * @param gradient receives {@code grad L(w)}, length {@code n}
     * @param hessian  receives the Hessian, length {@code n * n}; may alias neither {@code w} nor
     *                 {@code gradient}
     * @return {@code L(w)}
     * @throws UnsupportedOperationException when {@link #hasHessian()} is false
     */
    double valueGradientAndHessian(double[] w, double[] gradient, double[] hessian);
}
