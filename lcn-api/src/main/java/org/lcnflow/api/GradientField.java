package org.lcnflow.api;

/**
 * A differentiable function {@code L : R^n -> R} whose gradient flow {@code dw/dt = -grad L(w)}
 * (eq. (1.4) / (3.3)) an integrator follows. The empirical risk of an LCN is the main example.
 *
 * <p>Sign convention: {@link #valueAndGradient} returns the gradient of {@code L}; the flow moves along
 * its negative. Implementations may keep work space and need not be thread-safe: use one per thread.
 */
public interface GradientField {

    /** @return {@code n}, the length of the parameter vector */
    int dimension();

    /**
     * Evaluates {@code L(w)} and writes {@code grad L(w)} into {@code gradient}.
     *
     * @param w        the point, length {@link #dimension()}; not modified
     * @param gradient receives {@code grad L(w)}, length {@link #dimension()}; may not alias {@code w}
     * @return {@code L(w)}
     */
    double valueAndGradient(double[] w, double[] gradient);
}
