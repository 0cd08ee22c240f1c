package org.lcnflow.integrators;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.ode.ODEIntegrator;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;

/**
 * What the two Hipparchus Adams providers share: the parameters {@code steps}, {@code rtol}, {@code atol},
 * and a Hipparchus integrator made per run. The subclasses only name the method.
 */
abstract class AdamsProvider implements IntegratorProvider {

    /** Builds one run's Hipparchus integrator. */
    @FunctionalInterface
    interface Method {
        ODEIntegrator create(int steps, double tMax, double atol, double rtol,
                             HipparchusFlowIntegrator.RejectionCounter rejections);
    }

    private static final Map<String, String> PARAMETERS;

    static {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("steps", AdamsSteps.DOC);
        parameters.put("rtol", ParameterReader.RTOL_DOC);
        parameters.put("atol", ParameterReader.ATOL_DOC);
        PARAMETERS = Collections.unmodifiableMap(parameters);
    }

    private final String name;
    private final String description;
    private final Method method;

    AdamsProvider(String name, String description, Method method) {
        this.name = name;
        this.description = description;
        this.method = method;
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
        return PARAMETERS;
    }

    @Override
    public final FlowIntegrator create(Parameters parameters) {
        ParameterReader reader = new ParameterReader(name, parameters, PARAMETERS.keySet());
        int steps = AdamsSteps.read(reader);
        double rtol = reader.rtol();
        double atol = reader.atol();
        return new HipparchusFlowIntegrator(name, "steps=" + steps + ", rtol=" + rtol + ", atol=" + atol,
                (tMax, rejections) -> method.create(steps, tMax, atol, rtol, rejections));
    }
}
