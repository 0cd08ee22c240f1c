package org.lcnflow.examples.cauchy;

import java.util.Objects;
import java.util.Set;
import org.lcnflow.api.Parameters;

/**
 * The scale parameter {@code c} both losses of this plugin take: reading it from {@link Parameters} and
 * checking it, with messages that name the loss, e.g. {@code cauchy: c must be > 0 and finite, got -1.0}.
 */
final class Scale {

    /** The parameter's name. */
    static final String NAME = "c";

    /** The default scale. */
    static final double DEFAULT = 1.0;

    private Scale() {
    }

    /**
     * @param loss  the loss's name, for the message
     * @param value a proposed scale
     * @return {@code value} when it is finite and {@code > 0}
     * @throws IllegalArgumentException otherwise, naming the loss, the parameter and the value
     */
    static double check(String loss, double value) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(loss + ": " + NAME + " must be > 0 and finite, got " + value);
        }
        return value;
    }

    /**
     * @param loss       the loss's name, for messages
     * @param parameters the configured parameters; {@code c} is the only name allowed
     * @return the checked scale, {@link #DEFAULT} when absent
     * @throws IllegalArgumentException for another parameter name, a value that is not a number or one out
     *                                  of range
     */
    static double read(String loss, Parameters parameters) {
        Objects.requireNonNull(parameters, "parameters is null");
        parameters.requireOnly(loss, Set.of(NAME));
        double value;
        try {
            value = parameters.getDouble(NAME, DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(loss + ": " + e.getMessage(), e);
        }
        return check(loss, value);
    }

    /**
     * Checks the arguments of {@link org.lcnflow.api.Loss#l1Bound}.
     *
     * @throws IllegalArgumentException for a NaN or negative risk (both losses are non-negative), an output
     *                                  dimension below 1 or a negative sample count
     */
    static void checkBoundArguments(String loss, double risk, int outputDimension, int samples) {
        if (!(risk >= 0)) {
            throw new IllegalArgumentException(loss + ": risk must be >= 0 (the loss is non-negative), got " + risk);
        }
        if (outputDimension < 1) {
            throw new IllegalArgumentException(loss + ": outputDimension must be >= 1, got " + outputDimension);
        }
        if (samples < 0) {
            throw new IllegalArgumentException(loss + ": samples must be >= 0, got " + samples);
        }
    }
}
