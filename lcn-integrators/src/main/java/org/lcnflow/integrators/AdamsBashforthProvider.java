package org.lcnflow.integrators;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;

/**
 * {@code adams-bashforth}: Hipparchus's {@code AdamsBashforthIntegrator}, a variable-step multistep method
 * in Nordsieck form, started by a Dormand-Prince 8(5,3) integration whose steps the observer does not
 * see (their evaluations are counted). Rejected steps are counted exactly, the starter's included.
 */
public final class AdamsBashforthProvider implements IntegratorProvider {

    /** The name users select it by. */
    public static final String NAME = "adams-bashforth";

    private static final Map<String, String> PARAMETERS;

    static {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("steps", AdamsSteps.DOC);
        parameters.put("rtol", ParameterReader.RTOL_DOC);
        parameters.put("atol", ParameterReader.ATOL_DOC);
        PARAMETERS = Collections.unmodifiableMap(parameters);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Hipparchus Adams-Bashforth multistep, variable step; counts rejected steps";
    }

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public FlowIntegrator create(Parameters parameters) {
        ParameterReader reader = new ParameterReader(NAME, parameters, PARAMETERS.keySet());
        int steps = AdamsSteps.read(reader);
        double rtol = reader.rtol();
        double atol = reader.atol();
        return new HipparchusFlowIntegrator(NAME, "steps=" + steps + ", rtol=" + rtol + ", atol=" + atol,
                (tMax, rejections) -> new CountingIntegrators.AdamsBashforth(steps, tMax, atol, rtol, rejections));
    }
}
