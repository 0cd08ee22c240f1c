package org.lcnflow.losses;

import java.util.Map;
import org.lcnflow.api.Loss;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;

/** Provides {@link PseudoHuberLoss} as {@code pseudo-huber} with parameter {@code delta}. */
public final class PseudoHuberLossProvider implements LossProvider {

    private static final Map<String, String> PARAMETERS =
            Map.of("delta", "transition scale between quadratic and linear behaviour; default 1; > 0, finite");

    /** For {@link java.util.ServiceLoader}. */
    public PseudoHuberLossProvider() {
    }

    @Override
    public String name() {
        return PseudoHuberLoss.NAME;
    }

    @Override
    public String description() {
        return "pseudo-Huber loss delta sum sqrt(1 + (z_j - y_j)^2 / delta^2)";
    }

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Loss create(Parameters parameters) {
        Checks.nonNull(parameters).requireOnly(PseudoHuberLoss.NAME, PARAMETERS.keySet());
        return new PseudoHuberLoss(
                Checks.read(parameters, PseudoHuberLoss.NAME, "delta", PseudoHuberLoss.DEFAULT_DELTA));
    }
}
