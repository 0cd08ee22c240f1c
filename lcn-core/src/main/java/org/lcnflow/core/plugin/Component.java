package org.lcnflow.core.plugin;

import java.util.Objects;
import org.lcnflow.api.Parameters;

/**
 * A plugin component chosen by name with its parameters, e.g. {@code pseudo-huber(delta=0.7)}.
 *
 * @param name       the provider's name
 * @param parameters its parameters
 */
public record Component(String name, Parameters parameters) {

    /** Checks for nulls. */
    public Component {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(parameters, "parameters is null");
    }

    /**
     * @param name a provider name
     * @return the component with no parameters
     */
    public static Component of(String name) {
        return new Component(name, Parameters.empty());
    }

    /** @return e.g. {@code pseudo-huber(delta=0.7)} */
    @Override
    public String toString() {
        return name + parameters;
    }
}
