package org.lcnflow.integrators;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lcnflow.api.FlowIntegrator;
import org.lcnflow.api.IntegratorProvider;
import org.lcnflow.api.Parameters;

/**
 * {@code dormand-prince-54}: this module's own embedded Runge-Kutta 5(4) pair of Dormand and Prince with
 * FSAL, error-per-step control with a PI step-size controller, and Hairer's automatic initial step. It
 * counts accepted and rejected steps; evaluations are 1 at {@code w0}, 1 for the automatic initial step
 * (none when {@code initialStep} is given) and 6 per attempted step (fewer when a stage is not finite).
 * See {@link ButcherTableau#DORMAND_PRINCE_54}.
 */
public final class DormandPrince54Provider implements IntegratorProvider {

    /** The name users select it by. */
    public static final String NAME = "dormand-prince-54";

    private static final Map<String, String> PARAMETERS;

    static {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("rtol", ParameterReader.RTOL_DOC);
        parameters.put("atol", ParameterReader.ATOL_DOC);
        parameters.put("initialStep", "the first step; default auto (Hairer's starting-step algorithm, one"
                + " evaluation); > 0, finite, in [minStep, maxStep]");
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
        return "embedded Runge-Kutta 5(4) of Dormand-Prince with FSAL and PI step control; counts rejected steps;"
                + " 6 evaluations per attempted step";
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
        double initialStep = reader.number("initialStep", Double.NaN, ParameterReader::positiveFinite,
                ParameterReader.POSITIVE_FINITE);
        if (reader.has("initialStep") && (initialStep < minStep || initialStep > maxStep)) {
            throw reader.outOfRange("initialStep", "in [minStep, maxStep] = [" + minStep + ", " + maxStep + "]",
                    parameters.get("initialStep"));
        }
        return RungeKuttaFlowIntegrator.adaptive(NAME, ButcherTableau.DORMAND_PRINCE_54, rtol, atol, initialStep,
                minStep, maxStep);
    }
}
