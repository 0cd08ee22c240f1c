package org.lcnflow.testkit;

import java.util.Objects;
import org.lcnflow.api.GradientField;

/**
 * A {@link GradientField} that counts the calls of {@link #valueAndGradient} it passes on, to check an
 * integrator's {@code evaluations()}. Not thread-safe, like the fields it wraps.
 */
public final class CountingField implements GradientField {

    private final GradientField delegate;
    private long count;

    /** @param delegate the field evaluated */
    public CountingField(GradientField delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
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

    /** @return the calls of {@link #valueAndGradient} so far */
    public long count() {
        return count;
    }
}
