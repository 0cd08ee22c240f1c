package org.lcnflow.testkit;

import java.util.Objects;
import org.lcnflow.api.GradientField;
import org.lcnflow.api.HessianField;

/**
 * A {@link GradientField} that counts the calls it passes on, to check an integrator's
 * {@code evaluations()}: every {@link #valueAndGradient} and every {@link #valueGradientAndHessian} (which
 * gives a gradient too) is one evaluation, and the latter also one {@linkplain #hessianCount() Hessian}. It
 * offers the Hessian exactly when the field it wraps does. Not thread-safe, like the fields it wraps.
 */
public final class CountingField implements HessianField {

    private final GradientField delegate;
    private final HessianField hessianDelegate;
    private long count;
    private long hessians;

    /** @param delegate the field evaluated */
    public CountingField(GradientField delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.hessianDelegate = delegate instanceof HessianField && ((HessianField) delegate).hasHessian()
                ? (HessianField) delegate : null;
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        count++;
        return delegate.valueAndGradient(w, gradient);
    }

    /** Passes the batch on whole (so the field's own sharing applies), counting each point as one evaluation. */
    @Override
    public void valuesAndGradients(double[][] points, double[][] gradients, double[] values, int count) {
        this.count += count;
        delegate.valuesAndGradients(points, gradients, values, count);
    }

    @Override
    public boolean hasHessian() {
        return hessianDelegate != null;
    }

    @Override
    public double valueGradientAndHessian(double[] w, double[] gradient, double[] hessian) {
        if (hessianDelegate == null) {
            throw new UnsupportedOperationException("the counted field has no Hessian: " + delegate);
        }
        count++;
        hessians++;
        return hessianDelegate.valueGradientAndHessian(w, gradient, hessian);
    }

    /** @return the evaluations so far: calls of {@link #valueAndGradient} and of {@link #valueGradientAndHessian} */
    public long count() {
        return count;
    }

    /** @return the calls of {@link #valueGradientAndHessian} so far */
    public long hessianCount() {
        return hessians;
    }
}
