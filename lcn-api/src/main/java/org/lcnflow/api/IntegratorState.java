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
 * @param control       the integrator's own state by name (e.g. {@code "h"}, the next step size)
 */
public record IntegratorState(String integrator, String configuration, double time, long steps, long rejectedSteps,
                              long evaluations, double[] parameters, double value, double[] gradient,
                              Map<String, Double> control) {

    /** Copies and checks. */
    public IntegratorState {
        Objects.requireNonNull(integrator, "integrator is null");
        Objects.requireNonNull(configuration, "configuration is null");
        parameters = Objects.requireNonNull(parameters, "parameters is null").clone();
        gradient = Objects.requireNonNull(gradient, "gradient is null").clone();
        control = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(control, "control is null")));
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
                && Arrays.equals(gradient, that.gradient) && control.equals(that.control);
    }

    @Override
    public int hashCode() {
        return Objects.hash(integrator, configuration, time, steps, Arrays.hashCode(parameters));
    }

    @Override
    public String toString() {
        return "IntegratorState(" + configuration + ", t=" + time + ", steps=" + steps + ", control=" + control + ")";
    }
}
