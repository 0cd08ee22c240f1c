package org.lcnflow.integrators;

import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.integrators.control.ParameterReader;
import org.lcnflow.integrators.extrapolation.GraggBulirschStoerFlowIntegrator;

/**
 * {@code gragg-bulirsch-stoer}: this module's own extrapolation integrator, Gragg's modified midpoint rule
 * with the harmonic step-number sequence {@code 2, 4, 6, ...}, Aitken-Neville extrapolation in {@code h^2},
 * and variable step size and order up to {@code maxOrder} (Hairer, Norsett and Wanner, Solving ODEs I,
 * II.9, and their code ODEX). It counts accepted and rejected steps, every gradient evaluation, and hands
 * its whole state to observers that ask, so a run can be checkpointed and resumed bit for bit. See
 * {@link GraggBulirschStoerFlowIntegrator}.
 */
public final class GraggBulirschStoerProvider extends ConfiguredProvider {

    /** The name users select it by. */
    public static final String NAME = "gragg-bulirsch-stoer";

    /** The default {@code maxOrder}: nine columns, as ODEX. */
    static final int DEFAULT_MAX_ORDER = 18;

    private static final String MAX_ORDER_RANGE = "an even integer in ["
            + GraggBulirschStoerFlowIntegrator.MIN_ORDER_LIMIT + ", " + GraggBulirschStoerFlowIntegrator.MAX_ORDER_LIMIT
            + "]";

    /** The provider ServiceLoader instantiates. */
    public GraggBulirschStoerProvider() {
        super(NAME, "Gragg-Bulirsch-Stoer extrapolation of the modified midpoint rule (sequence 2, 4, 6, ...),"
                + " variable step and order; counts rejected steps; resumable", GraggBulirschStoerProvider::create,
                parameters("maxOrder", "the order of the last column of the extrapolation table (maxOrder / 2"
                        + " columns); default " + DEFAULT_MAX_ORDER + "; " + MAX_ORDER_RANGE));
    }

    /** The adaptive step controls' parameters, then {@code name} with its documentation. */
    private static String[] parameters(String name, String doc) {
        String[] shared = ParameterReader.adaptiveStepParameters();
        String[] all = java.util.Arrays.copyOf(shared, shared.length + 2);
        all[shared.length] = name;
        all[shared.length + 1] = doc;
        return all;
    }

    private static FlowIntegrator create(String name, ParameterReader reader) {
        ParameterReader.AdaptiveSteps steps = reader.adaptiveSteps();
        int maxOrder = reader.integer("maxOrder", DEFAULT_MAX_ORDER, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (maxOrder < GraggBulirschStoerFlowIntegrator.MIN_ORDER_LIMIT
                || maxOrder > GraggBulirschStoerFlowIntegrator.MAX_ORDER_LIMIT || maxOrder % 2 != 0) {
            throw reader.outOfRange("maxOrder", MAX_ORDER_RANGE);
        }
        return new GraggBulirschStoerFlowIntegrator(name, steps.rtol(), steps.atol(), steps.initialStep(),
                steps.minStep(), steps.maxStep(), maxOrder);
    }
}
