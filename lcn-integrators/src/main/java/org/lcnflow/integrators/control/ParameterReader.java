package org.lcnflow.integrators.control;

import java.util.Objects;
import java.util.Set;
import java.util.function.DoublePredicate;
import org.lcnflow.api.Parameters;

/**
 * Reads an integrator's parameters and checks their ranges, with messages that name the integrator,
 * the parameter, the value and what is allowed, e.g. {@code euler: step must be > 0 and finite, got -0.1}.
 */
public final class ParameterReader {

    static final String POSITIVE_FINITE = "> 0 and finite";
    static final String RTOL_RANGE = "> 0 and < 1";
    static final String NON_NEGATIVE_FINITE = ">= 0 and finite";
    static final String POSITIVE_OR_INFINITY = "> 0 (Infinity for no bound)";

    static final double DEFAULT_RTOL = 1e-6;
    static final double DEFAULT_ATOL = 1e-9;

    public static final String STEP_DOC = "the fixed step size h; required; " + POSITIVE_FINITE;
    public static final String RTOL_DOC = "relative tolerance; default 1e-6; " + RTOL_RANGE;
    public static final String ATOL_DOC = "absolute tolerance; default 1e-9; " + POSITIVE_FINITE;
    static final String MIN_STEP_DOC = "smallest step tried (a step failing its error test at this size ends the"
            + " run DIVERGED); default 0; " + NON_NEGATIVE_FINITE;
    static final String MAX_STEP_DOC = "largest step; default Infinity (no bound); > 0 and >= minStep";
    static final String INITIAL_STEP_DOC = "the first step; default auto (Hairer's starting-step algorithm, one"
            + " evaluation); > 0, finite, in [minStep, maxStep]";

    /** The step-control parameters of an adaptive Runge-Kutta provider, in display order, with their docs. */
    private static final String[] ADAPTIVE_STEP_PARAMETERS = {
        "rtol", RTOL_DOC,
        "atol", ATOL_DOC,
        "initialStep", INITIAL_STEP_DOC,
        "minStep", MIN_STEP_DOC,
        "maxStep", MAX_STEP_DOC};

    /**
     * @return pairs of name and documentation of the step controls of an adaptive provider ({@code rtol},
     *         {@code atol}, {@code initialStep}, {@code minStep}, {@code maxStep}), in display order; a copy
     */
    public static String[] adaptiveStepParameters() {
        return ADAPTIVE_STEP_PARAMETERS.clone();
    }

    private final String component;
    private final Parameters parameters;

    /**
     * @param component the integrator's name, for messages
     * @param parameters the configured parameters
     * @param known the names the integrator takes
     * @throws IllegalArgumentException for an unknown name
     */
    public ParameterReader(String component, Parameters parameters, Set<String> known) {
        this.component = component;
        this.parameters = Objects.requireNonNull(parameters, "parameters is null");
        parameters.requireOnly(component, known);
    }

    /** @return whether the parameter was given */
    boolean has(String name) {
        return parameters.has(name);
    }

    /**
     * @param meaning what the parameter is, for the message when it is missing
     * @return the value
     */
    double required(String name, String meaning, DoublePredicate allowed, String range) {
        if (!parameters.has(name)) {
            throw new IllegalArgumentException(component + ": parameter '" + name + "' is required (" + meaning
                    + ", " + range + ")");
        }
        return number(name, Double.NaN, allowed, range);
    }

    /** @return the value, or {@code defaultValue} (not checked) when absent */
    double number(String name, double defaultValue, DoublePredicate allowed, String range) {
        if (!parameters.has(name)) {
            return defaultValue;
        }
        double value;
        try {
            value = parameters.getDouble(name, defaultValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(component + ": " + e.getMessage(), e);
        }
        if (!allowed.test(value)) {
            throw outOfRange(name, range);
        }
        return value;
    }

    /** @return the integer value in {@code [min, max]}, or {@code defaultValue} when absent */
    public int integer(String name, int defaultValue, int min, int max) {
        if (!parameters.has(name)) {
            return defaultValue;
        }
        long value;
        try {
            value = parameters.getLong(name, defaultValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(component + ": " + e.getMessage(), e);
        }
        if (value < min || value > max) {
            throw outOfRange(name, "an integer in [" + min + ", " + max + "]");
        }
        return (int) value;
    }

    /** @return the fixed step, required */
    public double step() {
        return required("step", "the fixed step size h", ParameterReader::positiveFinite, POSITIVE_FINITE);
    }

    /** @return {@code rtol}, default {@value #DEFAULT_RTOL} */
    public double rtol() {
        return number("rtol", DEFAULT_RTOL, ParameterReader::relativeTolerance, RTOL_RANGE);
    }

    /** @return {@code atol}, default {@value #DEFAULT_ATOL} */
    public double atol() {
        return number("atol", DEFAULT_ATOL, ParameterReader::positiveFinite, POSITIVE_FINITE);
    }

    /** @return {@code minStep}, default 0 */
    public double minStep() {
        return number("minStep", 0.0, ParameterReader::nonNegativeFinite, NON_NEGATIVE_FINITE);
    }

    /** @return {@code maxStep}, default infinite */
    public double maxStep(double minStep) {
        double maxStep = number("maxStep", Double.POSITIVE_INFINITY, ParameterReader::positive, POSITIVE_OR_INFINITY);
        if (maxStep < minStep) {
            throw outOfRange("maxStep", ">= minStep = " + minStep);
        }
        return maxStep;
    }

    /** The step controls of an adaptive integrator, as read from {@link #adaptiveStepParameters()}. */
    public record AdaptiveSteps(double rtol, double atol, double initialStep, double minStep, double maxStep) {
    }

    /** @return rtol, atol, minStep, maxStep and initialStep (NaN: automatic), checked in that order */
    public AdaptiveSteps adaptiveSteps() {
        double rtol = rtol();
        double atol = atol();
        double minStep = minStep();
        double maxStep = maxStep(minStep);
        return new AdaptiveSteps(rtol, atol, initialStep(minStep, maxStep), minStep, maxStep);
    }

    /** @return {@code initialStep} in {@code [minStep, maxStep]}, or NaN (automatic) when absent */
    double initialStep(double minStep, double maxStep) {
        double initialStep = number("initialStep", Double.NaN, ParameterReader::positiveFinite, POSITIVE_FINITE);
        if (has("initialStep") && (initialStep < minStep || initialStep > maxStep)) {
            throw outOfRange("initialStep", "in [minStep, maxStep] = [" + minStep + ", " + maxStep + "]");
        }
        return initialStep;
    }

    /**
     * @param name   a parameter
     * @param range  what is allowed
     * @return the error naming the component, the parameter, its value as given and the range
     */
    public IllegalArgumentException outOfRange(String name, String range) {
        return new IllegalArgumentException(component + ": " + name + " must be " + range + ", got "
                + parameters.get(name));
    }

    static boolean positiveFinite(double x) {
        return x > 0 && x < Double.POSITIVE_INFINITY;
    }

    /** A relative tolerance: {@code 0 < rtol < 1} (0 would leave only atol to scale a flow over many magnitudes). */
    static boolean relativeTolerance(double x) {
        return x > 0 && x < 1;
    }

    static boolean nonNegativeFinite(double x) {
        return x >= 0 && x < Double.POSITIVE_INFINITY;
    }

    static boolean positive(double x) {
        return x > 0;
    }
}
