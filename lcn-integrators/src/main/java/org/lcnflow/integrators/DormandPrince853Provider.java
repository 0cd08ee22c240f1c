package org.lcnflow.integrators;

import org.lcnflow.api.FlowIntegrator;

/**
 * {@code dormand-prince-853}: Hipparchus's {@code DormandPrince853Integrator}, an embedded Runge-Kutta
 * 8(5,3) pair. Rejected steps are counted exactly (at its error estimate). Hipparchus 4.0.2 evaluates
 * the field 15 times per attempted step (12 stages and 3 of dense output) plus 2 at the start (the
 * initial point and its starting-step guess); the observer's value and gradient at a step's end reuse
 * the evaluation Hipparchus made there.
 */
public final class DormandPrince853Provider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "dormand-prince-853";

    /** The provider ServiceLoader instantiates. */
    public DormandPrince853Provider() {
        super(NAME, "Hipparchus Dormand-Prince 8(5,3), embedded Runge-Kutta of order 8 with step control;"
                + " counts rejected steps", DormandPrince853Provider::create,
                "rtol", ParameterReader.RTOL_DOC,
                "atol", ParameterReader.ATOL_DOC,
                "minStep", ParameterReader.MIN_STEP_DOC,
                "maxStep", ParameterReader.MAX_STEP_DOC);
    }

    private static FlowIntegrator create(String name, ParameterReader reader) {
        double rtol = reader.rtol();
        double atol = reader.atol();
        double minStep = reader.minStep();
        double maxStep = reader.maxStep(minStep);
        String configuration = "rtol=" + rtol + ", atol=" + atol + ", minStep=" + minStep + ", maxStep=" + maxStep;
        return new HipparchusFlowIntegrator(name, configuration,
                (tMax, rejections) -> new CountingIntegrators.DormandPrince853(minStep, maxStep, atol, rtol,
                        rejections));
    }
}
