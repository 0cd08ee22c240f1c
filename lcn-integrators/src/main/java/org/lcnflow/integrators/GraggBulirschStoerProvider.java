package org.lcnflow.integrators;

import org.hipparchus.ode.nonstiff.GraggBulirschStoerIntegrator;
import org.lcnflow.api.FlowIntegrator;

/**
 * {@code gragg-bulirsch-stoer}: Hipparchus's {@code GraggBulirschStoerIntegrator}, extrapolation with
 * variable step and order. Its rejected steps are not reported ({@code rejectedSteps()} is always 0):
 * Hipparchus decides them inside one method with no hook to count them; evaluations are exact.
 */
public final class GraggBulirschStoerProvider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "gragg-bulirsch-stoer";

    /** The provider ServiceLoader instantiates. */
    public GraggBulirschStoerProvider() {
        super(NAME, "Hipparchus Gragg-Bulirsch-Stoer extrapolation, variable step and order; rejected steps are not"
                + " reported (always 0)", GraggBulirschStoerProvider::create,
                "rtol", ParameterReader.RTOL_DOC,
                "atol", ParameterReader.ATOL_DOC);
    }

    private static FlowIntegrator create(String name, ParameterReader reader) {
        double rtol = reader.rtol();
        double atol = reader.atol();
        return new HipparchusFlowIntegrator(name, "rtol=" + rtol + ", atol=" + atol,
                (tMax, rejections) -> new GraggBulirschStoerIntegrator(0.0, Double.POSITIVE_INFINITY, atol, rtol));
    }
}
