package org.lcnflow.api;

import java.util.Map;

/**
 * A small factory for one kind of plugin component, found by {@link java.util.ServiceLoader}: a name
 * users type, a description, the parameters it accepts, and {@link #create}.
 *
 * <p>Implementations are listed in {@code META-INF/services/<provider interface>} (one fully qualified
 * class name per line), need a public no-argument constructor, and must be stateless.
 *
 * @param <T> the component type
 */
public interface PluginProvider<T> {

    /** @return the unique name users select the component by, e.g. {@code "pseudo-huber"} */
    String name();

    /** @return a one-line description for listings */
    String description();

    /**
     * @return parameter name to its meaning, default and allowed range, in a stable order, e.g.
     *         {@code "delta" -> "transition scale; default 1; > 0, finite"}; empty when it takes none
     */
    Map<String, String> parameters();

    /**
     * @param parameters the configured parameters
     * @return a configured, immutable component
     * @throws IllegalArgumentException for an unknown parameter name or a value out of range, naming the
     *                                  component, the parameter, the value and what is allowed
     */
    T create(Parameters parameters);
}
