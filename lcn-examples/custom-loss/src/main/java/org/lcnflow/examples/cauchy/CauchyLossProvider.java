package org.lcnflow.examples.cauchy;

import java.util.Map;
import org.lcnflow.api.Loss;
import org.lcnflow.api.LossProvider;
import org.lcnflow.api.Parameters;

/**
 * Publishes {@link CauchyLoss} as {@code cauchy} with the parameter {@code c}; listed in
 * {@code META-INF/services/org.lcnflow.api.LossProvider}. Stateless.
 */
public final class CauchyLossProvider implements LossProvider {

    private static final Map<String, String> PARAMETERS = Map.of(Scale.NAME,
            "scale where the cost turns from quadratic to logarithmic; default 1; > 0, finite");

    /** For {@link java.util.ServiceLoader}. */
    public CauchyLossProvider() {
    }

    @Override
    public String name() {
        return CauchyLoss.NAME;
    }

    @Override
    public String description() {
        return "Cauchy (Lorentzian) loss (c^2/2) sum log(1 + (z_j - y_j)^2 / c^2): robust, analytic, not convex"
                + " (example plugin)";
    }

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Loss create(Parameters parameters) {
        return new CauchyLoss(Scale.read(CauchyLoss.NAME, parameters));
    }
}
