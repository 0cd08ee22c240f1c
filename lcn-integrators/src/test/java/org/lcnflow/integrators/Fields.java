package org.lcnflow.integrators;

import org.lcnflow.api.GradientField;

/** Wrappers of test fields shared by the integrator tests. */
public final class Fields {

    private Fields() {
    }

    /**
     * The field without its Hessian, so that an implicit integrator (or the stiffness detector) takes
     * differences of gradients for the Jacobian {@code -Hess L} of the flow {@code dw/dt = -grad L(w)}
     * (eq. (1.4); Hairer-Wanner II, IV.8).
     *
     * @param field a field, possibly a {@link org.lcnflow.api.HessianField}
     * @return a plain {@link GradientField} with the same dimension, values and gradients
     */
    public static GradientField withoutHessian(GradientField field) {
        return new GradientField() {
            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                return field.valueAndGradient(w, gradient);
            }

            @Override
            public int dimension() {
                return field.dimension();
            }
        };
    }
}
