package org.lcnflow.integrators;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;

/**
 * {@code dormand-prince-853}: Hipparchus's {@code DormandPrince853Integrator}, an embedded Runge-Kutta
 * 8(5,3) pair. Rejected steps are counted exactly (at its error estimate). Hipparchus 4.0.2 evaluates
 * the field 15 times per attempted step (12 stages and 3 of dense output) plus 2 at the start (the
 * initial point and its starting-step guess); the observer's value and gradient at a step's end reuse
 * the evaluation Hipparchus made there.
 */
public final class DormandPrince853Provider implements IntegratorProvider {

    /** The name users select it by. */
    public static final String NAME = "dormand-prince-853";

    private static final Map<String, String> PARAMETERS;

    static {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("rtol", ParameterReader.RTOL_DOC);
        parameters.put("atol", ParameterReader.ATOL_DOC);
        parameters.put("minStep", ParameterReader.MIN_STEP_DOC);
        parameters.put("maxStep", ParameterReader.MAX_STEP_DOC);
        PARAMETERS = Collections.unmodifiableMap(parameters);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Hipparchus Dormand-Prince 8(5,3), embedded Runge-Kutta of order 8 with step control;"
                + " counts rejected steps";
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
        double minStep = reader.minStep();
        double maxStep = reader.maxStep(minStep);
        String configuration = "rtol=" + rtol + ", atol=" + atol + ", minStep=" + minStep + ", maxStep=" + maxStep;
        return new HipparchusFlowIntegrator(NAME, configuration,
                (tMax, rejections) -> new CountingIntegrators.DormandPrince853(minStep, maxStep, atol, rtol,
                        rejections));
    }
}
