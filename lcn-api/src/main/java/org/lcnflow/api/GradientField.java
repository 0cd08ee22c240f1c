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

    /**
     * Evaluates {@code L} and {@code grad L} at several points: {@code values[p] = L(points[p])} and
     * {@code grad L(points[p])} into {@code gradients[p]}, for {@code p < count}. The results are exactly those of
     * {@code count} calls of {@link #valueAndGradient}, one point after the other, and leave the field as those calls
     * would; a field may compute them faster together. lcn-core's empirical risk shares one pass over its data between
     * the points (for an implicit Runge-Kutta method's stages, or a batch of runs of a landscape sweep). The default
     * makes the calls; a wrapper of another field should pass the whole batch on, so that the field's own sharing
     * still applies.
     *
     * @param points    the points, each of length {@link #dimension()}; not modified
     * @param gradients receive the gradients, each of length {@link #dimension()}; none may alias a point
     * @param values    receives the values, length at least {@code count}
     * @param count     how many points, from the first; at most the length of {@code points} and of {@code gradients}
     */
    default void valuesAndGradients(double[][] points, double[][] gradients, double[] values, int count) {
        for (int p = 0; p < count; p++) {
            values[p] = valueAndGradient(points[p], gradients[p]);
        }
    }
}
