package org.lcnflow.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The complete state of an integration of the gradient flow after an accepted step: enough for the
 * integrator that produced it to {@link FlowIntegrator#resume continue} exactly as if it had never
 * stopped (the point, its value and gradient, the counters, and the integrator's own control state such
 * as the next step size). Immutable; arrays and the map are copied in and out.
 *
 * @param integrator    the name of the integrator that produced it
 * @param configuration the integrator's configuration ({@code toString()}), to refuse a resume by another
 * @param time          the time reached
 * @param steps         accepted steps so far
 * @param rejectedSteps rejected attempts so far
 * @param evaluations   gradient evaluations so far
 * @param parameters    {@code w} at {@code time}
 * @param value         {@code L(w)}
 * @param gradient      {@code grad L(w)}
 * @param control       the integrator's own scalar state by name (e.g. {@code "h"}, the next step size)
 * @param vectors       the integrator's own array state by name (e.g. a multistep method's Nordsieck rows);
 *                      empty for a one-step method
 */
public record IntegratorState(String integrator, String configuration, double time, long steps, long rejectedSteps,
                              long evaluations, double[] parameters, double value, double[] gradient,
                              Map<String, Double> control, Map<String, double[]> vectors) {

    /**
     * A state without array entries (one-step methods).
     *
     * @see #IntegratorState(String, String, double, long, long, long, double[], double, double[], Map, Map)
     */
    public IntegratorState(String integrator, String configuration, double time, long steps, long rejectedSteps,
                           long evaluations, double[] parameters, double value, double[] gradient,
                           Map<String, Double> control) {
        this(integrator, configuration, time, steps, rejectedSteps, evaluations, parameters, value, gradient, control,
                Map.of());
    }

    /** Copies and checks. */
    public IntegratorState {
        Objects.requireNonNull(integrator, "integrator is null");
        Objects.requireNonNull(configuration, "configuration is null");
        parameters = Objects.requireNonNull(parameters, "parameters is null").clone();
        gradient = Objects.requireNonNull(gradient, "gradient is null").clone();
        control = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(control, "control is null")));
        vectors = copy(Objects.requireNonNull(vectors, "vectors is null"));
        if (parameters.length != gradient.length) {
            throw new IllegalArgumentException("parameters and gradient differ in length: " + parameters.length
                    + " and " + gradient.length);
        }
        if (steps < 0 || rejectedSteps < 0 || evaluations < 0) {
            throw new IllegalArgumentException("counters must be >= 0");
        }
    }

    /** @return a copy of {@code w} */
    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /** @return a copy of {@code grad L(w)} */
    @Override
    public double[] gradient() {
        return gradient.clone();
    }

    /**
     * @param key a control entry's name
     * @return its value
     * @throws IllegalArgumentException when the state has no such entry
     */
    public double control(String key) {
        Double value = control.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the saved state of " + integrator + " has no '" + key + "' entry; it has "
                    + control.keySet());
        }
        return value;
    }

    /** @return a copy of the array entries (each array copied) */
    @Override
    public Map<String, double[]> vectors() {
        return copy(vectors);
    }

    /**
     * @param key an array entry's name
     * @return a copy of its values
     * @throws IllegalArgumentException when the state has no such entry
     */
    public double[] vector(String key) {
        double[] values = vectors.get(key);
        if (values == null) {
            throw new IllegalArgumentException("the saved state of " + integrator + " has no '" + key
                    + "' array; it has " + vectors.keySet());
        }
        return values.clone();
    }

    private static Map<String, double[]> copy(Map<String, double[]> vectors) {
        TreeMap<String, double[]> copy = new TreeMap<>();
        vectors.forEach((key, values) -> copy.put(Objects.requireNonNull(key, "vector name is null"),
                Objects.requireNonNull(values, "vector '" + key + "' is null").clone()));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof IntegratorState)) {
            return false;
        }
        IntegratorState that = (IntegratorState) other;
        return integrator.equals(that.integrator) && configuration.equals(that.configuration)
                && Double.compare(time, that.time) == 0 && steps == that.steps
                && rejectedSteps == that.rejectedSteps && evaluations == that.evaluations
                && Arrays.equals(parameters, that.parameters) && Double.compare(value, that.value) == 0
                && Arrays.equals(gradient, that.gradient) && control.equals(that.control)
                && vectorsEqual(vectors, that.vectors);
    }

    private static boolean vectorsEqual(Map<String, double[]> a, Map<String, double[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(integrator, configuration, time, steps, Arrays.hashCode(parameters));
    }

    @Override
    public String toString() {
        return "IntegratorState(" + configuration + ", t=" + time + ", steps=" + steps + ", control=" + control
                + (vectors.isEmpty() ? "" : ", vectors=" + vectors.keySet()) + ")";
    }
}
