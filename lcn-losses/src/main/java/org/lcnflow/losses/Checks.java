package org.lcnflow.losses;

import java.util.Objects;
import org.lcnflow.api.Parameters;

/**
 * Validation and message formatting shared by the losses and their providers, so that every loss
 * reports a bad value the same way: {@code pseudo-huber: delta must be > 0, got -1.0}.
 */
final class Checks {

    private Checks() {
    }

    /**
     * Reads a numeric parameter, prefixing a type error with the loss's name.
     *
     * @return the value, or {@code defaultValue} when absent (not yet range-checked)
     */
    static double read(Parameters parameters, String loss, String name, double defaultValue) {
        try {
            return parameters.getDouble(name, defaultValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(loss + ": " + e.getMessage(), e);
        }
    }

    /** Rejects NaN and infinities. */
    static double finite(String loss, String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(loss + ": " + name + " must be finite, got " + value);
        }
        return value;
    }

    /** Requires a finite {@code value > bound}; {@code boundText} is how the bound is printed. */
    static double greaterThan(String loss, String name, double value, double bound, String boundText) {
        finite(loss, name, value);
        if (!(value > bound)) {
            throw new IllegalArgumentException(loss + ": " + name + " must be > " + boundText + ", got " + value);
        }
        return value;
    }

    /** Requires a finite {@code value >= bound}; {@code boundText} is how the bound is printed. */
    static double atLeast(String loss, String name, double value, double bound, String boundText) {
        finite(loss, name, value);
        if (!(value >= bound)) {
            throw new IllegalArgumentException(loss + ": " + name + " must be >= " + boundText + ", got " + value);
        }
        return value;
    }

    /**
     * Checks the arguments of {@link org.lcnflow.api.Loss#l1Bound}.
     *
     * @param nonNegativeRisk whether the loss is non-negative, so that a negative risk is a caller's error
     */
    static void l1BoundArguments(String loss, double risk, int outputDimension, int samples, boolean nonNegativeRisk) {
        if (Double.isNaN(risk)) {
            throw new IllegalArgumentException(loss + ": risk must be a number, got NaN");
        }
        if (nonNegativeRisk && risk < 0) {
            throw new IllegalArgumentException(loss + ": risk must be >= 0 (the loss is non-negative), got " + risk);
        }
        if (outputDimension < 1) {
            throw new IllegalArgumentException(loss + ": outputDimension must be >= 1, got " + outputDimension);
        }
        if (samples < 0) {
            throw new IllegalArgumentException(loss + ": samples must be >= 0, got " + samples);
        }
    }

    static Parameters nonNull(Parameters parameters) {
        return Objects.requireNonNull(parameters, "parameters is null");
    }
}
