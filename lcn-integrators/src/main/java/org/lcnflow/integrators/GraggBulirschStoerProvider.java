package org.lcnflow.integrators;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.ode.nonstiff.GraggBulirschStoerIntegrator;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;

/**
 * {@code gragg-bulirsch-stoer}: Hipparchus's {@code GraggBulirschStoerIntegrator}, extrapolation with
 * variable step and order. Its rejected steps are not reported ({@code rejectedSteps()} is always 0):
 * Hipparchus decides them inside one method with no hook to count them; evaluations are exact.
 */
public final class GraggBulirschStoerProvider implements IntegratorProvider {

    /** The name users select it by. */
    public static final String NAME = "gragg-bulirsch-stoer";

    private static final Map<String, String> PARAMETERS;

    static {
        Map<String, String> parameters = new LinkedHashMap<>();
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
        return "Hipparchus Gragg-Bulirsch-Stoer extrapolation, variable step and order; rejected steps are not"
                + " reported (always 0)";
    }

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public FlowIntegrator create(Parameters parameters) {
        ParameterReader reader = new ParameterReader(NAME, parameters, PARAMETERS.keySet());
        double rtol = reader.rtol();
        double atol = reader.atol();
        return new HipparchusFlowIntegrator(NAME, "rtol=" + rtol + ", atol=" + atol,
                (tMax, rejections) -> new GraggBulirschStoerIntegrator(0.0, Double.POSITIVE_INFINITY, atol, rtol));
    }
}
