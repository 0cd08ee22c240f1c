package org.lcnflow.integrators;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;
import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.rungekutta.ButcherTableau;
import org.lcnflow.integrators.rungekutta.RungeKuttaFlowIntegrator;

/**
 * What every built-in integrator provider shares: a name, a description, the documented parameters in
 * their order, and a factory reading them through one {@link ParameterReader} (which rejects unknown
 * names). The subclasses only pass these values to the constructor.
 */
abstract class ConfiguredProvider implements IntegratorProvider {

    /** Builds the configured integrator from the checked parameters. */
    @FunctionalInterface
    interface Factory {
        FlowIntegrator create(String name, ParameterReader reader);
    }

    private final String name;
    private final String description;
    private final Map<String, String> parameters;
    private final Factory factory;

    /**
     * @param name        the provider name
     * @param description the one-line description
     * @param factory     reads the parameters and builds the integrator
     * @param parameters  pairs of parameter name and its documentation, in display order
     */
    ConfiguredProvider(String name, String description, Factory factory, String... parameters) {
        this.name = name;
        this.description = description;
        this.factory = factory;
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            map.put(parameters[i], parameters[i + 1]);
        }
        this.parameters = Collections.unmodifiableMap(map);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public final FlowIntegrator create(Parameters values) {
        return factory.create(name, new ParameterReader(name, values, parameters.keySet()));
    }

    /**
     * The factory of an adaptive Runge-Kutta provider: reads {@code rtol}, {@code atol}, {@code minStep},
     * {@code maxStep} and {@code initialStep} ({@link ParameterReader#adaptiveStepParameters()}) and builds the
     * integrator of {@code tableau}.
     */
    static Factory adaptiveRungeKutta(ButcherTableau tableau) {
        return (name, reader) -> {
            ParameterReader.AdaptiveSteps steps = reader.adaptiveSteps();
            return RungeKuttaFlowIntegrator.adaptive(name, tableau, steps.rtol(), steps.atol(), steps.initialStep(),
                    steps.minStep(), steps.maxStep());
        };
    }
}
