package org.lcnflow.integrators;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;

/** The providers of this module as found by {@link ServiceLoader}, for tests. */
public final class Integrators {

    private Integrators() {
    }

    /** @return provider name to provider, in the order of the services file */
    static Map<String, IntegratorProvider> providers() {
        Map<String, IntegratorProvider> providers = new LinkedHashMap<>();
        for (IntegratorProvider provider : ServiceLoader.load(IntegratorProvider.class)) {
            providers.put(provider.name(), provider);
        }
        return providers;
    }

    public static FlowIntegrator create(String name, Parameters parameters) {
        IntegratorProvider provider = providers().get(name);
        if (provider == null) {
            throw new IllegalArgumentException("no integrator '" + name + "', found " + providers().keySet());
        }
        return provider.create(parameters);
    }
}
