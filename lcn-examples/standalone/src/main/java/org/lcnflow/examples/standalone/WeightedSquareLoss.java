package org.lcnflow.examples.standalone;

import org.lcnflow.api.QuadraticLoss;

/**
 * The host's own loss, {@code w ||z - y||^2} for a fixed weight {@code w > 0}: a {@link QuadraticLoss}, so the
 * empirical risk takes its quadratic form (one pass over the data, then none per gradient). The defaults of
 * {@code QuadraticLoss} give {@code phi}, its derivatives, convexity and the boundedness bound.
 */
final class WeightedSquareLoss implements QuadraticLoss {

    private final double weight;

    /** @param weight {@code w}, finite and {@code > 0} */
    WeightedSquareLoss(double weight) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weighted-square: weight must be > 0 and finite, got " + weight);
        }
        this.weight = weight;
    }

    @Override
    public double coefficient() {
        return weight;
    }

    @Override
    public String toString() {
        return "weighted-square(weight=" + weight + ")";
    }
}
